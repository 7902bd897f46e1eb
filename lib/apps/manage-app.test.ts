import { describe, expect, it } from "vitest";
import { refusal } from "../../tests/assertions";
import { makeApi } from "../../tests/factories/apps";
import { addPerson, ctx, makeDeveloperCompany, registered, uniqueName } from "../../tests/factories/domain";
import { db } from "../db";
import { newId } from "../ids";
import { APP_RULE_TEXT } from "../validation/app-registration";
import { DELETE_CONFIRM_MISMATCH, deleteApp, setAppStatus, updateApp } from "./manage-app";
import { getAppDetail } from "./queries";

/** Tokens of an app as the token service would leave them: a grant, a refresh token, a code. */
async function issueTokens(appId: string, userId: string) {
  const grant = await db().tokenGrant.create({ data: { id: newId("grant"), appId, userId, kind: "authorization_code" } });
  await db().refreshToken.create({
    data: {
      id: newId("refresh"),
      tokenDigest: newId("refresh"),
      appId,
      tokenGrantId: grant.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  await db().authorizationCode.create({
    data: {
      id: newId("code"),
      codeDigest: newId("code"),
      appId,
      userId,
      redirectUri: "https://web.example.com/cb",
      expiresAt: new Date(Date.now() + 60_000),
    },
  });
  await db().consentGrant.create({ data: { id: newId("consent"), userId, appId } });
  return grant;
}

describe("editing an app", () => {
  it("changes name, description and APIs, never the Redirect URL or grant types, and audits it", async () => {
    const { actor, hello, company } = await makeDeveloperCompany();
    const extra = await makeApi(db(), { openToAll: true });
    const app = await registered(actor, hello.id, { grantTypes: ["implicit"], redirectUri: "https://spa.example.com/cb" });
    const name = uniqueName("Renamed");
    await updateApp(
      actor,
      app.id,
      { name, description: "Now with more APIs", apiIds: [extra.id], redirectUri: "https://evil.example.com", grantTypes: ["password"] },
      ctx,
    );
    const detail = await getAppDetail(actor, app.id);
    expect(detail).toMatchObject({
      name,
      description: "Now with more APIs",
      grantTypes: ["implicit"],
      redirectUri: "https://spa.example.com/cb",
    });
    expect(detail.apis.map((a) => a.id)).toEqual([extra.id]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { targetId: app.id, event: "app.updated" } });
    expect(audit.companyId).toBe(company.id);
    expect(audit.metadata).toMatchObject({ descriptionChanged: true, apisAdded: [extra.id], apisRemoved: [hello.id] });

    const taken = await registered(actor, hello.id);
    const takenName = (await getAppDetail(actor, taken.id)).name;
    const e = await refusal(updateApp(actor, app.id, { name: takenName.toLowerCase(), apiIds: [hello.id] }, ctx));
    expect(e.fieldErrors?.name).toEqual([APP_RULE_TEXT.nameTaken]);
    const closed = await makeApi(db(), { openToAll: false });
    const e2 = await refusal(updateApp(actor, app.id, { name, apiIds: [closed.id] }, ctx));
    expect(e2.fieldErrors?.apiIds).toEqual([APP_RULE_TEXT.apiUnknown]);
    expect((await refusal(updateApp(actor, app.id, { name, apiIds: [] }, ctx))).fieldErrors?.apiIds).toEqual([APP_RULE_TEXT.apiRequired]);
    expect((await getAppDetail(actor, app.id)).apis.map((a) => a.id)).toEqual([extra.id]);
  });

  it("lets a Delegated Administrator see but not edit another's app; other developers do not find it", async () => {
    const { actor, hello, company } = await makeDeveloperCompany();
    const app = await registered(actor, hello.id);
    const admin = await addPerson(company, ["DELEGATED_ADMIN"]);
    const colleague = await addPerson(company, ["API_DEVELOPER"]);
    const detail = await getAppDetail(admin.actor, app.id);
    expect(detail.operations).toEqual(["view", "deactivate", "reactivate"]);
    expect((await refusal(updateApp(admin.actor, app.id, { name: "x", apiIds: [hello.id] }, ctx))).code).toBe("forbidden");
    expect((await refusal(getAppDetail(colleague.actor, app.id))).code).toBe("not_found");
    expect((await getAppDetail(actor, app.id)).operations).toEqual([
      "view",
      "reveal",
      "edit",
      "rotate",
      "deactivate",
      "reactivate",
      "delete",
    ]);
  });
});

describe("deactivating and reactivating", () => {
  it("switches an app off, revoking its tokens, and on again; the administrator may too", async () => {
    const { actor, hello, company, user } = await makeDeveloperCompany();
    const app = await registered(actor, hello.id, { grantTypes: ["authorization_code"], redirectUri: "https://web.example.com/cb" });
    const grant = await issueTokens(app.id, user.id);
    await setAppStatus(actor, app.id, "INACTIVE", ctx);
    expect((await db().app.findUniqueOrThrow({ where: { id: app.id } })).status).toBe("INACTIVE");
    expect((await db().tokenGrant.findUniqueOrThrow({ where: { id: grant.id } })).revokedReason).toBe("app_deactivated");
    expect(await db().refreshToken.count({ where: { appId: app.id, revokedAt: null } })).toBe(0);
    expect(await db().authorizationCode.count({ where: { appId: app.id } })).toBe(0);

    const admin = await addPerson(company, ["DELEGATED_ADMIN"]);
    await setAppStatus(admin.actor, app.id, "ACTIVE", ctx);
    await setAppStatus(admin.actor, app.id, "INACTIVE", ctx);
    await setAppStatus(actor, app.id, "ACTIVE", ctx);
    const events = await db().auditLog.findMany({ where: { targetId: app.id, event: { startsWith: "app." } } });
    const by = (id: string) =>
      events
        .filter((e) => e.actorId === id)
        .map((e) => e.event)
        .sort();
    expect(by(user.id)).toEqual(["app.deactivated", "app.reactivated", "app.registered"]);
    expect(by(admin.user.id)).toEqual(["app.deactivated", "app.reactivated"]);
    expect((await db().app.findUniqueOrThrow({ where: { id: app.id } })).status).toBe("ACTIVE");
  });

  it("leaves a suspended app alone", async () => {
    const { actor, hello } = await makeDeveloperCompany();
    const app = await registered(actor, hello.id);
    await db().app.update({ where: { id: app.id }, data: { status: "SUSPENDED", suspendedReason: "Abuse report" } });
    expect((await refusal(setAppStatus(actor, app.id, "ACTIVE", ctx))).code).toBe("conflict");
    expect((await refusal(setAppStatus(actor, app.id, "INACTIVE", ctx))).code).toBe("conflict");
    expect((await getAppDetail(actor, app.id)).suspendedReason).toBe("Abuse report");
  });
});

describe("deleting an app", () => {
  it("needs the name typed, then deletes the app with every token and credential, audited", async () => {
    const { actor, hello, company, user } = await makeDeveloperCompany();
    const app = await registered(actor, hello.id, {
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUri: "https://web.example.com/cb",
    });
    await issueTokens(app.id, user.id);
    const name = (await getAppDetail(actor, app.id)).name;
    const wrong = await refusal(deleteApp(actor, app.id, name.toUpperCase() + "x", ctx));
    expect(wrong.fieldErrors?.confirmName).toEqual([DELETE_CONFIRM_MISMATCH]);
    const admin = await addPerson(company, ["DELEGATED_ADMIN"]);
    expect((await refusal(deleteApp(admin.actor, app.id, name, ctx))).code).toBe("forbidden");
    const stranger = await makeDeveloperCompany();
    expect((await refusal(deleteApp(stranger.actor, app.id, name, ctx))).code).toBe("not_found");
    expect(await db().app.count({ where: { id: app.id } })).toBe(1);

    await deleteApp(actor, app.id, ` ${name} `, ctx);
    expect(await db().app.count({ where: { id: app.id } })).toBe(0);
    for (const count of [
      db().tokenGrant.count({ where: { appId: app.id } }),
      db().refreshToken.count({ where: { appId: app.id } }),
      db().authorizationCode.count({ where: { appId: app.id } }),
      db().consentGrant.count({ where: { appId: app.id } }),
      db().clientSecret.count({ where: { appId: app.id } }),
      db().appApiSubscription.count({ where: { appId: app.id } }),
    ]) {
      expect(await count).toBe(0);
    }
    const audit = await db().auditLog.findFirstOrThrow({ where: { targetId: app.id, event: "app.deleted" } });
    expect(audit.metadata).toMatchObject({
      name,
      deletedGrants: 1,
      deletedRefreshTokens: 1,
      deletedCodes: 1,
      deletedConsents: 1,
      deletedCredentials: 1,
    });
    expect((await refusal(getAppDetail(actor, app.id))).code).toBe("not_found");
    // The name is free again.
    await registered(actor, hello.id, { name });
  });
});
