// A real SMTP server in the test process (smtp-server + mailparser) that keeps every message it
// receives, parsed. Used by Vitest (lib/mail/sender.test.ts) and Playwright (e2e/mail.spec.ts).
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | null = null;

  constructor(readonly port: number) {}

  /** The port it listens on (the ephemeral one when constructed with port 0, once started). */
  private bound = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.bound || this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      // No reverse DNS lookup of the client (this machine has no resolver: each lookup waits for a timeout).
      disableReverseLookup: true,
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail: ParsedMail) => {
            const to = Array.isArray(mail.to) ? mail.to.flatMap((a) => a.value) : (mail.to?.value ?? []);
            this.received.push({
              messageId: mail.messageId ?? "",
              to: to.map((a) => a.address ?? "").join(","),
              subject: mail.subject ?? "",
              text: mail.text ?? "",
              html: typeof mail.html === "string" ? mail.html : "",
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    const address = (server as unknown as { server: import("node:net").Server }).server.address();
    this.bound = typeof address === "object" && address ? address.port : this.port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.toLowerCase() === address.toLowerCase());
  }
}
