// A company's SAML 2.0 identity provider for the tests: a self-signed certificate made at start
// (selfsigned), assertions signed with xml-crypto (RSA-SHA256, exclusive C14N, enveloped: as Entra ID
// and Okta sign them), metadata with an HTTP-Redirect SingleSignOnService. Its HTTP server (port 0)
// answers `GET /sso?SAMLRequest=…&RelayState=…` (the console's AuthnRequest) with an auto-submitting
// form that posts a signed response for `user` to the request's AssertionConsumerServiceURL; `GET
// /replay` posts the last response again.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inflateRawSync } from "node:zlib";
import selfsigned from "selfsigned";
import { SignedXml } from "xml-crypto";

export interface SamlUser {
  email: string;
  name?: string;
  groups?: string[];
}

export interface AuthnRequestSeen {
  id: string;
  acs: string;
  issuer: string;
  relayState: string;
}

export interface ResponseOptions {
  inResponseTo: string;
  acs: string;
  audience: string;
  user: SamlUser;
  /** Seconds from now: the assertion is valid from notBefore to notOnOrAfter. */
  notBefore?: number;
  notOnOrAfter?: number;
  assertionId?: string;
  recipient?: string;
  destination?: string;
  issuer?: string;
  groupsAttribute?: string;
  /** Sign with another key than the published certificate. */
  signWith?: { key: string; cert: string };
  unsigned?: boolean;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const autoPost = (acs: string, samlResponse: string, relayState: string, note = "Test IdP") =>
  `<!doctype html><html><body><p>${esc(note)}</p><form method="post" action="${esc(acs)}">` +
  `<input type="hidden" name="SAMLResponse" value="${esc(samlResponse)}"><input type="hidden" name="RelayState" value="${esc(relayState)}">` +
  `<button type="submit">Continue</button></form><script>document.forms[0].submit()</script></body></html>`;
const iso = (secondsFromNow: number) => new Date(Date.now() + secondsFromNow * 1000).toISOString();
const certBody = (pem: string) => pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");

export async function makeSigningKey(): Promise<{ key: string; cert: string }> {
  const pems = await selfsigned.generate([{ name: "commonName", value: "Test SAML IdP" }], {
    keySize: 2048,
    algorithm: "sha256",
  });
  return { key: pems.private, cert: pems.cert };
}

export class TestSamlIdp {
  user: SamlUser = { email: "nobody@example.com" };
  groupsAttribute = "groups";
  readonly requests: AuthnRequestSeen[] = [];
  /** The last SAMLResponse the browser was handed (for replay tests). */
  lastResponse: { SAMLResponse: string; RelayState: string; acs: string } | null = null;
  signing!: { key: string; cert: string };
  private server: Server | null = null;
  private port = 0;

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get entityId(): string {
    return `${this.baseUrl}/metadata`;
  }
  get ssoUrl(): string {
    return `${this.baseUrl}/sso`;
  }

