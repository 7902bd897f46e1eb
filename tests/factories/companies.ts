// Companies, and a company for a person who already exists.
import { newId } from "../../lib/ids";
import type { Role } from "../../lib/permissions";
import type { TestDb } from "./client";
import { unique } from "./constants";
import { addMemberByEmail } from "./people";

export async function makeCompany(db: TestDb, opts: { name?: string; status?: "ACTIVE" | "SUSPENDED" } = {}) {
  const name = opts.name ?? unique("Company");
  return db.company.create({ data: { id: newId("company"), name, nameKey: name.toLowerCase(), status: opts.status ?? "ACTIVE" } });
}

/** A new company, with the user who has `email` as a member holding `roles`. */
export async function makeCompanyFor(db: TestDb, email: string, roles: Role[] = ["API_DEVELOPER"], name?: string) {
  const company = await makeCompany(db, { name });
  await addMemberByEmail(db, company.id, email, roles);
  return { companyId: company.id, companyName: company.name };
}

export async function setCompanyStatus(db: TestDb, companyId: string, status: "ACTIVE" | "SUSPENDED") {
  await db.company.update({ where: { id: companyId }, data: { status, suspendedAt: status === "SUSPENDED" ? new Date() : null } });
}
