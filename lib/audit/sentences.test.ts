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
});
