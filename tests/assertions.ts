// Assertions shared by the Vitest integration tests.
import { expect } from "vitest";
import { AppError, type ErrorCode } from "../lib/errors";

/** Awaits the promise, expects it to fail with an AppError of the code, and returns the error. */
export async function expectAppError(p: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, "expected an AppError").toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}
