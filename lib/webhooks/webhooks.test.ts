// Webhooks end to end below the page: endpoints, the outbox written by a domain change, delivery by the
// job with retries (the clock is moved by passing `now`), the delivery log, Resend, the test event,
// disabling after 24 h of failures, and the URL rules. A real receiver verifies every signature with
// the `standardwebhooks` library.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAppError } from "../../tests/assertions";
import { makeCompany } from "../../tests/factories/companies";
import { addMember as addMemberRow, makeUser } from "../../tests/factories/people";
import { addMember } from "../companies/members";
import { db } from "../db";
import { resetEnvCache } from "../env";
import { emitEvent } from "../events/emit";
import { attemptDelivery, backoffMs, deliverDueWebhooks } from "./deliver";
import {
  createWebhookEndpoint,
  enableWebhookEndpoint,
  listWebhookEndpoints,
  resendDelivery,
  revealWebhookSecret,
  sendTestEvent,
} from "./endpoints";
import { addressRefusal, checkWebhookUrl, RefusedAddressError, safeLookup } from "./url-safety";

const ctx = { ip: "198.51.100.9", userAgent: "vitest webhooks" };
// Ports beside the run's test SMTP port (each run has its own), so runs side by side do not meet.
const PORT = Number(process.env.TEST_SMTP_PORT ?? 4551) + 3;
const CLOSED_PORT = PORT + 1; // nothing listens here
const HOUR = 3_600_000;

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  verified: unknown;
}
let server: Server;
const received: Received[] = [];
/** What the receiver answers next, per path: a status list consumed in order (then 200). */
const script = new Map<string, number[]>();
const secrets = new Map<string, string>(); // path → signing secret

beforeAll(async () => {
  process.env.CONSOLE_WEBHOOKS_ALLOW_LOOPBACK = "1";
  resetEnvCache();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString();
      const path = req.url ?? "/";
      let verified: unknown = null;
      const secret = secrets.get(path);
      if (secret) verified = new Webhook(secret).verify(body, req.headers as Record<string, string>); // throws on a bad signature
      received.push({ path, headers: req.headers, body, verified });
      const status = script.get(path)?.shift() ?? 200;
      if (status === 302) res.writeHead(302, { location: `${path}/elsewhere` }).end();
      else res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "thanks " + "x".repeat(2000) : "not now");
    });
  });
  server.listen(PORT, "127.0.0.1");
  await once(server, "listening");
  expect((server.address() as AddressInfo).port).toBe(PORT);
});

afterAll(async () => {
  server.close();
  delete process.env.CONSOLE_WEBHOOKS_ALLOW_LOOPBACK;
  resetEnvCache();
});