  async start(): Promise<void> {
    this.signing = await makeSigningKey();
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", this.baseUrl);
      if (url.pathname === "/metadata") {
        res.writeHead(200, { "content-type": "application/samlmetadata+xml" }).end(this.metadataXml());
        return;
      }
      if (url.pathname === "/replay" && this.lastResponse) {
        // The last answer again, as an attacker who kept it would post it.
        const last = this.lastResponse;
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(autoPost(last.acs, last.SAMLResponse, last.RelayState));
        return;
      }
      if (url.pathname !== "/sso") {
        res.writeHead(404).end();
        return;
      }
      try {
        const seen = this.parseRequest(url);
        const SAMLResponse = this.response({ inResponseTo: seen.id, acs: seen.acs, audience: seen.issuer, user: this.user });
        this.lastResponse = { SAMLResponse, RelayState: seen.relayState, acs: seen.acs };
        res
          .writeHead(200, { "content-type": "text/html; charset=utf-8" })
          .end(autoPost(seen.acs, SAMLResponse, seen.relayState, `Test IdP: signing in ${this.user.email}`));
      } catch (error) {
        res.writeHead(400, { "content-type": "text/plain" }).end(String(error));
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  metadataXml(): string {
    return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${esc(this.entityId)}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(this.signing.cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${esc(this.ssoUrl)}"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${esc(this.ssoUrl)}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
  }

  /** The console's AuthnRequest from its HTTP-Redirect URL. */
  parseRequest(url: URL | string): AuthnRequestSeen {
    const u = typeof url === "string" ? new URL(url) : url;
    const xml = inflateRawSync(Buffer.from(u.searchParams.get("SAMLRequest") ?? "", "base64")).toString("utf8");
    const pick = (re: RegExp) => re.exec(xml)?.[1] ?? "";
    const seen = {
      id: pick(/<(?:\w+:)?AuthnRequest\b[^>]*\sID="([^"]+)"/),
      acs: pick(/AssertionConsumerServiceURL="([^"]+)"/).replace(/&amp;/g, "&"),
      issuer: pick(/<(?:\w+:)?Issuer[^>]*>([^<]+)</),
      relayState: u.searchParams.get("RelayState") ?? "",
    };
    if (!seen.id || !seen.acs) throw new Error(`not an AuthnRequest: ${xml.slice(0, 200)}`);
    this.requests.push(seen);
    return seen;
  }

  /** A base64 SAMLResponse whose assertion is signed (unless `unsigned`). */
  response(o: ResponseOptions): string {
    const issuer = o.issuer ?? this.entityId;
    const assertionId = o.assertionId ?? `_a${randomBytes(16).toString("hex")}`;
    const notBefore = iso(o.notBefore ?? -5);
    const notOnOrAfter = iso(o.notOnOrAfter ?? 300);
    const groups = o.user.groups ?? [];
    const attr = (name: string, values: string[]) =>
      values.length
        ? `<saml:Attribute Name="${esc(name)}">${values.map((v) => `<saml:AttributeValue>${esc(v)}</saml:AttributeValue>`).join("")}</saml:Attribute>`
        : "";
    const xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomBytes(16).toString("hex")}" Version="2.0" IssueInstant="${iso(0)}" Destination="${esc(o.destination ?? o.acs)}" InResponseTo="${esc(o.inResponseTo)}"><saml:Issuer>${esc(issuer)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="${esc(assertionId)}" Version="2.0" IssueInstant="${iso(0)}"><saml:Issuer>${esc(issuer)}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${esc(o.user.email)}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="${esc(o.inResponseTo)}" NotOnOrAfter="${notOnOrAfter}" Recipient="${esc(o.recipient ?? o.acs)}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${iso(0)}" SessionIndex="_s${randomBytes(8).toString("hex")}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>${attr("displayName", o.user.name ? [o.user.name] : [])}${attr(o.groupsAttribute ?? this.groupsAttribute, groups)}</saml:AttributeStatement></saml:Assertion></samlp:Response>`;
    if (o.unsigned) return Buffer.from(xml).toString("base64");
    const keys = o.signWith ?? this.signing;
    const sig = new SignedXml({
      privateKey: keys.key,
      publicCert: keys.cert,
      signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
      canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
    });
    sig.addReference({
      xpath: "//*[local-name(.)='Assertion']",
      digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
      transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    });
    sig.computeSignature(xml, {
      prefix: "ds",
      location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: "after" },
    });
    return Buffer.from(sig.getSignedXml()).toString("base64");
  }
}

/** Changes the signed assertion's NameID after signing (the signature no longer matches). */
export function tamper(samlResponse: string, from: string, to: string): string {
  const xml = Buffer.from(samlResponse, "base64").toString("utf8");
  if (!xml.includes(from)) throw new Error("nothing to tamper with");
  return Buffer.from(xml.split(from).join(to)).toString("base64");
}
