// Company single sign-on rows: a domain already verified by a company.
import { randomBytes } from "node:crypto";
import { newId } from "../../lib/ids";
import type { TestDb } from "./client";
import { makeCompany } from "./companies";
import { unique } from "./constants";
import { addMember, makeUser } from "./people";

/** A domain name no other test uses, under .example, from a tag ("sso", "saml"). */
export const uniqueDomain = (tag: string) =>
  `${unique(tag)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")}.example`;

export async function verifiedDomain(db: TestDb, companyId: string, domain: string) {
  return db.companyDomain.create({
    data: {
      id: newId("domain"),
      companyId,
      domain,
      token: randomBytes(16).toString("hex"),
      verifiedDomain: domain,
      verifiedAt: new Date(),
    },
  });
}

/** A company with a Delegated Administrator (also API Developer) and a new verified domain. */
export async function companyWithSsoDomain(db: TestDb, tag: string) {
  const company = await makeCompany(db);
  const u = await makeUser(db);
  await addMember(db, company.id, u.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  const domain = uniqueDomain(tag);
  await verifiedDomain(db, company.id, domain);
  return { company, da: { id: u.id, email: u.email }, domain };
}

/** The body Okta's SCIM client POSTs to /Users to provision a person (its shape, as Okta sends it). */
export function oktaScimUser(email: string, opts: { givenName: string; familyName: string; externalId: string; password: string }) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName: email,
    name: { givenName: opts.givenName, familyName: opts.familyName },
    emails: [{ primary: true, value: email, type: "work" }],
    displayName: `${opts.givenName} ${opts.familyName}`,
    locale: "en-US",
    externalId: opts.externalId,
    groups: [],
    password: opts.password,
    active: true,
  };
}
