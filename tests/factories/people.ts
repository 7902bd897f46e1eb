// People: users (verified, with PASSWORD) and their memberships of companies.
import { hash } from "@node-rs/argon2";
import { newId } from "../../lib/ids";
import type { Role } from "../../lib/permissions";
import type { TestDb } from "./client";
import { PASSWORD, unique } from "./constants";

// lib/security/passwords.ts's parameters (that module is server-only); hashed once per process.
let passwordHash: Promise<string> | undefined;

export async function makeUser(db: TestDb, opts: { email?: string; name?: string; isPlatformAdmin?: boolean; verified?: boolean } = {}) {
  passwordHash ??= hash(PASSWORD, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  return db.user.create({
    data: {
      id: newId("user"),
      email: opts.email ?? `${unique("user")}@example.com`,
      name: opts.name ?? "Test User",
      passwordHash: await passwordHash,
      isPlatformAdmin: opts.isPlatformAdmin ?? false,
      // Verified unless a test says otherwise (verification is lib/users/verification.test.ts's subject).
      emailVerifiedAt: opts.verified === false ? null : new Date(),
    },
  });
}

/** Makes the user a member of the company with `roles`. */
export async function addMember(db: TestDb, companyId: string, userId: string, roles: Role[]) {
  return db.membership.create({
    data: { id: newId("membership"), companyId, userId, roles: { create: roles.map((role) => ({ id: newId("role"), role })) } },
    include: { roles: true },
  });
}

/** Adds the user who has `email` (signed up or made) to the company with `roles`; returns the user. */
export async function addMemberByEmail(db: TestDb, companyId: string, email: string, roles: Role[]) {
  const user = await db.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
  await addMember(db, companyId, user.id, roles);
  return user;
}

export async function setUserStatus(db: TestDb, email: string, status: "ACTIVE" | "SUSPENDED") {
  await db.user.update({ where: { email }, data: { status } });
}
