import "server-only";
// Prepared statements kept per SQL text on the SQLite connection. Prisma's better-sqlite3 adapter
// prepares every query anew (`client.prepare(sql).bind(args)`, then `reader`/`columns()`/`raw().all()`
// or `run()`), and compiling the SQL is a fifth of a small query's cost. Prisma's own query plan cache
// makes the SQL text of a query shape the same on every call, so a statement compiled once serves every
// later call of that shape. The connection's `prepare` is replaced by one that takes the compiled
// statement from an LRU map (`max` shapes) and hands the adapter a fresh binding of it: the arguments
// are kept on the binding and passed at execution, never bound to the shared statement (better-sqlite3
// binds permanently). better-sqlite3 runs a statement to its end synchronously, so one statement is
// never executed twice at once. SQLite recompiles a kept statement when the schema changes; but until it
// runs again better-sqlite3 reports the columns of its first compile, which the adapter reads before the
// rows, so a statement that selects `*` (its columns follow the schema) is compiled afresh every time.
// Prisma's own statements name every column.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { LRUCache } from "lru-cache";

type Statement = BetterSqlite3.Statement<unknown[]>;

/** What the adapter calls on a prepared statement, with the arguments held until it runs. */
class Binding {
  private args: unknown[] = [];
  constructor(private readonly statement: Statement) {}
  get reader(): boolean {
    return this.statement.reader;
  }
  bind(args: unknown[]): this {
    this.args = args;
    return this;
  }
  columns() {
    return this.statement.columns();
  }
  /** Rows as arrays from now on: the adapter asks for them so on every reading statement. */
  raw(): this {
    this.statement.raw(true);
    return this;
  }
  all(): unknown[] {
    return this.statement.all(this.args);
  }
  run(): BetterSqlite3.RunResult {
    return this.statement.run(this.args);
  }
}

/** `SELECT * FROM`, `SELECT m.*, …`: columns that follow the schema. (`COUNT(*)` is not one.) */
const SELECTS_STAR = /\*\s*(?:FROM\b|,)/i;

/** Makes `database.prepare` keep what it compiles (at most `max` SQL texts, least recently used dropped). */
export function keepPreparedStatements(database: BetterSqlite3.Database, max = 500): void {
  const compile = database.prepare.bind(database) as (sql: string) => Statement;
  const kept = new LRUCache<string, Statement>({ max });
  const prepare = (sql: string) => {
    let statement = kept.get(sql);
    if (!statement) {
      statement = compile(sql);
      if (!SELECTS_STAR.test(sql)) kept.set(sql, statement); // looked at once per compile, not per call
    }
    return new Binding(statement);
  };
  (database as unknown as { prepare: typeof prepare }).prepare = prepare;
}

/**
 * Prisma's better-sqlite3 adapter whose connection keeps its prepared statements. The adapter holds
 * its connection as `client` (@prisma/adapter-better-sqlite3 7.10, pinned in package.json).
 */
export class PrismaBetterSqlite3KeptStatements extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    keepPreparedStatements((adapter as unknown as { client: BetterSqlite3.Database }).client);
    return adapter;
  }
}
