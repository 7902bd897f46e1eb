// Webhook endpoints: a company's subscriber to some event types (its secret is never used by the tests
// that read the deliveries from the outbox).
import type { TestDb } from "./client";

/** The company's webhook endpoint for `eventTypes` at https://hooks.example.com/in. */
export async function makeWebhookEndpoint(db: TestDb, companyId: string, eventTypes: string[]) {
  return db.webhookEndpoint.create({
    data: { id: `whe_${companyId}`, companyId, url: "https://hooks.example.com/in", eventTypes, secretCiphertext: "unused" },
  });
}
