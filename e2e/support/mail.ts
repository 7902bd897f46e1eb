// Mail for Playwright specs, read from the outbox table the server writes (every mail goes there in
// the transaction of its change, whether or not SMTP_URL delivers it). Specs that are about mail
// itself read it from a real SMTP server instead (tests/smtp-server.ts).
import { expect } from "@playwright/test";
import { testDb } from "../fixtures/db";

export interface OutboxMail {
  id: string;
  kind: string;
  toAddress: string;
  subject: string;
  text: string;
  html: string;
  actionUrl: string | null;
}

/** The newest mail of the kind to the address (waits until it is written). */
export async function latestMail(to: string, kind?: string): Promise<OutboxMail> {
  let found: OutboxMail | null = null;
  await expect
    .poll(
      async () => {
        found = await testDb().outboxMail.findFirst({
          where: { toAddress: to.toLowerCase(), ...(kind ? { kind } : {}) },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        });
        return Boolean(found);
      },
      { message: `a ${kind ?? "mail"} to ${to} in the outbox` },
    )
    .toBe(true);
  return found!;
}

/** The first absolute link in a mail's text part that starts with `prefix` (e.g. the CONSOLE_URL). */
export function linkIn(text: string, pathPrefix: string): string {
  const m = text.match(new RegExp(`https?://[^\\s]+${pathPrefix.replace(/[/?]/g, "\\$&")}[^\\s]*`));
  if (!m) throw new Error(`no ${pathPrefix} link in:\n${text}`);
  return m[0];
}
