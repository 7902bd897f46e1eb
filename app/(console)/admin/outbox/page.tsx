import type { Metadata } from "next";
import { AdminSectionHeader } from "@/components/companies/section-nav";
import { LocalTime } from "@/components/time/local-time";
import { DataTable, Td } from "@/components/ui/table";
import { env } from "@/lib/env";
import { listOutbox } from "@/lib/mail/outbox";
import { param } from "@/lib/server/pages";
import { requirePlatformAdminPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePlatformAdminPage("/admin/outbox", "outbox.read");
  const to = param((await searchParams).to);
  const rows = await listOutbox({ to: to ?? undefined });
  const smtp = Boolean(env().smtpUrl);
  return (
    <div className="space-y-6">
      <AdminSectionHeader title="Outbox" />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {smtp
          ? "Mail is delivered through SMTP_URL, with retries. Action links are hidden here."
          : "No SMTP_URL is set: mail stays here. Action links are shown so they can be passed on by hand."}
      </p>
      <form method="get" className="flex items-end gap-2" aria-label="Filter the outbox">
        <label className="text-sm">
          <span className="block font-medium">Recipient</span>
          <input
            name="to"
            defaultValue={to ?? ""}
            className="mt-1 rounded-md border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
          />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 text-sm dark:border-slate-600">
          Filter
        </button>
      </form>
      {rows.length === 0 ? (
        <p>No mail yet.</p>
      ) : (
        <DataTable label="Outbox" tableClassName="min-w-full text-sm" columns={["Written", "To", "Subject", "Status", "Link"]}>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-200 dark:border-slate-700" data-mail-id={r.id}>
              <Td>
                <LocalTime date={r.createdAt} />
              </Td>
              <Td>{r.to}</Td>
              <Td>
                <details>
                  <summary>{r.subject}</summary>
                  <pre className="mt-2 whitespace-pre-wrap text-xs">{r.text}</pre>
                </details>
              </Td>
              <Td>
                {r.status === "SENT" ? "Sent" : r.status === "PENDING" ? (smtp ? "Waiting to send" : "Kept (no SMTP)") : r.status}
                {r.attempts > 0 && r.status !== "SENT" ? ` · ${r.attempts} attempt${r.attempts === 1 ? "" : "s"}` : ""}
                {r.lastError && r.status !== "SENT" ? (
                  <span className="block text-xs text-red-700 dark:text-red-300">{r.lastError}</span>
                ) : null}
              </Td>
              <Td>
                {r.actionUrl ? (
                  <a className="underline break-all" href={r.actionUrl}>
                    {r.actionUrl}
                  </a>
                ) : r.actionMasked ? (
                  "Hidden (delivered by SMTP)"
                ) : (
                  "—"
                )}
              </Td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
