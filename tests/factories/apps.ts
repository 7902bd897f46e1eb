// APIs of the catalog and apps as plain rows (no secret, no subscription): for lists, counts and
// statuses. Apps a token endpoint must accept come from ./oauth.ts.
import { generateClientId } from "../../lib/apps/credentials";
import { newId } from "../../lib/ids";
import type { TestDb } from "./client";
import { TERMS_VERSION, unique } from "./constants";

export async function makeApi(db: TestDb, opts: { openToAll?: boolean; name?: string } = {}) {
  const slug = unique("api").toLowerCase();
  return db.api.create({
    data: { id: newId("api"), slug, name: opts.name ?? slug, endpoint: `/api/${slug}`, openToAll: opts.openToAll ?? false },
  });
}

export interface AppRow {
  name?: string;
  status?: string;
  createdAt?: Date;
}

function appRow(companyId: string, ownerId: string | null, opts: AppRow) {
  const name = opts.name ?? unique("App");
  const at = opts.createdAt ?? new Date();
  return {
    id: newId("app"),
    clientId: generateClientId(),
    companyId,
    createdById: ownerId,
    name,
    nameKey: name.toLowerCase(),
    status: opts.status ?? "ACTIVE",
    grantTypes: ["client_credentials"],
    termsVersion: TERMS_VERSION,
    termsAcceptedAt: at,
    createdAt: at,
  };
}

/** An app of the company created by `ownerId` (client credentials, no secret, no subscription). */
export async function makeApp(db: TestDb, companyId: string, ownerId: string | null, opts: AppRow = {}) {
  return db.app.create({ data: appRow(companyId, ownerId, opts) });
}

/** `count` apps named `<label> 000`, `<label> 001`, … a second apart, oldest first, ending a minute ago. */
export async function seedApps(db: TestDb, companyId: string, ownerId: string, count: number, label: string) {
  const base = Date.now() - count * 1000 - 60_000;
  await db.app.createMany({
    data: Array.from({ length: count }, (_, i) =>
      appRow(companyId, ownerId, { name: `${label} ${String(i).padStart(3, "0")}`, createdAt: new Date(base + i * 1000) }),
    ),
  });
}

export async function setAppStatus(db: TestDb, appId: string, status: "ACTIVE" | "SUSPENDED" | "INACTIVE") {
  await db.app.update({ where: { id: appId }, data: { status } });
}
