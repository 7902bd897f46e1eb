import "server-only";
// Verified email domains of a company (single sign-on). A Delegated Administrator adds a domain; the
// page shows a TXT record to publish at `_api-console.<domain>`; "Verify" looks it up. Several companies
// may claim a domain, one may verify it (CompanyDomain.verifiedDomain is unique). Sign-in through SSO,
// "Require SSO for this domain" and a DA's reset of a member's second factor ask who owns an address.
import { z } from "zod";
import { auditedChange, writeAudit } from "../audit";
import { type Person, requireCompanyRole } from "../companies/guards";
import { db, isUniqueViolation } from "../db";
import { AppError } from "../errors";
import { newId, randomBase62 } from "../ids";
import type { RequestContext } from "../server/request-context";
import { lookupTxt } from "./dns";

export const TXT_PREFIX = "_api-console.";
export const TXT_VALUE_PREFIX = "api-console-verification=";
const TAKEN = "Another company has verified that domain.";
const NOT_FOUND_DOMAIN = "That domain was not found in this company.";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
export const domainSchema = z
  .string({ error: "Enter a domain such as example.com." })
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/\.$/, ""))
  .refine(
    (v) =>
      v.length <= 253 && v.split(".").length >= 2 && v.split(".").every((l) => LABEL.test(l)) && !/^\d+$/.test(v.split(".").at(-1) ?? ""),
    {
      message: "Enter a domain such as example.com (no https://, no @, no path).",
    },
  );

export interface DomainRow {
  id: string;
  domain: string;
  recordName: string;
  recordValue: string;
  verifiedAt: Date | null;
  lastCheckedAt: Date | null;
  requireSso: boolean;
}

/** The lower-case domain of an email address ("" when it has none). */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0
    ? ""
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase()
        .replace(/\.$/, "");
}

function rowOf(d: {
  id: string;
  domain: string;
  token: string;
  verifiedAt: Date | null;
  lastCheckedAt: Date | null;
  requireSso: boolean;
}): DomainRow {
  return {
    id: d.id,
    domain: d.domain,
    recordName: `${TXT_PREFIX}${d.domain}`,
    recordValue: `${TXT_VALUE_PREFIX}${d.token}`,
    verifiedAt: d.verifiedAt,
    lastCheckedAt: d.lastCheckedAt,
    requireSso: d.requireSso,
  };
}

