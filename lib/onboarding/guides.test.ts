import { describe, expect, it } from "vitest";
import { addPerson, catalog, ctx, makeDeveloperCompany, registered } from "../../tests/factories/domain";
import { basicHeader } from "../../tests/factories/oauth";
import { writeAuditEntry } from "../audit";
import { db } from "../db";
import { newId } from "../ids";
import { flushUsage, recordApiCall } from "../metrics/recorder";
import { handleTokenRequest } from "../oauth/token-endpoint";
import { setCompanyTwoFactorPolicy } from "../security/two-factor/policy";
import type { Viewer } from "../users/viewer";
import { dismissGuide } from "./dismiss";
import { dismissedGuides } from "./guide-ids";
import { CLIENT_SECRET_PLACEHOLDER, companyGuide, developerGuide, guideFor, platformGuide } from "./guides";

const stepDone = (guide: { steps: { id: string; done: boolean }[] }) => Object.fromEntries(guide.steps.map((s) => [s.id, s.done]));

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 50 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
}

describe("Getting started steps, from what exists", () => {
  it("a developer's steps tick off as they register, get a token and make a counted call", async () => {
    const { user, company, hello, actor } = await makeDeveloperCompany();
    let guide = await developerGuide(user.id, company.id);
    expect(stepDone(guide)).toEqual({ register: false, token: false, call: false, usage: false });
    expect(guide.tokenCurl).toBeUndefined();

    const app = await registered(actor, hello.id);
    guide = await developerGuide(user.id, company.id);
    expect(stepDone(guide)).toEqual({ register: true, token: false, call: false, usage: false });
    expect(guide.tokenCurl?.clientId).toBe(app.clientId);
    expect(guide.tokenCurl?.command).toContain(`${app.clientId}:${CLIENT_SECRET_PLACEHOLDER}`);
    expect(guide.tokenCurl?.command).toMatch(/\/oauth2\/token$/);

    // Another developer's app of the same company ticks nothing off for this one.
    const other = await addPerson(company, ["API_DEVELOPER"]);
    const theirs = await registered(other.actor, hello.id);
    await db().appMilestone.create({ data: { appId: theirs.id } });
    recordApiCall({ companyId: company.id, appId: theirs.id, apiId: hello.id, status: 200, latencyMs: 3 });
    await flushUsage();
    expect(stepDone(await developerGuide(user.id, company.id))).toEqual({ register: true, token: false, call: false, usage: false });

    // Its first token (noted by the token endpoint, next test), then a counted call to the Hello API.
    await db().appMilestone.create({ data: { appId: app.id } });
    expect(stepDone(await developerGuide(user.id, company.id))).toEqual({ register: true, token: true, call: false, usage: false });
    recordApiCall({ companyId: company.id, appId: app.id, apiId: hello.id, status: 200, latencyMs: 3 });
    await flushUsage();
    guide = await developerGuide(user.id, company.id);
    expect(stepDone(guide)).toEqual({ register: true, token: true, call: true, usage: true });
    expect(guide.done).toBe(true);
  });

  it("a call to another API counts as a token and as usage, not as the first Hello API call; hourly rollups count like minutes", async () => {
    const { user, company, hello, actor } = await makeDeveloperCompany();
    const other = await db().api.create({
      data: { id: newId("api"), slug: `other-${Date.now().toString(36)}`, name: "Other", endpoint: "/other", status: "RETIRED" },
    });
    try {
      const app = await registered(actor, hello.id);
      recordApiCall({ companyId: company.id, appId: app.id, apiId: other.id, status: 200, latencyMs: 3 });
      await flushUsage();
      expect(stepDone(await developerGuide(user.id, company.id))).toEqual({ register: true, token: true, call: false, usage: true });
      // A failed Hello API call is not the first call.
      recordApiCall({ companyId: company.id, appId: app.id, apiId: hello.id, status: 500, latencyMs: 3 });
      await flushUsage();
      expect(stepDone(await developerGuide(user.id, company.id)).call).toBe(false);

      // Minutes rolled up into hours (and dropped) still tick the steps off.
      const second = await registered(actor, hello.id);
      await db().usageCounter.deleteMany({ where: { appId: app.id } });
      await db().usageRollup.create({
        data: {
          id: newId("usage"),
          granularity: "hour",
          companyId: company.id,
          appId: second.id,
          apiId: hello.id,
          minute: 60,
          outcome: "success",
          calls: 1,
        },
      });
      expect(stepDone(await developerGuide(user.id, company.id))).toEqual({ register: true, token: true, call: true, usage: true });
    } finally {
      await db().usageRollup.deleteMany({ where: { apiId: other.id } });
      await db().usageCounter.deleteMany({ where: { apiId: other.id } });
      await db().api.delete({ where: { id: other.id } });
    }
  });

  it("the token endpoint notes an app's first token", async () => {
    await catalog();
    const { makeOAuthApp } = await import("../../tests/factories/oauth");
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    const issued = await handleTokenRequest(
      new Request("http://localhost/oauth2/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: basicHeader(app.clientId, app.clientSecret) },
        body: "grant_type=client_credentials",
      }),
    );
    expect(issued.status).toBe(200);
    await until(async () => (await db().appMilestone.count({ where: { appId: app.appId } })) > 0);
    expect(await db().appMilestone.count({ where: { appId: app.appId } })).toBe(1);
  });

  it("a Delegated Administrator's steps: a developer added, the two-step policy saved either way", async () => {
    const { company } = await makeDeveloperCompany();
    const da = await addPerson(company, ["DELEGATED_ADMIN"]);
    // The developer made with the company counts; a company with only its DA does not.
    expect(stepDone(await companyGuide(da.user.id, company.id))).toEqual({ developer: true, "two-step": false });
    const { company: alone } = await (async () => {
      const { makeCompany } = await import("../../tests/factories/companies");
      return { company: await makeCompany(db()) };
    })();
    const { addMember } = await import("../../tests/factories/people");
    await addMember(db(), alone.id, da.user.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
    expect(stepDone(await companyGuide(da.user.id, alone.id))).toEqual({ developer: false, "two-step": false });

    await setCompanyTwoFactorPolicy({ id: da.user.id, email: da.user.email }, alone.id, false, ctx);
    expect(stepDone(await companyGuide(da.user.id, alone.id))).toEqual({ developer: false, "two-step": true });

    // A pending invitation with the API Developer role counts; one without it, or withdrawn, does not.
    const invite = (roles: string[], status = "PENDING") =>
      db().invitation.create({
        data: { id: newId("invitation"), companyId: alone.id, email: `${newId("invitation")}@example.com`, roles, status },
      });
    await invite(["DELEGATED_ADMIN"]);
    await invite(["API_DEVELOPER"], "WITHDRAWN");
    expect(stepDone(await companyGuide(da.user.id, alone.id)).developer).toBe(false);
    await invite(["API_DEVELOPER"]);
    expect(stepDone(await companyGuide(da.user.id, alone.id)).developer).toBe(true);
  });

  it("the platform administrator's steps: a company, a catalog change, an API behind the gateway", async () => {
    const { user } = await makeDeveloperCompany();
    expect(stepDone(await platformGuide()).company).toBe(true);
    // Retired, so no other test's catalog sees it.
    const slug = `gated-${Date.now().toString(36)}`;
    const api = await db().api.create({
      data: { id: newId("api"), slug, name: slug, endpoint: "/gated", status: "RETIRED", upstreamUrl: "https://upstream.example.com" },
    });
    try {
      expect(stepDone(await platformGuide()).gateway).toBe(true);
      await writeAuditEntry(user, { event: "api.updated", targetType: "api", targetId: api.id, metadata: { changed: ["summary"] } });
      expect(stepDone(await platformGuide()).catalog).toBe(true);
    } finally {
      await db().api.delete({ where: { id: api.id } });
    }
  });

  it("Dismiss is saved per person and per card", async () => {
    const { user } = await makeDeveloperCompany();
    await dismissGuide(user.id, "developer", ctx);
    await dismissGuide(user.id, "company", ctx);
    await dismissGuide(user.id, "developer", ctx);
    expect([...(await dismissedGuides(user.id))].sort()).toEqual(["company", "developer"]);
    await expect(dismissGuide(user.id, "nonsense", ctx)).rejects.toThrow();
  });

  it("a page's card: none once dismissed, whether the viewer carries the dismissed cards or not", async () => {
    const { user, company } = await makeDeveloperCompany();
    const viewer = (guidesDismissed?: string): Viewer => {
      const active = { companyId: company.id, companyName: company.name, companyStatus: "ACTIVE", roles: ["API_DEVELOPER" as const] };
      return {
        user: { id: user.id, email: user.email, name: user.name, isPlatformAdmin: false, emailVerified: true, guidesDismissed },
        sessionId: "s",
        authTime: 0,
        memberships: [active],
        active,
      };
    };
    expect((await guideFor(viewer(""), "developer"))?.id).toBe("developer");
    expect(await guideFor(viewer("developer"), "developer")).toBeNull();
    // Without the field (a viewer made elsewhere), the account is read.
    expect((await guideFor(viewer(), "developer"))?.id).toBe("developer");
    await dismissGuide(user.id, "developer", ctx);
    expect(await guideFor(viewer(), "developer")).toBeNull();
    // The company card needs the Delegated Administrator role.
    expect(await guideFor(viewer(""), "company")).toBeNull();
  });
});
