// Assertions shared by the Vitest integration tests.
import { expect } from "vitest";
import { AppError, type ErrorCode } from "../lib/errors";

/** Awaits the promise, expects it to fail with an error of `type` (AppError, OAuthError …), and returns the error. */
export async function rejectionOf<E>(p: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, `expected a rejection with ${type.name}`).toBeInstanceOf(type);
  return e as E;
}

/** Awaits the promise, expects it to fail with an AppError (any code), and returns the error. */
export function refusal(p: Promise<unknown>): Promise<AppError> {
  return rejectionOf(p, AppError);
}

/** Awaits the promise, expects it to fail with an AppError of the code, and returns the error. */
export async function expectAppError(p: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const e = await refusal(p);
  expect(e.code).toBe(code);
  return e;
}
