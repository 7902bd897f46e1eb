// What one audit entry says: its shape, a leaf that the modules writing beside an entry (the events
// and mail notices it sets off, ./index.ts `writeAudit`) can name without importing the writer.
export interface AuditEntry {
  event: string; // noun.verb, e.g. "app.registered", "role.granted", "secret.revealed"
  targetType: string; // "app" | "user" | "company" | "membership" | "secret" | "invitation" | …
  targetId?: string | null;
  companyId?: string | null;
  metadata?: Record<string, unknown>;
}
