// Assertions shared by the Vitest integration tests.
import { expect } from "vitest";
import { AppError, type ErrorCode } from "../lib/errors";

/** Awaits the promise, expects it to fail with an AppError (any code), and returns the error. */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, "expected an AppError").toBeInstanceOf(AppError);
  return e as AppError;
}

/** Awaits the promise, expects it to fail with an AppError of the code, and returns the error. */
export async function expectAppError(p: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const e = await refusal(p);
  expect(e.code).toBe(code);
  return e;
}
