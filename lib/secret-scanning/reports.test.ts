// Leaked-secret reports through the route (app/api/secret-scanning/github), signed by the test's own
// ECDSA P-256 key configured in CONSOLE_SECRET_SCANNING_KEYS (GitHub's published shape): a live secret
// is revoked at once (then invalid_client), audited, mailed and sent as app.secret_leaked; a random
// `apcs_` string and a look-alike are false positives; missing headers 400, a wrong signature or an
// unknown key 401. Both pages' rule: a DA sees the company's reports, the platform administrator all.
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "../../app/api/secret-scanning/github/route";
import { expectAppError } from "../../tests/assertions";
import { addPerson, catalog, makeDeveloperCompany } from "../../tests/factories/domain";
import { basicHeader, makeOAuthApp } from "../../tests/factories/oauth";
import { makeUser } from "../../tests/factories/people";
import { makeWebhookEndpoint } from "../../tests/factories/webhooks";
import { generateClientSecret } from "../apps/credentials";
import { db } from "../db";
import { resetEnvCache } from "../env";
import { processTokenRequest } from "../oauth/token-endpoint";
import { listLeakReports } from "./reports";

const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const other = generateKeyPairSync("ec", { namedCurve: "P-256" });
const KEY_ID = "vitest-key-1";
const saved = process.env.CONSOLE_SECRET_SCANNING_KEYS;

beforeAll(async () => {
  await catalog();
  process.env.CONSOLE_SECRET_SCANNING_KEYS = JSON.stringify({
    public_keys: [{ key_identifier: KEY_ID, key: publicKey.export({ type: "spki", format: "pem" }), is_current: true }],
  });
  resetEnvCache();
});
afterAll(() => {
  if (saved === undefined) delete process.env.CONSOLE_SECRET_SCANNING_KEYS;
  else process.env.CONSOLE_SECRET_SCANNING_KEYS = saved;
  resetEnvCache();
});

function post(body: string, headers: Record<string, string>): Promise<Response> {
  return POST(
    new Request("http://localhost/api/secret-scanning/github", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    }),
  );
}

function signed(body: string, key = privateKey, keyId = KEY_ID): Record<string, string> {
  return {
    "Github-Public-Key-Identifier": keyId,
    "Github-Public-Key-Signature": sign("sha256", Buffer.from(body), { key, dsaEncoding: "der" }).toString("base64"),
  };
}

const sha256 = (v: string) => createHash("sha256").update(v).digest("hex");

const token = (clientId: string, secret: string) =>
  processTokenRequest({
    method: "POST",
    contentType: "application/x-www-form-urlencoded",
    authorization: basicHeader(clientId, secret),
    body: "grant_type=client_credentials",
    ip: "203.0.113.77",
    userAgent: "vitest",
  });

describe("POST /api/secret-scanning/github", () => {
  it("revokes a reported live secret at once, tells the owner, DAs and webhooks, and labels strangers false_positive", async () => {
    const { company, user: owner } = await makeDeveloperCompany();
    const { user: da } = await addPerson(company, ["DELEGATED_ADMIN"]);
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"], companyId: company.id });
    await db().app.update({ where: { id: app.appId }, data: { createdById: owner.id } });
    await makeWebhookEndpoint(db(), company.id, ["app.secret_leaked"]);
    expect((await token(app.clientId, app.clientSecret)).status).toBe(200);

    const stranger = generateClientSecret(); // well formed, checksum right, not ours
    const lookAlike = `apcs_${"a".repeat(38)}`; // wrong checksum
    const reports = [
      { token: app.clientSecret, type: "api_console_client_secret", url: "https://github.com/octo/leak/blob/1/app.env", source: "content" },
      { token: stranger, type: "api_console_client_secret", url: "https://github.com/octo/other", source: "commit" },
      { token: lookAlike, type: "api_console_client_secret", url: "", source: "content" },
    ];
    const body = JSON.stringify(reports);
    const answer = await post(body, signed(body));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual([
      { token_hash: sha256(app.clientSecret), token_type: "api_console_client_secret", label: "true_positive" },
      { token_hash: sha256(stranger), token_type: "api_console_client_secret", label: "false_positive" },
      { token_hash: sha256(lookAlike), token_type: "api_console_client_secret", label: "false_positive" },
    ]);

    // Revoked at once, no grace: the token endpoint refuses it now.
    const secret = await db().clientSecret.findFirstOrThrow({ where: { appId: app.appId } });
    expect(secret.revokedAt).not.toBeNull();
    const refused = await token(app.clientId, app.clientSecret);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toMatchObject({ error: "invalid_client" });

    expect(await db().auditLog.count({ where: { companyId: company.id, event: "secret.revoked_leaked", targetId: app.appId } })).toBe(1);
    const mails = await db().outboxMail.findMany({ where: { subject: { contains: `of ${app.name} was found in public` } } });
    expect(mails.map((m) => m.toAddress).sort()).toEqual([owner.email, da.email].sort());
    const [event] = await db().webhookMessage.findMany({ where: { companyId: company.id, type: "app.secret_leaked" } });
    expect(JSON.parse(event!.payload).data).toMatchObject({ app: { id: app.appId }, foundAt: reports[0]!.url, reportedBy: "github" });

    // Reported again: still ours (true_positive), nothing revoked twice, no second mail.
    const again = JSON.stringify([reports[0]]);
    expect(await (await post(again, signed(again))).json()).toEqual([expect.objectContaining({ label: "true_positive" })]);
    expect(await db().auditLog.count({ where: { companyId: company.id, event: "secret.revoked_leaked" } })).toBe(1);

    // The pages: the DA sees the company's two reports, the developer nothing, the platform administrator all three.
    const mine = await listLeakReports(da, { companyId: company.id });
    expect(mine.map((r) => [r.appId, r.outcome, r.label])).toEqual([
      [app.appId, "already_revoked", "true_positive"],
      [app.appId, "revoked", "true_positive"],
    ]);
    expect(JSON.stringify(mine)).not.toContain(app.clientSecret);
    await expectAppError(listLeakReports(owner, { companyId: company.id }), "not_found");
    await expectAppError(listLeakReports(da, { all: true }), "not_found");
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const all = await listLeakReports(admin, { all: true });
    expect(all.filter((r) => r.companyId === company.id)).toHaveLength(2);
    expect(all.find((r) => r.url === reports[1]!.url)).toMatchObject({ outcome: "unknown", label: "false_positive", companyId: null });
  });

  it("refuses missing headers (400), an unknown key or a wrong signature (401), and a body that is no list (422)", async () => {
    const body = JSON.stringify([{ token: generateClientSecret(), type: "t", url: "", source: "content" }]);
    expect((await post(body, {})).status).toBe(400);
    expect((await post(body, { "Github-Public-Key-Identifier": KEY_ID })).status).toBe(400);
    expect((await post(body, signed(body, other.privateKey))).status).toBe(401);
    expect((await post(body, signed(body, privateKey, "unknown-key"))).status).toBe(401);
    expect((await post(body, { ...signed(body), "Github-Public-Key-Signature": "not base64!" })).status).toBe(401);
    const tampered = body.replace("content", "commit");
    expect((await post(tampered, signed(body))).status).toBe(401);
    const notList = JSON.stringify({ token: "x" });
    expect((await post(notList, signed(notList))).status).toBe(422);
  });
});
