// The management API's plans, requests and company sign-up routes through the real route modules:
// the platform administrator adds a plan, a developer sees the app's plan and quotas and asks for the
// plan, the administrator lists and approves the request; the setting reads and changes; and a
// developer's token gets 404 on the administrator's routes.
import { describe, expect, it } from "vitest";
import { call, json, tokenFor } from "../../tests/api-v1";
import { makeApi } from "../../tests/factories/apps";
import { makeCompany } from "../../tests/factories/companies";
import { makeDeveloperCompany, registered } from "../../tests/factories/domain";
import { makeUser } from "../../tests/factories/people";
import { db } from "../db";
import { ensureDefaultPlan } from "../plans/plans";

describe("plans, requests and company sign-up over /api/v1", () => {
  it("adds a plan, shows an app's plan and quota, takes a plan request and its approval", async () => {
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const home = await makeCompany(db());
    const adminToken = await tokenFor(admin, home.id, ["admin"]);
    const api = await makeApi(db(), { openToAll: true });
    await ensureDefaultPlan(db(), api.id);
    const created = await call("POST", `/apis/${api.id}/plans`, { token: adminToken.token, body: { name: "Ten a day", callsPerDay: 10 } });
    expect(created.status).toBe(201);
    const plan = await json<{ id: string; callsPerDay: number; ratePerMinute: number | null }>(created);
    expect(plan).toMatchObject({ callsPerDay: 10, ratePerMinute: null });
    const listed = await json<{ items: { name: string }[] }>(await call("GET", `/apis/${api.id}/plans`, { token: adminToken.token }));
    expect(listed.items.map((p) => p.name).sort()).toEqual(["Default", "Ten a day"]);

    const { actor, user, company } = await makeDeveloperCompany();
    const app = await registered(actor, api.id);
    const devToken = await tokenFor(user, company.id, ["apps:read", "apps:write"]);
    const before = await json<{ items: { planName: string; status: string; quotas: unknown[] }[] }>(
      await call("GET", `/apps/${app.id}/plans`, { token: devToken.token }),
    );
    expect(before.items).toEqual([expect.objectContaining({ planName: "Default", status: "ACTIVE", quotas: [] })]);
    const asked = await call("POST", `/apps/${app.id}/plan-requests`, {
      token: devToken.token,
      body: { apiId: api.id, planId: plan.id, reason: "more" },
    });
    expect(asked.status).toBe(201);
    const { id } = await json<{ id: string }>(asked);

    expect((await call("GET", "/requests", { token: devToken.token })).status).toBe(403);
    const waiting = await json<{ items: { id: string; kind: string; plan: string }[] }>(
      await call("GET", "/requests", { token: adminToken.token }),
    );
    expect(waiting.items).toContainEqual(expect.objectContaining({ id, kind: "plan", plan: "Ten a day" }));
    const approved = await call("POST", `/requests/${id}/approve`, { token: adminToken.token, body: { reason: "ok" } });
    expect(await json(approved)).toMatchObject({ id, status: "APPROVED", decisionReason: "ok" });
    expect((await call("POST", `/requests/${id}/reject`, { token: adminToken.token, body: {} })).status).toBe(409);
    const after = await json<{ items: { planName: string; quotas: { policy: string; used: number; limit: number }[] }[] }>(
      await call("GET", `/apps/${app.id}/plans`, { token: devToken.token }),
    );
    expect(after.items[0]).toMatchObject({ planName: "Ten a day", quotas: [{ policy: "day", used: 0, limit: 10 }] });
  });

  it("reads and changes the company sign-up setting", async () => {
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const home = await makeCompany(db());
    const t = await tokenFor(admin, home.id, ["admin"]);
    const before = await json<{ companySignUp: string }>(await call("GET", "/settings/company-sign-up", { token: t.token }));
    const set = await call("PUT", "/settings/company-sign-up", { token: t.token, body: { companySignUp: "request" } });
    expect(await json(set)).toEqual({ companySignUp: "request" });
    expect((await call("PUT", "/settings/company-sign-up", { token: t.token, body: { companySignUp: "anyone" } })).status).toBe(422);
    await call("PUT", "/settings/company-sign-up", { token: t.token, body: before });
  });
});
