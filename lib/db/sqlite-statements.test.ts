// SQLite statements compiled once and kept per SQL text: on a bare better-sqlite3 connection (each
// call gets its own arguments, the schema may change under a kept statement, the map stays bounded) and
// through Prisma's adapter (reads, writes, a rolled-back transaction and a constraint error answer as
// before), on a SQLite file of its own in either run of the suite.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { keepPreparedStatements, PrismaBetterSqlite3KeptStatements } from "./sqlite-statements";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "sqlite-statements-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A connection whose statement compilations are counted, with `prepare` then made to keep them. */
function counted(max?: number) {
  const database = new Database(":memory:");
  let compiled = 0;
  const compile = database.prepare.bind(database);
  (database as unknown as { prepare: typeof compile }).prepare = ((sql: string) => {
    compiled++;
    return compile(sql);
  }) as typeof compile;
  keepPreparedStatements(database, max);
  database.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
  return { database, compiled: () => compiled };
}

describe("keepPreparedStatements", () => {
  it("compiles a SQL text once and runs it with each call's own arguments", () => {
    const { database, compiled } = counted();
    const insert = "INSERT INTO t (id, name) VALUES (?, ?)";
    for (const [id, name] of [
      [1, "one"],
      [2, "two"],
      [3, "three"],
    ] as const)
      expect(database.prepare(insert).bind([id, name]).run().changes).toBe(1);
    const select = "SELECT id, name FROM t WHERE id = ?";
    const read = (id: number) => {
      const s = database.prepare(select).bind([id]);
      expect(s.reader).toBe(true);
      expect(s.columns().map((c) => c.name)).toEqual(["id", "name"]);
      return s.raw().all();
    };
    expect(read(2)).toEqual([[2, "two"]]);
    expect(read(3)).toEqual([[3, "three"]]);
    expect(read(9)).toEqual([]);
    expect(compiled()).toBe(2);
    // A failed run leaves the kept statement usable.
    expect(() => database.prepare(insert).bind([4, "one"]).run()).toThrow(/UNIQUE/);
    expect(database.prepare(insert).bind([4, "four"]).run().changes).toBe(1);
    expect(read(4)).toEqual([[4, "four"]]);
    expect(compiled()).toBe(2);
  });

  it("answers from a kept statement after the schema changed under it; a `*` selection is never kept", () => {
    const { database, compiled } = counted();
    database.prepare("INSERT INTO t (id, name) VALUES (?, ?)").bind([1, "one"]).run();
    const named = "SELECT id, name FROM t WHERE id = ?";
    const star = "SELECT * FROM t WHERE id = ?";
    expect(database.prepare(named).bind([1]).raw().all()).toEqual([[1, "one"]]);
    expect(database.prepare(star).bind([1]).raw().all()).toEqual([[1, "one"]]);
    database.exec("ALTER TABLE t ADD COLUMN note TEXT DEFAULT 'n'");
    const before = compiled();
    expect(database.prepare(named).bind([1]).raw().all()).toEqual([[1, "one"]]);
    expect(compiled()).toBe(before);
    const after = database.prepare(star).bind([1]);
    expect(after.columns().map((c) => c.name)).toEqual(["id", "name", "note"]);
    expect(after.raw().all()).toEqual([[1, "one", "n"]]);
    expect(compiled()).toBe(before + 1);
    database.prepare("SELECT COUNT(*) AS n FROM t").bind([]).raw().all();
    database.prepare("SELECT COUNT(*) AS n FROM t").bind([]).raw().all();
    expect(compiled()).toBe(before + 2);
  });

  it("keeps at most `max` texts, compiling a dropped one again", () => {
    const { database, compiled } = counted(2);
    const texts = ["SELECT 1", "SELECT 2", "SELECT 3"];
    for (const sql of texts) database.prepare(sql).bind([]).raw().all();
    expect(compiled()).toBe(3);
    database.prepare("SELECT 3").bind([]).raw().all(); // kept
    expect(compiled()).toBe(3);
    expect(database.prepare("SELECT 1").bind([]).raw().all()).toEqual([[1]]); // dropped: compiled again
    expect(compiled()).toBe(4);
  });
});

describe("Prisma through the adapter that keeps statements", () => {
  it("reads, writes, rolls back and reports a unique violation as with fresh statements", async () => {
    const file = path.join(scratch, "prisma.db");
    const setup = new Database(file);
    setup.exec(`CREATE TABLE "Setting" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL, "updatedAt" DATETIME NOT NULL)`);
    setup.close();
    const { PrismaClient } = await import("../generated/sqlite/client");
    const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3KeptStatements({ url: `file:${file}` }) });
    try {
      for (let i = 0; i < 5; i++) await prisma.setting.create({ data: { key: `k${i}`, value: `v${i}`, updatedAt: new Date() } });
      for (let i = 0; i < 5; i++) expect((await prisma.setting.findUnique({ where: { key: `k${i}` } }))?.value).toBe(`v${i}`);
      expect(await prisma.setting.count({ where: { value: { in: ["v1", "v3"] } } })).toBe(2);
      await expect(prisma.setting.create({ data: { key: "k1", value: "again", updatedAt: new Date() } })).rejects.toMatchObject({
        code: "P2002",
      });
      await expect(
        prisma.$transaction(async (tx) => {
          await tx.setting.update({ where: { key: "k2" }, data: { value: "changed" } });
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      expect((await prisma.setting.findUnique({ where: { key: "k2" } }))?.value).toBe("v2");
      await prisma.$transaction(async (tx) => {
        await tx.setting.update({ where: { key: "k2" }, data: { value: "changed" } });
      });
      expect((await prisma.setting.findUnique({ where: { key: "k2" } }))?.value).toBe("changed");
    } finally {
      await prisma.$disconnect();
    }
  });
});
