import { describe, expect, it } from "vitest";
import { makeCompany } from "../../tests/factories/companies";
import { addMember, makeUser } from "../../tests/factories/people";
import { db } from "../db";
import { newId } from "../ids";
import type { Role } from "../permissions";
import type { Viewer } from "../users/viewer";
import { resolveUsageScope } from "./access";

function viewerOf(
  user: { id: string; email: string; name: string; isPlatformAdmin: boolean },
  company?: { id: string; name: string },
  roles: Role[] = [],
): Viewer {
  const active = company ? { companyId: company.id, companyName: company.name, companyStatus: "ACTIVE", roles } : null;
  return {
    user: { ...user, emailVerified: true },
    sessionId: "ses_test",
    authTime: Math.floor(Date.now() / 1000),
    memberships: active ? [active] : [],
    active,
  };
}

async function makeApp(companyId: string, createdById: string) {
  return db().app.create({
    data: {
      id: newId("app"),
      clientId: `apc_${newId("app").slice(4, 28)}`,
      companyId,
      createdById,
      name: "Usage App",
      nameKey: `usage-app-${Math.random()}`,
      grantTypes: ["client_credentials"],
      termsVersion: "2026-11-01",
      termsAcceptedAt: new Date(),
    },
  });
}

const notFound = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: "not_found" });

describe("who may see which usage", () => {
  it("shows an app's usage to its developer and the company's DAs only", async () => {
    const company = await makeCompany(db());
    const other = await makeCompany(db());
    const dev = await makeUser(db());
    const dev2 = await makeUser(db());
    const da = await makeUser(db());
    const outsider = await makeUser(db());
    await addMember(db(), company.id, dev.id, ["API_DEVELOPER"]);
    const app = await makeApp(company.id, dev.id);
    expect((await resolveUsageScope(viewerOf(dev, company, ["API_DEVELOPER"]), { app: app.id })).scope).toEqual({ appId: app.id });
    expect((await resolveUsageScope(viewerOf(da, company, ["DELEGATED_ADMIN"]), { app: app.id })).scope).toEqual({ appId: app.id });
    await notFound(resolveUsageScope(viewerOf(dev2, company, ["API_DEVELOPER"]), { app: app.id }));
    await notFound(resolveUsageScope(viewerOf(outsider, other, ["DELEGATED_ADMIN"]), { app: app.id }));
    await notFound(resolveUsageScope(viewerOf(dev, company, ["API_DEVELOPER"]), { app: "app_missing" }));
  });

  it("follows the apps' own visibility rule: the right roles in the app's company, and the active company only", async () => {
    const company = await makeCompany(db());
    const other = await makeCompany(db());
    const dev = await makeUser(db());
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const app = await makeApp(company.id, dev.id);
    // The developer who registered it, acting for another company (or for none), does not see it.
    await notFound(resolveUsageScope(viewerOf(dev, other, ["API_DEVELOPER", "DELEGATED_ADMIN"]), { app: app.id }));
    await notFound(resolveUsageScope(viewerOf(dev), { app: app.id }));
    // Without a role that lets one see apps (apps.read.own / apps.read.company), not even one's own.
    await notFound(resolveUsageScope(viewerOf(dev, company, []), { app: app.id }));
    // The platform administrator sees any app's usage (usage.read.all), whatever company is active.
    expect((await resolveUsageScope(viewerOf(admin), { app: app.id })).title).toBe("Usage App");
    expect((await resolveUsageScope(viewerOf(admin, other, ["API_DEVELOPER"]), { app: app.id })).scope).toEqual({ appId: app.id });
    await notFound(resolveUsageScope(viewerOf(admin), { app: "app_missing" }));
  });

  it("keeps company-wide and platform-wide usage to DAs and the platform administrator", async () => {
    const company = await makeCompany(db());
    const dev = await makeUser(db());
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    await notFound(resolveUsageScope(viewerOf(dev, company, ["API_DEVELOPER"]), { company: "current" }));
    expect((await resolveUsageScope(viewerOf(dev, company, ["DELEGATED_ADMIN"]), { company: "current" })).scope).toEqual({
      companyId: company.id,
    });
    await notFound(resolveUsageScope(viewerOf(dev, company, ["DELEGATED_ADMIN"]), { all: "1" }));
    await notFound(resolveUsageScope(viewerOf(dev, company, ["DELEGATED_ADMIN"]), { company: company.id }));
    expect((await resolveUsageScope(viewerOf(admin), { all: "1" })).scope).toEqual({ all: true });
    expect((await resolveUsageScope(viewerOf(admin), { company: company.id })).scope).toEqual({ companyId: company.id });
    await notFound(resolveUsageScope(viewerOf(admin), { company: "com_missing" }));
    await notFound(resolveUsageScope(viewerOf(dev, company, ["DELEGATED_ADMIN"]), { api: "api_any" }));
  });
});
