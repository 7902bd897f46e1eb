// Small factories with unique names per call, for Vitest integration tests.
import { db } from "../lib/db";
import { newId } from "../lib/ids";
import type { Role } from "../lib/permissions";
import { hashPassword } from "../lib/security/passwords";

let n = 0;
const unique = (label: string) => `${label}-${process.pid}-${Date.now().toString(36)}-${++n}`;

export const PASSWORD = "correct-horse-battery-staple";
let cachedHash: Promise<string> | undefined;

export async function makeUser(overrides: { email?: string; name?: string; isPlatformAdmin?: boolean; verified?: boolean } = {}) {
  cachedHash ??= hashPassword(PASSWORD);
  return db().user.create({
    data: {
      id: newId("user"),
      email: overrides.email ?? `${unique("user")}@example.com`,
      name: overrides.name ?? "Test User",
      passwordHash: await cachedHash,
      isPlatformAdmin: overrides.isPlatformAdmin ?? false,
      // Verified unless a test says otherwise (verification is the subject of lib/users/accounts-by-mail.test.ts).
      emailVerifiedAt: overrides.verified === false ? null : new Date(),
    },
  });
}

export async function makeCompany(name = unique("Company")) {
  return db().company.create({ data: { id: newId("company"), name, nameKey: name.toLowerCase() } });
}

export async function addMember(companyId: string, userId: string, roles: Role[]) {
  return db().membership.create({
    data: {
      id: newId("membership"),
      companyId,
      userId,
      roles: { create: roles.map((role) => ({ id: newId("role"), role })) },
    },
    include: { roles: true },
  });
}

export async function makeApi(overrides: { openToAll?: boolean; name?: string } = {}) {
  const slug = unique("api").toLowerCase();
  return db().api.create({
    data: {
      id: newId("api"),
      slug,
      name: overrides.name ?? slug,
      endpoint: `/api/${slug}`,
      openToAll: overrides.openToAll ?? false,
    },
  });
}

export async function makeApp(companyId: string, ownerId: string | null, overrides: { name?: string; status?: string } = {}) {
  const name = overrides.name ?? unique("App");
  return db().app.create({
    data: {
      id: newId("app"),
      clientId: `apc_${newId("app").slice(4, 28)}`,
      companyId,
      createdById: ownerId,
      name,
      nameKey: name.toLowerCase(),
      status: overrides.status ?? "ACTIVE",
      grantTypes: ["client_credentials"],
      termsVersion: "test",
      termsAcceptedAt: new Date(),
    },
  });
}
