// A test file's own fresh database (tests/test-database.ts), for tests that would disturb the files
// running beside them on the shared one (they move the clock, rotate keys or destroy the database).
import { afterAll, beforeAll } from "vitest";
import { disconnectDb } from "../lib/db";
import { resetEnvCache } from "../lib/env";
import { createTestDatabase, type TestDatabase } from "./test-database";

/**
 * Points lib/db at a new database for the file's tests (registered as beforeAll / afterAll, so call it
 * at the top of the file) and back to the shared one afterwards; the database is dropped unless
 * KEEP_TEST_DATABASE is set. Returns the database, once beforeAll has made it.
 */
export function ownDatabase(label: string): () => TestDatabase {
  let database: TestDatabase | undefined;
  let previousUrl: string | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(label);
    previousUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = database.url;
    resetEnvCache();
    await disconnectDb();
  });
  afterAll(async () => {
    await disconnectDb();
    process.env.DATABASE_URL = previousUrl;
    resetEnvCache();
    if (!process.env.KEEP_TEST_DATABASE) await database?.drop();
  });
  return () => database!;
}
