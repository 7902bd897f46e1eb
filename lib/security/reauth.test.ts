import { describe, expect, it } from "vitest";
import { isRecentProof, issueNewAppProof, issueReauthProof, readNewAppProof, readReauthProof } from "./reauth";

describe("password proofs", () => {
  it("binds a re-authentication proof to the user and the session", () => {
    const proof = issueReauthProof("usr_a", 1000, 1500);
    expect(readReauthProof(proof, "usr_a", 1000)).toBe(1500);
    expect(readReauthProof(proof, "usr_b", 1000)).toBeNull();
    expect(readReauthProof(proof, "usr_a", 1001)).toBeNull();
    expect(readReauthProof(proof.replace(".1500.", ".9999."), "usr_a", 1000)).toBeNull();
    expect(readReauthProof(proof.slice(0, -2) + "xx", "usr_a", 1000)).toBeNull();
    expect(readReauthProof(undefined, "usr_a", 1000)).toBeNull();
    expect(readReauthProof("a.b.c", "usr_a", 1000)).toBeNull();
  });

  it("counts a proof as recent for the window only (10 minutes by default)", () => {
    expect(isRecentProof(1000, 1600)).toBe(true);
    expect(isRecentProof(1000, 1601)).toBe(false);
    expect(isRecentProof(1000, 1002, 2)).toBe(true);
    expect(isRecentProof(1000, 1003, 2)).toBe(false);
    expect(isRecentProof(5000, 1000)).toBe(false); // from the far future
  });

  it("lets only the registering user see a new app's secret, and only until the proof ends", () => {
    const proof = issueNewAppProof("app_x", "usr_a", 2000);
    expect(readNewAppProof(proof, "app_x", "usr_a", 1999)).toBe(true);
    expect(readNewAppProof(proof, "app_x", "usr_a", 2001)).toBe(false);
    expect(readNewAppProof(proof, "app_y", "usr_a", 1999)).toBe(false);
    expect(readNewAppProof(proof, "app_x", "usr_b", 1999)).toBe(false);
    expect(readNewAppProof(proof.replace(".2000.", ".9000."), "app_x", "usr_a", 1999)).toBe(false);
  });
});
