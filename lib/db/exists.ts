import "server-only";
// Several "is there at least one such row?" questions in one statement. Each question costs the
// client one query (and its compile) otherwise, and a COUNT reads every matching row where EXISTS
// stops at the first: pages that only need yes or no (the Getting started cards) ask here.
import { db } from "../db";
import { env } from "../env";

/** One question: `where` uses `?` for each value in `values`, in order; table and columns are constants of the caller. */
export interface ExistsCheck {
  from: string;
  where: string;
  values: readonly unknown[];
}

/** `?, ?, ?` for an IN list of `n` values (n ≥ 1). */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}

/** Whether each check finds a row, answered by one statement. */
export async function existsEach<K extends string>(checks: Record<K, ExistsCheck>): Promise<Record<K, boolean>> {
  const names = Object.keys(checks) as K[];
  const values: unknown[] = [];
  const columns = names.map((name) => {
    const c = checks[name];
    values.push(...c.values);
    return `CASE WHEN EXISTS (SELECT 1 FROM ${c.from} WHERE ${c.where}) THEN 1 ELSE 0 END AS "${name}"`;
  });
  let sql = `SELECT ${columns.join(", ")}`;
  if (env().databaseKind === "postgresql") {
    let i = 0;
    sql = sql.replace(/\?/g, () => `$${++i}`);
  }
  const [row] = await db().$queryRawUnsafe<Record<K, unknown>[]>(sql, ...values);
  return Object.fromEntries(names.map((name) => [name, Number(row?.[name] ?? 0) > 0])) as Record<K, boolean>;
}
