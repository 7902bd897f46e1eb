import "server-only";
// Pages call the domain modules through this: their "not found" becomes the 404 page (so another
// company's record, or one the viewer may not see, looks exactly like a record that does not exist).
import { notFound } from "next/navigation";
import { AppError } from "../errors";

export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

/** A query-string value as one string (the first when repeated). */
export function param(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

// Dates are formatted in lib/format.ts (the one module for it); pages import formatWhen from here too.
export { formatWhen } from "../format";
