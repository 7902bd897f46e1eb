import { describe, expect, it } from "vitest";
import { makeCompany } from "../../tests/factories/companies";
import { PASSWORD } from "../../tests/factories/constants";
import { verifyAddress } from "../../tests/mail";
import { db } from "../db";
import { AppError } from "../errors";
import { newId } from "../ids";
import { ensurePlatformAdmin, signInDelayMs, signUp, verifyCredentials, WRONG_CREDENTIALS } from "./accounts";

const ctx = () => ({ ip: `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, userAgent: "vitest" });
const email = (l: string) => `${l}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

describe("sign-up", () => {
  it("stores an argon2id hash, lower-cases the email and audits the sign-up", async () => {
    const address = email("Mixed.Case").replace("mixed", "MiXeD");
    const user = await signUp({ name: "  Ada Lovelace ", email: address, password: PASSWORD }, ctx());
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.email).toBe(address.toLowerCase());
    expect(row.name).toBe("Ada Lovelace");
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
    const audit = await db().auditLog.findFirst({ where: { targetId: user.id, event: "user.signed_up" } });
    expect(audit?.ip).toBeTruthy();
  });

  it("refuses a taken email (in any case) and writes nothing", async () => {
    const address = email("taken");
    await signUp({ name: "One", email: address, password: PASSWORD }, ctx());
    const before = await db().user.count();
    const e = await expectAppError(signUp({ name: "Two", email: address.toUpperCase(), password: PASSWORD }, ctx()), "conflict");
    expect(e.fieldErrors?.email?.[0]).toMatch(/already exists/);
    expect(await db().user.count()).toBe(before);
  });

  it("states the password rule for short passwords and the email as password", async () => {
    const address = email("weak");
    const short = await expectAppError(signUp({ name: "W", email: address, password: "short" }, ctx()), "validation");
    expect(short.fieldErrors?.password?.[0]).toMatch(/at least 12 characters/);
    const same = await expectAppError(signUp({ name: "W", email: address, password: address }, ctx()), "validation");
    expect(same.fieldErrors?.password?.[0]).toMatch(/not your email/);
    expect(await db().user.findUnique({ where: { email: address } })).toBeNull();
  });

  it("accepts pending invitations for the email, with their roles", async () => {
    const company = await makeCompany(db());
    const address = email("invited");
    await db().invitation.create({
      data: { id: newId("invitation"), companyId: company.id, email: address, roles: ["DELEGATED_ADMIN"] },
    });
    const user = await signUp({ name: "Invited", email: address, password: PASSWORD }, ctx());
    // Nothing binds before the address is verified; following the mailed link binds the invitation.
    expect(await db().membership.findFirst({ where: { companyId: company.id, userId: user.id } })).toBeNull();
    await verifyAddress(address);
    const membership = await db().membership.findUniqueOrThrow({
      where: { companyId_userId: { companyId: company.id, userId: user.id } },
      include: { roles: true },
    });
    expect(membership.roles.map((r) => r.role)).toEqual(["DELEGATED_ADMIN"]);
    const inv = await db().invitation.findFirstOrThrow({ where: { email: address } });
    expect(inv.status).toBe("ACCEPTED");
    expect(inv.acceptedById).toBe(user.id);
  });
});

describe("credentials", () => {
  it("accepts the right password and answers one message for a wrong password or unknown email", async () => {
    const address = email("creds");
    await signUp({ name: "C", email: address, password: PASSWORD }, ctx());
    expect((await verifyCredentials({ email: address, password: PASSWORD }, ctx())).email).toBe(address);
    const wrong = await expectAppError(verifyCredentials({ email: address, password: "nope-nope-nope" }, ctx()), "unauthenticated");
    const unknown = await expectAppError(verifyCredentials({ email: email("ghost"), password: PASSWORD }, ctx()), "unauthenticated");
    expect(wrong.message).toBe(WRONG_CREDENTIALS);
    expect(unknown.message).toBe(WRONG_CREDENTIALS);
  });

  it("locks an account from one address after five failures there, not the owner elsewhere, and mails the owner", async () => {
    const address = email("lock");
    await signUp({ name: "L", email: address, password: PASSWORD }, ctx());
    const stranger = { ip: "192.0.2.66", userAgent: "stranger" };
    for (let i = 0; i < 6; i++) {
      await expect(verifyCredentials({ email: address, password: `bad-password-${i}` }, stranger)).rejects.toThrow();
    }
    const e = await expectAppError(verifyCredentials({ email: address, password: PASSWORD }, stranger), "rate_limited");
    expect(e.retryAfterSeconds).toBeGreaterThan(0);
    expect(e.message).toMatch(/Try again in \d+ second/);
    // The owner, from their own address, is not locked out.
    expect((await verifyCredentials({ email: address, password: PASSWORD }, { ip: "198.51.100.77", userAgent: "owner" })).email).toBe(
      address,
    );
    const locks = await db().outboxMail.findMany({ where: { toAddress: address, subject: "Sign-in to your account was locked" } });
    expect(locks).toHaveLength(1);
    expect(locks[0]!.text).toContain("192.0.2.66");
  });

  it("slows, never locks, an account past its ceiling of failures from everywhere", () => {
    expect(signInDelayMs(30)).toBe(0);
    expect(signInDelayMs(31)).toBe(1100);
    expect(signInDelayMs(1000)).toBe(5000);
  });

  it("locks an address after twenty failures across accounts", async () => {
    const from = ctx();
    for (let i = 0; i < 21; i++) {
      await expect(verifyCredentials({ email: email(`spray${i}`), password: "whatever-123456" }, from)).rejects.toThrow();
    }
    const address = email("victim");
    await signUp({ name: "V", email: address, password: PASSWORD }, ctx());
    await expectAppError(verifyCredentials({ email: address, password: PASSWORD }, from), "rate_limited");
    expect((await verifyCredentials({ email: address, password: PASSWORD }, ctx())).email).toBe(address);
  });

  it("refuses a suspended account only after the right password", async () => {
    const address = email("susp");
    const user = await signUp({ name: "S", email: address, password: PASSWORD }, ctx());
    await db().user.update({ where: { id: user.id }, data: { status: "SUSPENDED" } });
    await expectAppError(verifyCredentials({ email: address, password: "wrong-wrong-wrong" }, ctx()), "unauthenticated");
    await expectAppError(verifyCredentials({ email: address, password: PASSWORD }, ctx()), "forbidden");
  });
});

describe("platform administrator", () => {
  it("creates the configured administrator once and repairs its flag and password", async () => {
    const address = email("admin");
    expect(await ensurePlatformAdmin({ email: address, password: "first-password-123" })).toEqual({ email: address });
    const row = await db().user.findUniqueOrThrow({ where: { email: address } });
    expect(row.isPlatformAdmin).toBe(true);
    await db().user.update({ where: { id: row.id }, data: { isPlatformAdmin: false } });
    await ensurePlatformAdmin({ email: address, password: "second-password-123" });
    expect((await db().user.findUniqueOrThrow({ where: { email: address } })).isPlatformAdmin).toBe(true);
    expect((await verifyCredentials({ email: address, password: "second-password-123" }, ctx())).isPlatformAdmin).toBe(true);
  });
});
