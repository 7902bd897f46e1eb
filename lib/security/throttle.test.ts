import { describe, expect, it } from "vitest";
import { clearFailures, lockSecondsFor, recordFailure, SIGN_IN_ACCOUNT, throttleState } from "./throttle";

describe("throttle", () => {
  it("doubles the lock after the free failures, up to the cap", () => {
    expect(lockSecondsFor(5, SIGN_IN_ACCOUNT)).toBe(0);
    expect(lockSecondsFor(6, SIGN_IN_ACCOUNT)).toBe(15);
    expect(lockSecondsFor(7, SIGN_IN_ACCOUNT)).toBe(30);
    expect(lockSecondsFor(50, SIGN_IN_ACCOUNT)).toBe(900);
  });

  it("locks a key in the database and clears it", async () => {
    const key = `test:${Math.random()}`;
    for (let i = 0; i < 6; i++) await recordFailure(key, SIGN_IN_ACCOUNT);
    const state = await throttleState([key]);
    expect(state.locked).toBe(true);
    expect(state.retryAfterSeconds).toBeGreaterThan(10);
    await clearFailures(key);
    expect((await throttleState([key])).locked).toBe(false);
  });

  it("starts counting again once the window has passed", async () => {
    const key = `test:${Math.random()}`;
    const t0 = new Date(Date.now() - 3600_000);
    for (let i = 0; i < 5; i++) await recordFailure(key, SIGN_IN_ACCOUNT, t0);
    await recordFailure(key, SIGN_IN_ACCOUNT);
    expect((await throttleState([key])).locked).toBe(false);
  });
});
