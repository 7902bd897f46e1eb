// Notices by mail: written with the change, never a secret, and only to people who want them.
import { describe, expect, it } from "vitest";
import { actorOf, addPerson, ctx, makeDeveloperCompany, registration } from "../../tests/factories/domain";
import { latestMailTo } from "../../tests/mail";
import { registerApp } from "../apps/register-app";
import { revealClientSecret, rotateClientSecret } from "../apps/secrets";
import { setMemberRoles } from "../companies/members";
import { db } from "../db";
import { setNoticesEnabled } from "../users/profile";
import { noticeGraceEnded } from "./notices";

describe("notices by mail", () => {
  it("an app's registration names the app, Client ID and APIs, never the secret; rotation and the end of grace follow", async () => {
    const { actor, hello } = await makeDeveloperCompany();
    const app = await registerApp(actor, registration(hello.id), ctx);
    const mail = (await latestMailTo(actor.user.email, "notice"))!;
    expect(mail.subject).toContain("is registered");
    expect(mail.text).toContain(app.clientId);
    expect(mail.text).toContain(hello.name);
    const { secret: clientSecret } = await revealClientSecret(actor, app.id, { provenAt: Math.floor(Date.now() / 1000) }, ctx);
    expect(clientSecret.length).toBeGreaterThan(20);
    for (const part of [mail.text, mail.html]) {
      expect(part).not.toContain(clientSecret);
      expect(part).not.toMatch(/apcs_/);
    }
    await rotateClientSecret(actor, app.id, { graceHours: 1 }, ctx);
    expect((await latestMailTo(actor.user.email, "security_notice"))?.subject).toContain("was rotated");
    // The grace period ends: one notice, however often the check runs.
    await db().clientSecret.updateMany({
      where: { appId: app.id, expiresAt: { not: null } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await noticeGraceEnded(db());
    await noticeGraceEnded(db());
    expect(await db().outboxMail.count({ where: { toAddress: actor.user.email, subject: { contains: "stopped working" } } })).toBe(1);
  });

  it("tells a member their roles changed, unless they turned notices off", async () => {
    const { actor, company } = await makeDeveloperCompany();
    const { user: da } = await addPerson(company, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
    const { user: member } = await addPerson(company, ["API_DEVELOPER"]);
    const membership = await db().membership.findFirstOrThrow({ where: { companyId: company.id, userId: member.id } });
    await setMemberRoles(da, company.id, membership.id, { roles: ["API_DEVELOPER", "DELEGATED_ADMIN"] }, {}, ctx);
    const mail = (await latestMailTo(member.email, "notice"))!;
    expect(mail.subject).toBe(`Your roles in ${company.name} changed`);
    expect(mail.text).toContain("Delegated Administrator");
    await setNoticesEnabled(member.id, false);
    const before = await db().outboxMail.count({ where: { toAddress: member.email } });
    await setMemberRoles(da, company.id, membership.id, { roles: ["API_DEVELOPER"] }, {}, ctx);
    expect(await db().outboxMail.count({ where: { toAddress: member.email } })).toBe(before);
    void actorOf;
    void actor;
  });
});
