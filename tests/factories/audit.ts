// Audit entries written straight into the log (for paging through it).
import { newId } from "../../lib/ids";
import type { TestDb } from "./client";

/** `count` entries of the company, one second apart, the last a second before `until`; metadata `{ n }`. */
export async function makeAuditEntries(
  db: TestDb,
  opts: { companyId: string; count: number; event: string; actorEmail: string; until: Date },
): Promise<void> {
  await db.auditLog.createMany({
    data: Array.from({ length: opts.count }, (_, i) => ({
      id: newId("audit"),
      companyId: opts.companyId,
      actorEmail: opts.actorEmail,
      event: opts.event,
      targetType: "test",
      targetId: null,
      metadata: { n: i },
      ip: "192.0.2.9",
      userAgent: "e2e seed",
      createdAt: new Date(opts.until.getTime() - (opts.count - i) * 1000),
    })),
  });
}
