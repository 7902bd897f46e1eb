// Request logs of the gateway: written from the buffer, read by whoever may see the app (the
// developer their own, a Delegated Administrator the company's; another company's app is not found),
// filtered and paged, listed by the management API, pruned after CONSOLE_REQUEST_LOG_DAYS.
import { describe, expect, it } from "vitest";
import { call, json, tokenFor } from "../../tests/api-v1";
import { addPerson, makeDeveloperCompany, registered } from "../../tests/factories/domain";
import { resetEnvCache } from "../env";
import { AppError } from "../errors";
import { pruneExpired } from "../jobs/prune";
import { flushRequestLogs, recordRequestLog, redactQuery } from "./request-log";
import { curlFor, listRequestLogs } from "./request-log-query";

async function appWithLogs(count: number, at = Date.now()) {
  const dev = await makeDeveloperCompany();
  const app = await registered(dev.actor, dev.hello.id);
  for (let i = 0; i < count; i++) {
    recordRequestLog({
      companyId: dev.company.id,
      appId: app.id,
      apiId: dev.hello.id,
      at: new Date(at - i * 1000),
      method: i % 2 ? "POST" : "GET",
      path: i % 3 ? "/gateway/hello/items" : "/gateway/hello/other",
      query: redactQuery("token=abc&q=1"),
      status: i % 4 === 0 ? 503 : 200,
      latencyMs: 10 + i,
      requestId: `rid-${i}`,
    });
  }
  await flushRequestLogs();
  return { ...dev, app };
}

describe("request logs", () => {
  it("redacts every query value and keeps the names", () => {
    expect(redactQuery("api_key=secret&page=2&flag")).toBe("api_key=REDACTED&page=REDACTED&flag");
    expect(redactQuery("")).toBe("");
  });

  it("pages newest first, filters by status class and path, and copies as curl without a credential", async () => {
    const { actor, app } = await appWithLogs(7);
    const first = await listRequestLogs(actor, app.id, { limit: 3 });
    expect(first.items.map((r) => r.requestId)).toEqual(["rid-0", "rid-1", "rid-2"]);
    const second = await listRequestLogs(actor, app.id, { limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((r) => r.requestId)).toEqual(["rid-3", "rid-4", "rid-5"]);
    const last = await listRequestLogs(actor, app.id, { limit: 3, cursor: second.nextCursor! });
    expect(last.items.map((r) => r.requestId)).toEqual(["rid-6"]);
    expect(last.nextCursor).toBeNull();

    const errors = await listRequestLogs(actor, app.id, { status: "5" });
    expect(errors.items.map((r) => r.requestId)).toEqual(["rid-0", "rid-4"]);
    const other = await listRequestLogs(actor, app.id, { path: "/gateway/hello/other" });
    expect(other.items.map((r) => r.requestId)).toEqual(["rid-0", "rid-3", "rid-6"]);

    const curl = curlFor("https://console.example", first.items[1]!);
    expect(curl).toBe(
      `curl -X POST 'https://console.example/gateway/hello/items?token=REDACTED&q=REDACTED' -H "Authorization: Bearer $ACCESS_TOKEN"`,
    );
  });

  it("shows an app's logs to its developer and the company's DA, not to another developer or company", async () => {
    const { company, actor, app } = await appWithLogs(2);
    const da = await addPerson(company, ["DELEGATED_ADMIN"]);
    expect((await listRequestLogs(da.actor, app.id)).items).toHaveLength(2);
    const colleague = await addPerson(company, ["API_DEVELOPER"]);
    await expect(listRequestLogs(colleague.actor, app.id)).rejects.toMatchObject({ code: "not_found" });
    const stranger = await makeDeveloperCompany();
    await expect(listRequestLogs(stranger.actor, app.id)).rejects.toBeInstanceOf(AppError);
    expect((await listRequestLogs(actor, app.id)).items).toHaveLength(2);
  });

  it("lists through the management API", async () => {
    const { user, company, app } = await appWithLogs(3);
    const { token } = await tokenFor(user, company.id, ["usage:read"]);
    const r = await call("GET", `/apps/${app.id}/logs?status=2&limit=10`, { token });
    expect(r.status).toBe(200);
    const body = await json<{ items: { requestId: string; status: number; query: string }[]; nextCursor: string | null }>(r);
    expect(body.items.map((i) => i.requestId)).toEqual(["rid-1", "rid-2"]);
    expect(body.items[0]!.query).toBe("token=REDACTED&q=REDACTED");
    const stranger = await makeDeveloperCompany();
    const { token: other } = await tokenFor(stranger.user, stranger.company.id, ["usage:read"]);
    expect((await call("GET", `/apps/${app.id}/logs`, { token: other })).status).toBe(404);
  });

  it("prunes rows older than CONSOLE_REQUEST_LOG_DAYS", async () => {
    process.env.CONSOLE_REQUEST_LOG_DAYS = "3";
    resetEnvCache();
    try {
      const now = Date.now();
      const { actor, app } = await appWithLogs(1, now - 4 * 86_400_000);
      const fresh = await appWithLogs(1, now - 2 * 86_400_000);
      const result = await pruneExpired(new Date(now));
      expect(result.requestLogs).toBeGreaterThanOrEqual(1);
      expect((await listRequestLogs(actor, app.id)).items).toHaveLength(0);
      expect((await listRequestLogs(fresh.actor, fresh.app.id)).items).toHaveLength(1);
    } finally {
      delete process.env.CONSOLE_REQUEST_LOG_DAYS;
      resetEnvCache();
    }
  });
});
