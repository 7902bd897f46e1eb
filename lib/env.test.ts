import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("environment", () => {
  it("defaults to SQLite in ./data and the console on localhost:3000", () => {
    const e = parseEnv({});
    expect(e.port).toBe(3000);
    expect(e.consoleUrl).toBe("http://localhost:3000");
    expect(e.databaseKind).toBe("sqlite");
    expect(e.databaseUrl).toBe(`file:${path.resolve("data/console.db")}`);
  });

  it("uses PostgreSQL when DATABASE_URL says so and derives the console URL from PORT", () => {
    const e = parseEnv({ DATABASE_URL: "postgresql://u@127.0.0.1:5432/x", PORT: "3917" });
    expect(e.databaseKind).toBe("postgresql");
    expect(e.consoleUrl).toBe("http://localhost:3917");
  });

  it("names every bad variable", () => {
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", CONSOLE_ADMIN_EMAIL: "admin@example.com" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const text = (error as EnvError).message;
      expect(text).toMatch(/PORT: must be a number/);
      expect(text).toMatch(/DATABASE_URL: must start with file:/);
      expect(text).toMatch(/CONSOLE_ADMIN_PASSWORD: set both/);
    }
  });

  it("refuses a secret key that is not 32 bytes", () => {
    expect(() => parseEnv({ CONSOLE_SECRET_KEY: "too-short" })).toThrow(/CONSOLE_SECRET_KEY/);
  });

  it("keeps the re-authentication window at 10 minutes unless made stricter", () => {
    expect(parseEnv({}).reauthWindowSeconds).toBe(600);
    expect(parseEnv({ CONSOLE_REAUTH_WINDOW_SECONDS: "2" }).reauthWindowSeconds).toBe(2);
    expect(() => parseEnv({ CONSOLE_REAUTH_WINDOW_SECONDS: "3600" })).toThrow(/CONSOLE_REAUTH_WINDOW_SECONDS: must be between 1 and 600/);
    expect(() => parseEnv({ CONSOLE_REAUTH_WINDOW_SECONDS: "0" })).toThrow(/CONSOLE_REAUTH_WINDOW_SECONDS/);
  });
});

describe("rate limit overrides", () => {
  it("parses name=limit/window pairs and refuses malformed ones", () => {
    expect(parseEnv({ CONSOLE_RATE_LIMITS: "signUp=5/60, signIn=9/30" }).rateLimits).toEqual({
      signUp: { limit: 5, windowSeconds: 60 },
      signIn: { limit: 9, windowSeconds: 30 },
    });
    expect(() => parseEnv({ CONSOLE_RATE_LIMITS: "signUp=lots" })).toThrow(/CONSOLE_RATE_LIMITS/);
  });
});
