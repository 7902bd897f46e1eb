// Waits for a console started as a child process (scripts/start.ts) to answer its health check; shared
// by the fault injection (scripts/faults.ts) and the load run (bench/load.ts).
import type { ChildProcess } from "node:child_process";

/**
 * Resolves with `child` once `healthUrl` answers 2xx; rejects with the end of its output when it exits
 * first or has not answered after `timeoutMs`. `name` says which server in those messages.
 */
export function whenHealthy(child: ChildProcess, healthUrl: string, name: string, timeoutMs: number): Promise<ChildProcess> {
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`${name} exited during start:\n${log.slice(-3000)}`));
      try {
        if ((await fetch(healthUrl)).ok) return resolve(child);
      } catch {}
      if (Date.now() > deadline) return reject(new Error(`${name} did not start:\n${log.slice(-3000)}`));
      setTimeout(poll, 250);
    };
    void poll();
  });
}
