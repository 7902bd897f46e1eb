import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAppError } from "../../tests/assertions";
import { TestDnsServer } from "../../tests/dns-server";
import { makeCompany } from "../../tests/factories/companies";
import { addMember, makeUser } from "../../tests/factories/people";
import { uniqueDomain } from "../../tests/factories/sso";
import { db } from "../db";
import { resetEnvCache } from "../env";
import type { ErrorCode } from "../errors";
import { addDomain, companyOwnsEmailDomain, listDomains, removeDomain, verifyDomain } from "./domains";

// A DNS server of its own, UDP (TEST_DNS_PORT, else TEST_SMTP_PORT + 11 so side-by-side runs differ).
const dns = new TestDnsServer(Number(process.env.TEST_DNS_PORT ?? Number(process.env.TEST_SMTP_PORT ?? 4551) + 11));
const ctx = { ip: "203.0.113.9", userAgent: "vitest sso domains" };
const domainName = () => uniqueDomain("corp");

beforeAll(async () => {
  await dns.start();
  process.env.CONSOLE_DNS_SERVERS = dns.address;
  resetEnvCache();
});
afterAll(async () => {
  await dns.stop();
  delete process.env.CONSOLE_DNS_SERVERS;
  resetEnvCache();
});

async function refused(p: Promise<unknown>, code: ErrorCode, message?: RegExp) {
  const error = await expectAppError(p, code);
  if (message) expect(error.message).toMatch(message);
}

async function companyWithDa() {
  const company = await makeCompany(db());
  const da = await makeUser(db());
  await addMember(db(), company.id, da.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  return { company, da: { id: da.id, email: da.email } };
}

describe("verified domains", () => {
  it("verifies a domain against the TXT record in DNS, audits it, and then the company owns its addresses", async () => {
    const { company, da } = await companyWithDa();
    const domain = domainName();
    const row = await addDomain(da, company.id, ` ${domain.toUpperCase()}. `, ctx);
    expect(row.domain).toBe(domain);
    expect(row.recordName).toBe(`_api-console.${domain}`);
    expect(row.recordValue).toMatch(/^api-console-verification=[A-Za-z0-9]{32}$/);

    // Nothing published yet: refused, still unverified.
    await refused(verifyDomain(da, company.id, row.id, ctx), "validation", /No TXT record/);
    // A wrong record: refused and the message shows what was found.
    dns.publish(row.recordName, "api-console-verification=wrongvalue", "v=spf1 -all");
    await refused(verifyDomain(da, company.id, row.id, ctx), "validation", /does not match: it is “api-console-verification=wrongvalue”/);
    expect(await companyOwnsEmailDomain(company.id, `ana@${domain}`)).toBe(false);
    expect(dns.questions).toContain(row.recordName);

    dns.publish(row.recordName, "v=spf1 -all", row.recordValue);
    const verified = await verifyDomain(da, company.id, row.id, ctx);
    expect(verified.verifiedAt).toBeInstanceOf(Date);
    expect(await companyOwnsEmailDomain(company.id, `Ana.Lee@${domain.toUpperCase()}`)).toBe(true);
    expect(await companyOwnsEmailDomain(company.id, `ana@sub.${domain}`)).toBe(false);
    expect(await companyOwnsEmailDomain(company.id, "no-at-sign")).toBe(false);
    const audit = await db().auditLog.findMany({ where: { companyId: company.id, targetId: row.id }, orderBy: { createdAt: "asc" } });
    // Both refusals are audited with what DNS answered.
    expect(audit.map((a) => a.event).sort()).toEqual(
      ["sso.domain.added", "sso.domain.verification_failed", "sso.domain.verification_failed", "sso.domain.verified"].sort(),
    );
    const failed = audit.filter((a) => a.event === "sso.domain.verification_failed").map((a) => a.metadata);
    expect(failed).toContainEqual(expect.objectContaining({ found: ["api-console-verification=wrongvalue"] }));
    expect((await listDomains(da, company.id)).map((d) => d.domain)).toEqual([domain]);
  });

  it("a domain belongs to one company: a second company can claim it but never verify it, and is refused once it is verified", async () => {
    const first = await companyWithDa();
    const second = await companyWithDa();
    const domain = domainName();
    const a = await addDomain(first.da, first.company.id, domain, ctx);
    const b = await addDomain(second.da, second.company.id, domain, ctx);
    dns.publish(a.recordName, a.recordValue, b.recordValue);
    await verifyDomain(first.da, first.company.id, a.id, ctx);
    await refused(verifyDomain(second.da, second.company.id, b.id, ctx), "conflict", /Another company/);
    await refused(addDomain(second.da, second.company.id, domain, ctx), "conflict", /Another company/);
    expect(await companyOwnsEmailDomain(second.company.id, `x@${domain}`)).toBe(false);
    expect(await companyOwnsEmailDomain(first.company.id, `x@${domain}`)).toBe(true);
    // Removing frees it.
    await removeDomain(first.da, first.company.id, a.id, ctx);
    expect(await companyOwnsEmailDomain(first.company.id, `x@${domain}`)).toBe(false);
    await verifyDomain(second.da, second.company.id, b.id, ctx);
    expect(await companyOwnsEmailDomain(second.company.id, `x@${domain}`)).toBe(true);
  });

  it("refuses bad domains, duplicates, other companies' domains and people who are not Delegated Administrators", async () => {
    const { company, da } = await companyWithDa();
    const other = await companyWithDa();
    for (const bad of ["https://example.com", "ana@example.com", "localhost", "example.com/x", "-bad.example", "10.0.0.1"]) {
      await refused(addDomain(da, company.id, bad, ctx), "validation");
    }
    const domain = domainName();
    const row = await addDomain(da, company.id, domain, ctx);
    await refused(addDomain(da, company.id, domain, ctx), "conflict", /already/);
    await refused(verifyDomain(other.da, other.company.id, row.id, ctx), "not_found");
    await refused(removeDomain(other.da, other.company.id, row.id, ctx), "not_found");
    await refused(verifyDomain(other.da, company.id, row.id, ctx), "not_found");
    const developer = await makeUser(db());
    await addMember(db(), company.id, developer.id, ["API_DEVELOPER"]);
    await refused(listDomains({ id: developer.id, email: developer.email }, company.id), "not_found");
    await refused(addDomain({ id: developer.id, email: developer.email }, company.id, domainName(), ctx), "not_found");
  });
});
