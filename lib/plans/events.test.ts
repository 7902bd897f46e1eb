// Webhook events of plans: subscription.requested when a subscription waits for approval (and for API
// access and plan changes), subscription.approved / subscription.rejected when decided, quota.warning
// when a call crosses 80 % and 100 % of a quota — each written in the transaction of the change.
import { beforeAll, describe, expect, it } from "vitest";
import { makeApi } from "../../tests/factories/apps";
import { catalog, ctx, makeDeveloperCompany, registered } from "../../tests/factories/domain";
import { makeUser } from "../../tests/factories/people";
import { db } from "../db";
import { forgetHotCache } from "../oauth/hot-cache";
import { checkPlan } from "./enforce";
import { createPlan, ensureDefaultPlan, setRequiresApproval } from "./plans";
import { settledQuotaNotices } from "./quota-notices";
import { decideRequest } from "./requests";

const TYPES = ["subscription.requested", "subscription.approved", "subscription.rejected", "quota.warning"];

beforeAll(async () => {
  await catalog();
});

async function companyWithEndpoint() {
  const dev = await makeDeveloperCompany();
  await db().webhookEndpoint.create({
    data: {
      id: `whe_${dev.company.id}`,
      companyId: dev.company.id,
      url: "https://hooks.example.com/in",
      eventTypes: TYPES,
      secretCiphertext: "x",
    },
  });
  return dev;
}

const events = async (companyId: string) =>
  (await db().webhookMessage.findMany({ where: { companyId }, orderBy: { createdAt: "asc" } })).map((m) => ({
    type: m.type,
    data: JSON.parse(m.payload).data,
  }));

describe("plan events", () => {
  it("sends subscription.requested, then approved or rejected, with the app and API", async () => {
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const api = await makeApi(db(), { openToAll: true });
    await ensureDefaultPlan(db(), api.id);
    await db().api.update({ where: { id: api.id }, data: { status: "PUBLISHED" } });
    await setRequiresApproval(api.id, true, admin, ctx);
    const { company, actor } = await companyWithEndpoint();
    const first = await registered(actor, api.id);
    const second = await registered(actor, api.id);
    const requestOf = (appId: string) => db().accessRequest.findFirstOrThrow({ where: { appId, kind: "subscription" } });
    await decideRequest((await requestOf(first.id)).id, "approve", {}, admin, ctx);
    await decideRequest((await requestOf(second.id)).id, "reject", { reason: "not now" }, admin, ctx);
    const sent = await events(company.id);
    expect(sent.map((e) => [e.type, e.data.app?.id])).toEqual([
      ["subscription.requested", first.id],
      ["subscription.requested", second.id],
      ["subscription.approved", first.id],
      ["subscription.rejected", second.id],
    ]);
    expect(sent[0]!.data).toMatchObject({ companyId: company.id, request: { kind: "subscription" }, api: { id: api.id } });
    expect(sent[3]!.data.reason).toBe("not now");
  });

  it("sends quota.warning at 80 % and at 100 % of a day's quota, once each", async () => {
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const api = await makeApi(db(), { openToAll: true });
    await ensureDefaultPlan(db(), api.id);
    await createPlan(api.id, { name: "Five a day", callsPerDay: "5", isDefault: true }, admin, ctx);
    const { company, actor } = await companyWithEndpoint();
    const app = await registered(actor, api.id);
    forgetHotCache();
    const noon = Date.UTC(2026, 11, 7, 12, 0, 0);
    for (let i = 0; i < 6; i++) await checkPlan({ appId: app.id, apiId: api.id, now: noon });
    await settledQuotaNotices();
    const warnings = (await events(company.id)).filter((e) => e.type === "quota.warning");
    expect(warnings.map((e) => [e.data.percent, e.data.window, e.data.limit, e.data.app.id])).toEqual([
      [80, "day", 5, app.id],
      [100, "day", 5, app.id],
    ]);
  });
});
