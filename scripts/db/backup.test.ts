// The backup round trip: `npm run backup` while the console's database is in use, the
// database destroyed, `npm run restore`, and the old Client Secret still gets a token. On a database
// of its own (it is destroyed); SQLite by default, PostgreSQL with TEST_DATABASE=postgresql.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../../lib/db";
import { clearClientCache } from "../../lib/oauth/clients";
import { handleTokenRequest } from "../../lib/oauth/token-endpoint";
import { catalog } from "../../tests/factories/domain";
import { basicHeader, makeOAuthApp } from "../../tests/factories/oauth";
import { ownDatabase } from "../../tests/own-database";
import { libpqUrl } from "./backup-core";

const database = ownDatabase("backup");

beforeAll(async () => {
  await catalog(); // the Hello API makeOAuthApp subscribes apps to, in this database
});

function cli(script: string, args: string[]) {
  const r = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), script, ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: database().url, DATA_DIR: database().dataDir },
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const tokenStatus = async (clientId: string, secret: string) =>
  (
    await handleTokenRequest(
      new Request("http://localhost/oauth2/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: basicHeader(clientId, secret) },
        body: "grant_type=client_credentials",
      }),
    )
  ).status;

async function destroy(): Promise<void> {
  await disconnectDb();
  if (database().kind === "sqlite") {
    const file = database().url.slice("file:".length);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    expect(existsSync(file)).toBe(false);
  } else {
    const c = new pg.Client({ connectionString: libpqUrl(database().url) });
    await c.connect();
    await c.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    await c.end();
  }
}

describe("npm run backup / npm run restore", () => {
  it("backs up, the database is destroyed, restores, and the old Client Secret still gets a token", { timeout: 300_000 }, async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    expect(await tokenStatus(app.clientId, app.clientSecret)).toBe(200);

    const file = path.join(database().dataDir, "backups", `round-trip.${database().kind === "sqlite" ? "db" : "dump"}`);
    const backup = cli("scripts/backup.ts", ["--out", file]);
    expect(backup.out).toContain(`backed up to ${file}`);
    expect(backup.out).toContain("Keep the master key with this backup");
    expect(backup.status).toBe(0);
    expect(existsSync(file)).toBe(true);

    await destroy();
    clearClientCache();
    await expect(db().app.count()).rejects.toThrow();
    await disconnectDb();

    const restore = cli("scripts/restore.ts", [file]);
    expect(restore.out).toContain("restored into the");
    expect(restore.status).toBe(0);

    clearClientCache();
    expect(await db().app.count({ where: { id: app.appId } })).toBe(1);
    expect(await tokenStatus(app.clientId, app.clientSecret)).toBe(200);
    expect(await tokenStatus(app.clientId, `${app.clientSecret}x`)).toBe(401);
  });

  it("refuses a file that is not a backup, and leaves the database as it was", { timeout: 120_000 }, async () => {
    const bogus = path.join(database().dataDir, "not-a-backup.txt");
    await import("node:fs").then((fs) => fs.writeFileSync(bogus, "hello"));
    const before = await db().app.count();
    await disconnectDb();
    const r = cli("scripts/restore.ts", [bogus]);
    expect(r.status).not.toBe(0);
    expect(r.out).toContain("[restore] failed");
    expect(await db().app.count()).toBe(before);
  });
});
