import type { Metadata } from "next";
import { AdminSectionHeader } from "@/components/companies/section-nav";
import { DecideForm } from "@/components/plans/request-forms";
import { Card } from "@/components/ui/card";
import { PageSection } from "@/components/ui/page-section";
import { TextLink } from "@/components/ui/text-link";
import { decideRequestAction } from "@/lib/actions/requests";
import { formatWhen } from "@/lib/format";
import { listRequests, REQUEST_KIND_LABELS, type RequestView } from "@/lib/plans/requests";
import { actorOf, requirePlatformAdminPage } from "@/lib/server/session";
import { viewerTimeZone } from "@/lib/server/time-zone";

export const metadata: Metadata = { title: "Requests" };

function title(r: RequestView): string {
  switch (r.kind) {
    case "subscription":
      return `${r.app ?? "An app"} (${r.company ?? "?"}) subscribes to ${r.api ?? "an API"}`;
    case "access":
      return `${r.company ?? "A company"} asks for access to ${r.api ?? "an API"}`;
    case "plan":
      return `${r.app ?? "An app"} (${r.company ?? "?"}) asks for the plan ${r.plan ?? "?"} of ${r.api ?? "an API"}`;
    case "company":
      return `New company: ${r.details.name ?? "?"}`;
  }
}

function Facts({ r, tz }: { r: RequestView; tz: string }) {
  const rows: [string, string][] = [["Asked by", r.requester ?? "unknown"]];
  if (r.kind === "plan") rows.push(["Current plan", r.currentPlan ?? "the default"]);
  if (r.kind === "company") {
    rows.push(["Website", r.details.website || "(none)"]);
    rows.push(["Why", r.details.why || "(none)"]);
  } else rows.push(["Reason", r.reason || "(none given)"]);
  rows.push(["Asked", formatWhen(r.createdAt, tz)]);
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[9rem_1fr]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium">{k}</dt>
          <dd className="whitespace-pre-line break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function RequestsPage() {
  const viewer = await requirePlatformAdminPage("/admin/requests", "requests.manage");
  const tz = await viewerTimeZone();
  const { pending, decided } = await listRequests(actorOf(viewer));
  return (
    <div className="space-y-6">
      <AdminSectionHeader title="Requests" />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Subscriptions to APIs that require approval, access to APIs, plan changes and new companies wait here. The requester and the
        company&apos;s Delegated Administrators get your decision and its reason by mail.
      </p>
      {pending.length === 0 ? (
        <p className="text-sm" data-testid="empty-state">
          Nothing waits. Requests appear here for{" "}
          <TextLink href="/admin/apis" className="font-medium">
            APIs that require approval
          </TextLink>{" "}
          and, when{" "}
          <TextLink href="/admin/settings" className="font-medium">
            company sign-up
          </TextLink>{" "}
          is &quot;On request&quot;, for new companies.
        </p>
      ) : null}
      <ul className="space-y-4" aria-label="Waiting requests">
        {pending.map((r) => (
          <li key={r.id}>
            <Card>
              <article aria-label={title(r)} className="space-y-3">
                <h2 className="font-semibold">
                  <span className="mr-2 rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-100">
                    {REQUEST_KIND_LABELS[r.kind]}
                  </span>
                  {title(r)}
                </h2>
                <Facts r={r} tz={tz} />
                <DecideForm action={decideRequestAction.bind(null, r.id)} label={`Decide: ${title(r)}`} />
              </article>
            </Card>
          </li>
        ))}
      </ul>
      {decided.length ? (
        <PageSection id="decided-heading" title="Recently decided" className="space-y-2">
          <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
            {decided.map((r) => (
              <li key={r.id} className="py-2">
                {r.status === "APPROVED" ? "Approved" : "Rejected"}: {title(r)}
                {r.decisionReason ? ` — ${r.decisionReason}` : ""}
              </li>
            ))}
          </ul>
        </PageSection>
      ) : null}
    </div>
  );
}
