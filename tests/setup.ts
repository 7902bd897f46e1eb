import { inject } from "vitest";

// Every test file talks to the run's fresh database, with its own data dir (master key file).
process.env.DATABASE_URL = inject("databaseUrl");
process.env.DATA_DIR = inject("dataDir");
process.env.CONSOLE_SECRET_KEY ??= "dGVzdC1rZXktZm9yLXRoZS12aXRlc3QtcnVucy0zMmI";
(process.env as Record<string, string>).NODE_ENV = "test";