export async function listDomains(actor: Person, companyId: string): Promise<DomainRow[]> {
  await requireCompanyRole(db(), actor, companyId, "sso.manage.company");
  const rows = await db().companyDomain.findMany({ where: { companyId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(rowOf);
}

export async function addDomain(actor: Person, companyId: string, input: unknown, ctx: RequestContext | null): Promise<DomainRow> {
  const parsed = domainSchema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Enter a domain.";
    throw new AppError("validation", message, { fieldErrors: { domain: [message] } });
  }
  const domain = parsed.data;
  await requireCompanyRole(db(), actor, companyId, "sso.manage.company");
  const owner = await db().companyDomain.findUnique({ where: { verifiedDomain: domain }, select: { companyId: true } });
  if (owner && owner.companyId !== companyId) throw new AppError("conflict", TAKEN, { fieldErrors: { domain: [TAKEN] } });
  const id = newId("domain");
  try {
    const row = await db().$transaction(async (tx) => {
      const created = await tx.companyDomain.create({
        data: { id, companyId, domain, token: randomBase62(32), createdById: actor.id },
      });
      await writeAudit(tx, actor, { event: "sso.domain.added", targetType: "domain", targetId: id, companyId, metadata: { domain } }, ctx);
      return created;
    });
    return rowOf(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = "That domain is already on this page.";
      throw new AppError("conflict", message, { fieldErrors: { domain: [message] } });
    }
    throw error;
  }
}

async function domainOf(companyId: string, domainId: unknown) {
  const id = typeof domainId === "string" ? domainId : "";
  const row = id ? await db().companyDomain.findFirst({ where: { id, companyId } }) : null;
  if (!row) throw new AppError("not_found", NOT_FOUND_DOMAIN);
  return row;
}

/**
 * Looks the TXT record up and marks the domain verified when one of the records is exactly the
 * expected value. A wrong or missing record leaves it unverified and says what was found.
 */
export async function verifyDomain(actor: Person, companyId: string, domainId: unknown, ctx: RequestContext | null, now = new Date()) {
  await requireCompanyRole(db(), actor, companyId, "sso.manage.company");
  const row = await domainOf(companyId, domainId);
  const name = `${TXT_PREFIX}${row.domain}`;
  const expected = `${TXT_VALUE_PREFIX}${row.token}`;
  let found: string[];
  try {
    found = await lookupTxt(name);
  } catch {
    await db().companyDomain.update({ where: { id: row.id }, data: { lastCheckedAt: now } });
    throw new AppError("unavailable", `The DNS look-up of ${name} failed. Try again in a minute.`);
  }
  if (!found.includes(expected)) {
    const seen = found.filter((v) => v.startsWith(TXT_VALUE_PREFIX));
    await db().$transaction(async (tx) => {
      await tx.companyDomain.update({ where: { id: row.id }, data: { lastCheckedAt: now } });
      await writeAudit(
        tx,
        actor,
        {
          event: "sso.domain.verification_failed",
          targetType: "domain",
          targetId: row.id,
          companyId,
          metadata: { domain: row.domain, found: seen.slice(0, 5) },
        },
        ctx,
      );
    });
    throw new AppError(
      "validation",
      seen.length
        ? `The TXT record at ${name} does not match: it is “${seen.join("”, “")}”, expected “${expected}”.`
        : `No TXT record “${expected}” was found at ${name}. DNS changes can take a few minutes to appear.`,
    );
  }
  if (row.verifiedAt) return rowOf(row);
  try {
    const updated = await db().$transaction(async (tx) => {
      const u = await tx.companyDomain.update({
        where: { id: row.id },
        data: { verifiedDomain: row.domain, verifiedAt: now, lastCheckedAt: now },
      });
      await writeAudit(
        tx,
        actor,
        { event: "sso.domain.verified", targetType: "domain", targetId: row.id, companyId, metadata: { domain: row.domain } },
        ctx,
      );
      return u;
    });
    return rowOf(updated);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", TAKEN);
    throw error;
  }
}

export async function removeDomain(actor: Person, companyId: string, domainId: unknown, ctx: RequestContext | null) {
  await requireCompanyRole(db(), actor, companyId, "sso.manage.company");
  const row = await domainOf(companyId, domainId);
  await auditedChange(
    actor,
    { event: "sso.domain.removed", targetType: "domain", targetId: row.id, companyId, metadata: { domain: row.domain } },
    ctx,
    (tx) => tx.companyDomain.delete({ where: { id: row.id } }),
  );
  return { domain: row.domain };
}

/** The company that has verified the domain of this address, if any. */
export async function verifiedDomainCompany(email: string): Promise<string | null> {
  const domain = emailDomain(email);
  if (!domain) return null;
  const row = await db().companyDomain.findUnique({ where: { verifiedDomain: domain }, select: { companyId: true } });
  return row?.companyId ?? null;
}

/** True when the company has verified the domain of `email` (exact domain, case-insensitive). */
export async function companyOwnsEmailDomain(companyId: string, email: string): Promise<boolean> {
  return (await verifiedDomainCompany(email)) === companyId;
}

/** "Require SSO for this domain": only for a verified domain of a company with a connection. */
export async function setRequireSso(actor: Person, companyId: string, domainId: unknown, required: boolean, ctx: RequestContext | null) {
  await requireCompanyRole(db(), actor, companyId, "sso.manage.company");
  const row = await domainOf(companyId, domainId);
  if (required && !row.verifiedAt) throw new AppError("validation", `Verify ${row.domain} first.`);
  if (required && !(await db().ssoConnection.count({ where: { companyId } }))) {
    throw new AppError("validation", "Connect your identity provider first, so that people of the domain can still sign in.");
  }
  if (row.requireSso === required) return rowOf(row);
  const updated = await db().$transaction(async (tx) => {
    const u = await tx.companyDomain.update({ where: { id: row.id }, data: { requireSso: required } });
    await writeAudit(
      tx,
      actor,
      {
        event: "sso.domain.require_sso_changed",
        targetType: "domain",
        targetId: row.id,
        companyId,
        metadata: { domain: row.domain, requireSso: required },
      },
      ctx,
    );
    return u;
  });
  return rowOf(updated);
}
