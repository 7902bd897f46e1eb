import { describe, expect, it } from "vitest";
import { generateClientSecret } from "../apps/credentials";
import { openSecret, sealSecret, secretMatches } from "../apps/secret-store";
import { issueSignInTicket, readSignInTicket } from "../auth/ticket";
import { decrypt, digest, encrypt, safeEqual } from "./crypto";

describe("secret storage", () => {
  it("seals a client secret so it can be shown again and verified by digest", () => {
    const secret = generateClientSecret();
    const sealed = sealSecret(secret, "sec_1");
    expect(sealed.ciphertext).not.toContain(secret);
    expect(openSecret(sealed.ciphertext, "sec_1")).toBe(secret);
    expect(secretMatches(secret, sealed.digest)).toBe(true);
    expect(secretMatches(secret + "x", sealed.digest)).toBe(false);
    expect(sealed.lastFour).toBe(secret.slice(-4));
  });

  it("binds a ciphertext to its record", () => {
    const sealed = encrypt("hello", "secret-encryption", "client-secret:a");
    expect(() => decrypt(sealed, "secret-encryption", "client-secret:b")).toThrow();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
    expect(() => decrypt(tampered, "secret-encryption", "client-secret:a")).toThrow();
  });

  it("keeps digests of different purposes apart", () => {
    expect(digest("x", "secret-digest")).not.toBe(digest("x", "token-digest"));
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
  });
});

describe("sign-in tickets", () => {
  it("are valid for 30 seconds and cannot be forged", () => {
    const now = Date.now();
    const t = issueSignInTicket("usr_1", "ses_1", now);
    expect(readSignInTicket(t, now + 1000)).toEqual({ userId: "usr_1", sessionId: "ses_1" });
    expect(readSignInTicket(t, now + 31_000)).toBeNull();
    expect(readSignInTicket(t.replace("usr_1", "usr_2"), now)).toBeNull();
    expect(readSignInTicket(undefined)).toBeNull();
  });
});