let n = 0;
async function companyWithDa() {
  const company = await makeCompany(db());
  const user = await makeUser(db());
  await addMemberRow(db(), company.id, user.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  return { company, da: { id: user.id, email: user.email } };
}
const hookPath = () => `/hook-${process.pid}-${++n}`;

/** A company whose DA adds an endpoint at a new path of the test receiver, which then knows its secret. */
async function endpointAtReceiver(eventTypes: string[]) {
  const { company, da } = await companyWithDa();
  const path = hookPath();
  const created = await createWebhookEndpoint(da, company.id, { url: `http://127.0.0.1:${PORT}${path}`, eventTypes }, ctx);
  secrets.set(path, created.secret);
  return { company, da, path, created };
}

describe("delivery", () => {
  it("signs each event, retries with backoff until the receiver answers, and logs every attempt", async () => {
    const { company, da, path, created } = await endpointAtReceiver(["member.added", "app.registered"]);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    script.set(path, [500, 503]);

    // A domain change writes the event in its own transaction; nothing is sent until the job runs.
    const newcomer = await makeUser(db());
    await addMember(da, company.id, { email: newcomer.email, roles: ["API_DEVELOPER"] }, ctx);
    const delivery = await db().webhookDelivery.findFirstOrThrow({ where: { endpointId: created.id } });
    expect(delivery).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(received.filter((r) => r.path === path)).toHaveLength(0);

    const t0 = new Date(Date.now() + 1000);
    expect(await deliverDueWebhooks(t0)).toMatchObject({ attempted: 1, succeeded: 0 });
    // Not due again before the backoff has passed.
    expect(await attemptDelivery(delivery.id, new Date(t0.getTime() + backoffMs(1) - 1000))).toBeNull();
    const t1 = new Date(t0.getTime() + backoffMs(1));
    expect(await deliverDueWebhooks(t1)).toMatchObject({ attempted: 1, succeeded: 0 });
    const t2 = new Date(t1.getTime() + backoffMs(2));
    expect(backoffMs(2)).toBe(2 * backoffMs(1));
    expect(await deliverDueWebhooks(t2)).toMatchObject({ attempted: 1, succeeded: 1 });

    const hits = received.filter((r) => r.path === path);
    expect(hits).toHaveLength(3);
    // Every attempt carries the same message id and a valid signature over the same body.
    expect(new Set(hits.map((h) => h.headers["webhook-id"]))).toEqual(new Set([delivery.messageId]));
    for (const h of hits) {
      expect(h.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(h.verified).toMatchObject({ type: "member.added", data: { companyId: company.id, member: { email: newcomer.email } } });
    }
    expect(JSON.parse(hits[2]!.body)).toEqual({ type: "member.added", timestamp: expect.any(String), data: expect.any(Object) });
    // A changed body fails verification with the library.
    expect(() => new Webhook(created.secret).verify(hits[0]!.body + " ", hits[0]!.headers as Record<string, string>)).toThrow();

    const [view] = await listWebhookEndpoints(da, company.id);
    const logged = view!.deliveries.find((d) => d.id === delivery.id)!;
    expect(logged).toMatchObject({ status: "SUCCEEDED", attempts: 3, type: "member.added" });
    expect(logged.log.map((a) => a.statusCode)).toEqual([200, 503, 500]);
    expect(logged.log[0]!.responseBody).toHaveLength(1024);
    expect(logged.log[0]!.responseBody.startsWith("thanks ")).toBe(true);
    expect(logged.log[2]!.responseBody).toBe("not now");
    for (const a of logged.log) expect(a.latencyMs).toBeGreaterThanOrEqual(0);

    // Resend: the same message again, at once, as a fourth attempt.
    const again = await resendDelivery(da, company.id, delivery.id, ctx, new Date(t2.getTime() + 60_000));
    expect(again).toMatchObject({ ok: true, statusCode: 200, attempts: 4 });
    expect(received.filter((r) => r.path === path)).toHaveLength(4);
    expect(received.at(-1)!.headers["webhook-id"]).toBe(delivery.messageId);
  });

  it("sends a test event to one endpoint at once, and shows the secret again only after a recent proof", async () => {
    const { company, da, path, created } = await endpointAtReceiver(["app.deleted"]);
    const result = await sendTestEvent(da, company.id, created.id, ctx);
    expect(result).toMatchObject({ ok: true, statusCode: 200, attempts: 1 });
    expect(received.at(-1)).toMatchObject({ path, verified: { type: "webhook.test", data: { companyId: company.id } } });

    await expectAppError(
      revealWebhookSecret(da, company.id, created.id, { provenAt: Math.floor(Date.now() / 1000) - 3600 }, ctx),
      "unauthenticated",
    );
    expect(await revealWebhookSecret(da, company.id, created.id, { provenAt: Math.floor(Date.now() / 1000) }, ctx)).toBe(created.secret);
    const audit = await db().auditLog.findMany({ where: { companyId: company.id, targetId: created.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.event)).toEqual(["webhook.created", "webhook.test_sent", "webhook.secret_revealed"]);
    expect(JSON.stringify(audit)).not.toContain(created.secret);

    // Another company's Delegated Administrator finds nothing.
    const other = await companyWithDa();
    await expectAppError(sendTestEvent(other.da, other.company.id, created.id, ctx), "not_found");
    await expectAppError(
      revealWebhookSecret(other.da, other.company.id, created.id, { provenAt: Math.floor(Date.now() / 1000) }, ctx),
      "not_found",
    );
    expect(await listWebhookEndpoints(other.da, other.company.id)).toEqual([]);
    // And an API Developer of the same company may not manage endpoints.
    const dev = await makeUser(db());
    await addMemberRow(db(), company.id, dev.id, ["API_DEVELOPER"]);
    await expectAppError(listWebhookEndpoints({ id: dev.id, email: dev.email }, company.id), "not_found");
  });

  it("does not follow redirects", async () => {
    const { company, da, path, created } = await endpointAtReceiver(["app.deleted"]);
    script.set(path, [302]);
    const result = await sendTestEvent(da, company.id, created.id, ctx);
    expect(result).toMatchObject({ ok: false, statusCode: 302 });
    expect(received.filter((r) => r.path.startsWith(`${path}/elsewhere`))).toHaveLength(0);
  });

  it("a signing secret that does not open fails its delivery with the reason; the company's other endpoint still gets the event", async () => {
    const { company, da, path } = await endpointAtReceiver(["app.deleted"]);
    const broken = await createWebhookEndpoint(
      da,
      company.id,
      { url: `http://127.0.0.1:${PORT}${hookPath()}`, eventTypes: ["app.deleted"] },
      ctx,
    );
    // As after restoring a database without its master key: the sealed secret no longer opens.
    await db().webhookEndpoint.update({ where: { id: broken.id }, data: { secretCiphertext: "sealed-under-another-key" } });
    const messageId = await emitEvent(db(), company.id, "app.deleted", { app: { id: "app_gone" } });
    const deliveries = await db().webhookDelivery.findMany({ where: { messageId: messageId! } });
    expect(deliveries).toHaveLength(2);
    for (const d of deliveries) await attemptDelivery(d.id, new Date(), { force: true });
    const after = await db().webhookDelivery.findMany({ where: { messageId: messageId! }, include: { attemptLog: true } });
    const failed = after.find((d) => d.endpointId === broken.id)!;
    expect(failed).toMatchObject({ status: "FAILED", attempts: 1, leaseUntil: null });
    expect(failed.attemptLog[0]!.error).toContain("master key");
    expect(after.find((d) => d.endpointId !== broken.id)).toMatchObject({ status: "SUCCEEDED" });
    expect(received.at(-1)).toMatchObject({ path, verified: { type: "app.deleted" } });
  });

  it("writes nothing when the change rolls back, and nothing for a company without endpoints", async () => {
    const { company, da } = await companyWithDa();
    await createWebhookEndpoint(da, company.id, { url: `http://127.0.0.1:${PORT}${hookPath()}`, eventTypes: ["app.deleted"] }, ctx);
    await expect(
      db().$transaction(async (tx) => {
        expect(await emitEvent(tx, company.id, "app.deleted", { app: { id: "app_x" } })).toMatch(/^msg_/);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await db().webhookMessage.count({ where: { companyId: company.id } })).toBe(0);
    // Subscribed to app.deleted only: another type writes nothing.
    expect(await emitEvent(db(), company.id, "app.registered", {})).toBeNull();
    const bare = await companyWithDa();
    expect(await emitEvent(db(), bare.company.id, "app.deleted", {})).toBeNull();
  });

  it("disables an endpoint that failed for 24 hours and mails the company's Delegated Administrators", async () => {
    const { company, da } = await companyWithDa();
    const created = await createWebhookEndpoint(
      da,
      company.id,
      { url: `http://127.0.0.1:${CLOSED_PORT}/gone`, eventTypes: ["app.deleted"] },
      ctx,
    );
    const t0 = new Date(Date.now() + 5 * HOUR);
    await emitEvent(db(), company.id, "app.deleted", { app: { id: "app_gone" } }, { now: t0 });
    const delivery = await db().webhookDelivery.findFirstOrThrow({ where: { endpointId: created.id } });
    const first = await attemptDelivery(delivery.id, t0);
    expect(first).toMatchObject({ ok: false, statusCode: null });
    expect(first!.error).toBeTruthy();
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("ACTIVE");

    const later = new Date(t0.getTime() + 24 * HOUR);
    await attemptDelivery(delivery.id, later, { force: true });
    const endpoint = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(endpoint).toMatchObject({ status: "DISABLED", disabledReason: expect.stringContaining("24 hours") });
    expect((await db().webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status).toBe("FAILED");
    const mail = await db().outboxMail.findFirst({ where: { toAddress: da.email, subject: { contains: "was disabled" } } });
    expect(mail?.text).toContain(`http://127.0.0.1:${CLOSED_PORT}/gone`);
    // A disabled endpoint gets no test events until it is enabled again.
    await expectAppError(sendTestEvent(da, company.id, created.id, ctx), "conflict");
    await enableWebhookEndpoint(da, company.id, created.id, ctx);
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("ACTIVE");
  });
});

describe("where an endpoint may point", () => {
  it("takes https URLs only, and refuses private, loopback and link-local addresses", async () => {
    expect(checkWebhookUrl("https://hooks.example.com/in", false)).toHaveProperty("url");
    for (const bad of [
      "http://hooks.example.com/in",
      "https://10.0.0.5/in",
      "https://192.168.1.20/in",
      "https://172.20.0.1/in",
      "https://169.254.169.254/latest/meta-data",
      "https://127.0.0.1/in",
      "https://[::1]/in",
      "https://[fd00::1]/in",
      "https://[fe80::1]/in",
      "https://[::ffff:10.0.0.1]/in",
      "https://localhost/in",
      "https://user:pw@hooks.example.com/in",
      "ftp://hooks.example.com/in",
      "not a url",
    ])
      expect(checkWebhookUrl(bad, false), bad).toHaveProperty("error");
    // The development switch lets loopback through, over http too, and nothing else private.
    expect(checkWebhookUrl("http://127.0.0.1:8080/in", true)).toHaveProperty("url");
    expect(checkWebhookUrl("http://localhost:8080/in", true)).toHaveProperty("url");
    expect(checkWebhookUrl("https://10.0.0.5/in", true)).toHaveProperty("error");
    expect(checkWebhookUrl("http://hooks.example.com/in", true)).toHaveProperty("error");
    expect(addressRefusal("93.184.216.34", false)).toBeNull();
    expect(addressRefusal("2606:2800:220:1::1", false)).toBeNull();
  });

  it("checks the addresses a name resolves to, at connection time", async () => {
    const result = await new Promise<{ error: Error | null; address: unknown }>((resolve) =>
      safeLookup(false)("localhost", {}, (error, address) => resolve({ error, address })),
    );
    expect(result.error).toBeInstanceOf(RefusedAddressError);
    expect(result.error!.message).toContain("127.0.0.1");
  });

  it("refuses a private address when the endpoint is added", async () => {
    const { company, da } = await companyWithDa();
    const e = await expectAppError(
      createWebhookEndpoint(da, company.id, { url: "https://10.1.2.3/in", eventTypes: ["app.deleted"] }, ctx),
      "validation",
    );
    expect(e.fieldErrors?.url?.[0]).toContain("private");
    await expectAppError(createWebhookEndpoint(da, company.id, { url: "https://hooks.example.com/in", eventTypes: [] }, ctx), "validation");
    await expectAppError(
      createWebhookEndpoint(da, company.id, { url: "https://hooks.example.com/in", eventTypes: ["no.such_event"] }, ctx),
      "validation",
    );
    expect(await db().webhookEndpoint.count({ where: { companyId: company.id } })).toBe(0);
  });
});
