import { describe, expect, it } from "vitest";
import { auditSentence } from "./sentences";

describe("auditSentence", () => {
  it("names the actor and the app by name, never by id", () => {
    const s = auditSentence(
      { event: "secret.rotated", targetType: "app", metadata: { credentialId: "sec_123" } },
      { actor: "Dana", target: "Booking Widget" },
    );
    expect(s).toBe("Dana rotated the secret of Booking Widget");
    expect(s).not.toContain("sec_");
  });

  it("reads roles by their labels", () => {
    expect(
      auditSentence(
        { event: "role.granted", targetType: "membership", metadata: { email: "devi@example.com", role: "API_DEVELOPER" } },
        { actor: "Dana", target: null },
      ),
    ).toBe("Dana made devi@example.com API Developer");
  });

  it("says the system when there is no actor and falls back to the name kept in the entry", () => {
    expect(
      auditSentence(
        { event: "app.suspended", targetType: "app", metadata: { name: "Old App", reason: "Its owner left" } },
        { actor: null, target: null },
      ),
    ).toBe("The system suspended Old App (Its owner left)");
  });

  it("deactivation and reactivation read as such", () => {
    expect(
      auditSentence(
        { event: "app.deactivated", targetType: "app", metadata: { from: "ACTIVE", to: "INACTIVE" } },
        { actor: "Devi", target: "Widget" },
      ),
    ).toBe("Devi deactivated Widget");
  });

  it("an unknown event still reads without ids", () => {
    expect(auditSentence({ event: "thing.done", targetType: "thing", metadata: {} }, { actor: "Ann", target: null })).toBe(
      "Ann: thing done (a thing)",
    );
  });

  it("reads the SCIM, single sign-on, two-step and webhook events as sentences, not event names", () => {
    const say = (event: string, metadata: unknown, actor: string | null = "Dana", target: string | null = null) =>
      auditSentence({ event, targetType: "x", metadata }, { actor, target });
    expect(say("scim.group_created", { displayName: "Engineering", membersAdded: ["ann@x.example", "bo@x.example"] }, "Okta")).toBe(
      "Okta created the group Engineering through SCIM with ann@x.example, bo@x.example",
    );
    expect(
      say("scim.group_updated", {
        displayName: "Eng",
        previousDisplayName: "Engineering",
        membersAdded: [],
        membersRemoved: ["bo@x.example"],
      }),
    ).toBe("Dana updated the group Eng through SCIM; renamed from Engineering; removed bo@x.example");
    expect(say("scim.group_deleted", { displayName: "Eng", members: [] })).toBe("Dana deleted the group Eng through SCIM");
    expect(say("scim.user_deactivated", { email: "bo@x.example", userName: "bo", active: false })).toBe(
      "Dana deactivated bo@x.example through SCIM",
    );
    expect(say("sso.connection.added", { protocol: "SAML" })).toBe("Dana connected SAML single sign-on");
    expect(say("sso.signed_in", { email: "ann@x.example", protocol: "OIDC", first: true }, null)).toBe(
      "ann@x.example signed in with OpenID Connect for the first time",
    );
    expect(say("sso.domain.require_sso_changed", { domain: "x.example", requireSso: true })).toBe(
      "Dana required single sign-on for x.example",
    );
    expect(say("two_factor.enrolled", { factor: "totp" })).toBe("Dana set up an authenticator app for two-step sign-in");
    expect(say("two_factor.reset", { email: "bo@x.example", reason: "Lost phone", by: "delegated_admin" })).toBe(
      "Dana reset the second factor of bo@x.example (Lost phone)",
    );
    expect(say("webhook.disabled", { url: "https://hooks.x.example/in", reason: "410 Gone" }, null)).toBe(
      "The webhook endpoint https://hooks.x.example/in was turned off (410 Gone)",
    );
    expect(say("plan.created", { plan: "Gold" }, "Ops", "Flights API")).toBe("Ops added the plan Gold to Flights API");
    expect(say("company.secret_lifetime_changed", { lifetimeDays: 90, shortenedCredentials: 2 })).toBe(
      "Dana set Client Secrets to expire after 90 days",
    );
  });
});
