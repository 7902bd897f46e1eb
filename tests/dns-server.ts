// A real DNS server in the test process (dns2, UDP on 127.0.0.1) answering TXT questions from a map
// the test fills. Used by Vitest (lib/sso/domains.test.ts) and Playwright (e2e/sso.spec.ts); the
// console reaches it through CONSOLE_DNS_SERVERS.
import dns2 from "dns2";

const { Packet } = dns2;
type Answer = InstanceType<typeof Packet>["answers"][number];

export class TestDnsServer {
  /** name (lower-case, no trailing dot) → TXT values */
  readonly txt = new Map<string, string[]>();
  readonly questions: string[] = [];
  private server: ReturnType<typeof dns2.createServer> | null = null;

  constructor(readonly port: number) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  publish(name: string, ...values: string[]): void {
    this.txt.set(name.toLowerCase(), values);
  }

  async start(): Promise<void> {
    const server = dns2.createServer({
      udp: true,
      handle: (request, send) => {
        const response = Packet.createResponseFromRequest(request);
        const question = request.questions[0];
        const name = (question?.name ?? "").toLowerCase().replace(/\.$/, "");
        this.questions.push(name);
        const values = this.txt.get(name);
        if (!values) {
          response.header.rcode = 3; // NXDOMAIN
        } else if (question?.type === Packet.TYPE.TXT) {
          for (const data of values)
            response.answers.push({
              name: question.name,
              type: Packet.TYPE.TXT,
              class: Packet.CLASS.IN,
              ttl: 1,
              data,
            } as unknown as Answer);
        }
        send(response);
      },
    });
    await server.listen({ udp: { port: this.port, address: "127.0.0.1" } });
    this.server = server;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }
}
