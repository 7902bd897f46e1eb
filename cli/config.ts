// Where `api-console login` keeps the console URL and the personal access token: the user's config
// directory (XDG_CONFIG_HOME or ~/.config on Linux, ~/Library/Application Support on macOS, %APPDATA%
// on Windows; API_CONSOLE_CONFIG_DIR overrides), in config.json with mode 0600 (directory 0700).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface StoredConfig {
  url: string;
  token: string;
}

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.API_CONSOLE_CONFIG_DIR) return env.API_CONSOLE_CONFIG_DIR;
  const home = os.homedir();
  if (process.platform === "win32") return path.join(env.APPDATA ?? path.join(home, "AppData", "Roaming"), "api-console");
  if (process.platform === "darwin") return path.join(home, "Library", "Application Support", "api-console");
  return path.join(env.XDG_CONFIG_HOME || path.join(home, ".config"), "api-console");
}

export const configFile = (env?: NodeJS.ProcessEnv) => path.join(configDir(env), "config.json");

export function readConfig(env?: NodeJS.ProcessEnv): StoredConfig | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(configFile(env), "utf8")) as Partial<StoredConfig>;
    return typeof parsed.url === "string" && typeof parsed.token === "string" ? { url: parsed.url, token: parsed.token } : null;
  } catch {
    return null;
  }
}

export function writeConfig(config: StoredConfig, env?: NodeJS.ProcessEnv): string {
  const file = configFile(env);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written to a temporary file created 0600, then renamed: the token is never readable by others.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
  return file;
}

export function removeConfig(env?: NodeJS.ProcessEnv): boolean {
  try {
    fs.unlinkSync(configFile(env));
    return true;
  } catch {
    return false;
  }
}
