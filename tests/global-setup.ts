import type { TestProject } from "vitest/node";
import { createTestDatabase } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    dataDir: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await createTestDatabase("vitest");
  project.provide("databaseUrl", database.url);
  project.provide("dataDir", database.dataDir);
  console.log(`[vitest] ${database.kind} test database: ${database.url.replace(/\/\/[^@]*@/, "//")}`);
  return async () => {
    if (!process.env.KEEP_TEST_DATABASE) await database.drop();
  };
}
