import "server-only";
// People found by name or email for the console's search: the platform administrator finds members of
// every company (each with the company they belong to), a Delegated Administrator those of the company.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Person } from "./guards";
import { requireCompanyRole, requirePlatformActor } from "./guards";

export interface PersonHit {
  membershipId: string;
  companyId: string;
  companyName: string;
  name: string;
  email: string;
}

/**
 * A case-insensitive "name contains": SQLite's LIKE ignores ASCII case by itself; PostgreSQL needs
 * Prisma's `mode: "insensitive"` (ILIKE), which the SQLite client's types do not know.
 */
function nameContains(text: string): { contains: string } {
  return env().databaseKind === "postgresql" ? ({ contains: text, mode: "insensitive" } as { contains: string }) : { contains: text };
}

/**
 * Memberships whose person's email or name contains `q`, whatever its case: in `companyId` for a DA
 * of it, in every company for the platform administrator (`companyId` null). Anyone else: not found.
 */
export async function searchPeople(actor: Person, q: string, companyId: string | null, limit = 8): Promise<PersonHit[]> {
  if (companyId) await requireCompanyRole(db(), actor, companyId, "members.read");
  else await requirePlatformActor(db(), actor, "companies.read");
  const text = q.trim().slice(0, 100);
  if (!text) return [];
  const rows = await db().membership.findMany({
    where: {
      ...(companyId ? { companyId } : {}),
      user: { OR: [{ email: { contains: text.toLowerCase() } }, { name: nameContains(text) }] },
    },
    select: { id: true, companyId: true, company: { select: { name: true } }, user: { select: { name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
  });
  return rows.map((r) => ({
    membershipId: r.id,
    companyId: r.companyId,
    companyName: r.company.name,
    name: r.user.name,
    email: r.user.email,
  }));
}
