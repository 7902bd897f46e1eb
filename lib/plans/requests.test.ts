// Requests and approvals through the domain: a subscription to an API that requires approval waits and
// is refused (403 pending_approval) until approved; access and plan changes apply only when approved;
// a request is decided once; only the platform administrator decides; decisions are audited and mailed.
import { describe, expect, it } from "vitest";
import { makeApi } from "../../tests/factories/apps";
import { addPerson, ctx, makeDeveloperCompany, registered } from "../../tests/factories/domain";
import { makeUser } from "../../tests/factories/people";
import { companyMayUse } from "../apis/catalog";
import { db } from "../db";
import { forgetHotCache } from "../oauth/hot-cache";
import { checkPlan } from "./enforce";
import { createPlan, ensureDefaultPlan, setRequiresApproval } from "./plans";
import { decideRequest, listRequests, requestApiAccess, requestPlanChange } from "./requests";

async function gatedApi(admin: { id: string; email: string }, openToAll = true) {
  const api = await makeApi(db(), { openToAll });
  await ensureDefaultPlan(db(), api.id);
  await db().api.update({ where: { id: api.id }, data: { status: "PUBLISHED" } });
  await setRequiresApproval(api.id, true, admin, ctx);
  return api;
}

describe("requests", () => {
  it("keeps a subscription pending (403) until approved, decides once, and mails the developer and the DAs", async () => {
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const api = await gatedApi(admin);
    const { actor, company, user } = await makeDeveloperCompany();
    const { user: da } = await addPerson(company, ["DELEGATED_ADMIN"]);
    const app = await registered(actor, api.id);
    forgetHotCache();
    expect(await checkPlan({ appId: app.id, apiId: api.id })).toMatchObject({ ok: false, status: 403, rule: "pending_approval" });
    const request = await db().accessRequest.findFirstOrThrow({ where: { appId: app.id, kind: "subscription", status: "PENDING" } });
    expect((await listRequests(admin)).pending.map((r) => r.id)).toContain(request.id);
    await expect(decideRequest(request.id, "approve", {}, user, ctx)).rejects.toMatchObject({ code: "not_found" });
    await decideRequest(request.id, "approve", { reason: "fine" }, admin, ctx);
    await expect(decideRequest(request.id, "reject", {}, admin, ctx)).rejects.toMatchObject({ code: "conflict" });
    forgetHotCache();
    expect((await checkPlan({ appId: app.id, apiId: api.id })).ok).toBe(true);
    const mails = await db().outboxMail.findMany({
      where: { subject: { startsWith: "Approved:" }, toAddress: { in: [user.email, da.email] } },
    });
    expect(mails.map((m) => m.toAddress).sort()).toEqual([user.email, da.email].sort());
    expect(await db().auditLog.count({ where: { event: "request.approved", targetId: request.id, actorId: admin.id } })).toBe(1);
  });

  it("entitles a company only when its access request is approved; a rejected subscription is removed", async () => {
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const api = await gatedApi(admin, false);
    const { actor, company, hello } = await makeDeveloperCompany();
    expect(await companyMayUse(company.id, [api.id])).toBe(false);
    const first = await requestApiAccess(actor, api.id, { reason: "partner portal" }, ctx);
    await expect(requestApiAccess(actor, api.id, {}, ctx)).rejects.toMatchObject({ code: "conflict" });
    await decideRequest(first.id, "reject", { reason: "not yet" }, admin, ctx);
    expect(await companyMayUse(company.id, [api.id])).toBe(false);
    const second = await requestApiAccess(actor, api.id, {}, ctx);
    await decideRequest(second.id, "approve", {}, admin, ctx);
    expect(await companyMayUse(company.id, [api.id])).toBe(true);

    const app = await registered(actor, api.id, { apiIds: [api.id, hello.id] });
    const sub = await db().accessRequest.findFirstOrThrow({ where: { appId: app.id, kind: "subscription" } });
    await decideRequest(sub.id, "reject", { reason: "no" }, admin, ctx);
    expect(await db().appApiSubscription.findMany({ where: { appId: app.id }, select: { apiId: true } })).toEqual([{ apiId: hello.id }]);
  });

  it("moves an app to another plan only when approved; only its developer or a DA may ask", async () => {
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const api = await makeApi(db(), { openToAll: true });
    const basic = await ensureDefaultPlan(db(), api.id);
    const gold = await createPlan(api.id, { name: "Gold", ratePerMinute: "100" }, admin, ctx);
    const { actor, company } = await makeDeveloperCompany();
    const app = await registered(actor, api.id);
    const { actor: otherDev } = await addPerson(company, ["API_DEVELOPER"]);
    await expect(requestPlanChange(otherDev, app.id, { apiId: api.id, planId: gold.id }, ctx)).rejects.toMatchObject({
      code: expect.stringMatching(/forbidden|not_found/),
    });
    const asked = await requestPlanChange(actor, app.id, { apiId: api.id, planId: gold.id, reason: "launch" }, ctx);
    const planOf = async () => (await db().appApiSubscription.findFirstOrThrow({ where: { appId: app.id, apiId: api.id } })).planId;
    expect(await planOf()).toBe(basic);
    await decideRequest(asked.id, "approve", {}, admin, ctx);
    expect(await planOf()).toBe(gold.id);
  });
});
