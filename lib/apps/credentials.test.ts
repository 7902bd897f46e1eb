import { describe, expect, it } from "vitest";
import { generateClientId, generateClientSecret, isWellFormedClientId, isWellFormedClientSecret, secretChecksum } from "./credentials";

describe("client credentials format", () => {
  it("makes prefixed client ids and unique secrets with a valid checksum", () => {
    const ids = new Set(Array.from({ length: 200 }, generateClientId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(isWellFormedClientId(id)).toBe(true);
    const secret = generateClientSecret();
    expect(secret).toMatch(/^apcs_[0-9A-Za-z]{38}$/);
    expect(isWellFormedClientSecret(secret)).toBe(true);
  });

  it("tells a mistyped secret from a real one without the database", () => {
    const secret = generateClientSecret();
    const body = secret.slice(5, 37);
    const flipped = secret.slice(0, 10) + (secret[10] === "a" ? "b" : "a") + secret.slice(11);
    expect(isWellFormedClientSecret(flipped)).toBe(false);
    expect(isWellFormedClientSecret(secret.slice(0, -1))).toBe(false);
    expect(isWellFormedClientSecret("apcs_" + body + "000000")).toBe(secretChecksum(body) === "000000");
    expect(isWellFormedClientId("apc_short")).toBe(false);
  });
});
