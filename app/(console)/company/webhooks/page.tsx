import type { Metadata } from "next";
import { RelativeTime } from "@/components/apps/relative-time";
import { CompanySectionHeader } from "@/components/companies/section-nav";
import { StatusBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageSection } from "@/components/ui/page-section";
import { DataTable, Td } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import {
  AddEndpointForm,
  EnableEndpointForm,
  RemoveEndpointForm,
  ResendForm,
  SendTestEventForm,
  SigningSecretPanel,
} from "@/components/webhooks/webhook-forms";
import { EVENT_TYPES, eventLabel } from "@/lib/events/types";
import { orNotFound } from "@/lib/server/pages";
import { actorOf, requireCompanyPage } from "@/lib/server/session";
import { listWebhookEndpoints } from "@/lib/webhooks/endpoints";

export const metadata: Metadata = { title: "Webhooks" };

const DELIVERY_STATUS: Record<string, string> = { PENDING: "Retrying", SUCCEEDED: "Delivered", FAILED: "Failed" };

export default async function WebhooksPage() {
  const { viewer, company } = await requireCompanyPage("webhooks.manage", "/company/webhooks");
  const endpoints = await orNotFound(listWebhookEndpoints(actorOf(viewer), company.companyId));
  return (
    <div className="space-y-8">
      <CompanySectionHeader companyName={company.companyName} title="Webhooks" status={company.companyStatus} />
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        The console sends a signed POST to each endpoint when something happens to your company’s apps and members, following the Standard
        Webhooks specification: headers <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code> (
        <code>v1,</code> and an HMAC-SHA256 under the endpoint’s <code>whsec_</code> secret), body{" "}
        <code>{`{"type", "timestamp", "data"}`}</code>. A delivery that fails is retried with growing waits for 24 hours; an endpoint that
        fails for 24 hours is disabled and you are mailed.
      </p>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Add an endpoint</h2>
        <AddEndpointForm eventTypes={EVENT_TYPES.map((e) => ({ type: e.type, label: e.label }))} />
      </Card>
      <PageSection id="endpoints" title="Endpoints" className="space-y-4">
        {endpoints.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="empty-state">
            No endpoints yet.{" "}
            <TextLink anchor href="#webhook-url" className="font-medium">
              Add an endpoint
            </TextLink>{" "}
            above to be told when apps, members or secrets change; then send it a test event.
          </p>
        ) : null}
        {endpoints.map((e) => (
          <article key={e.id} aria-label={e.url} className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
            <div className="flex flex-wrap items-start justify-between gap-4">
              <div className="space-y-1 text-sm">
                <p className="break-all font-mono font-medium">{e.url}</p>
                <p>
                  <StatusBadge status={e.status === "ACTIVE" ? "ACTIVE" : "SUSPENDED"} testId="webhook-status" />{" "}
                  {e.status === "ACTIVE" ? null : <span>Disabled. {e.disabledReason}</span>}
                </p>
                <p className="text-slate-600 dark:text-slate-400">
                  Events: {e.eventTypes.map(eventLabel).join(", ")} · added <RelativeTime date={e.createdAt} />
                </p>
              </div>
              <div className="flex flex-wrap items-start gap-3">
                {e.status === "ACTIVE" ? <SendTestEventForm endpointId={e.id} /> : <EnableEndpointForm endpointId={e.id} />}
                <RemoveEndpointForm endpointId={e.id} url={e.url} />
              </div>
            </div>
            <SigningSecretPanel endpointId={e.id} />
            <h3 className="font-semibold">Deliveries to {e.url}</h3>
            {e.deliveries.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">Nothing sent yet.</p>
            ) : (
              <DataTable
                label={`Deliveries to ${e.url}`}
                tableLabel={`Deliveries to ${e.url}`}
                columns={["Event", "Status", "Attempts", "Latest answer", "Actions"]}
              >
                {e.deliveries.map((d) => {
                  const last = d.log[0];
                  return (
                    <tr key={d.id}>
                      <Td label="Event">
                        {d.label}
                        <br />
                        <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{d.messageId}</span>
                        <br />
                        <RelativeTime date={d.createdAt} />
                      </Td>
                      <Td label="Status">
                        {DELIVERY_STATUS[d.status] ?? d.status}
                        {d.status === "PENDING" && d.attempts > 0 ? (
                          <>
                            {" "}
                            (next <RelativeTime date={d.nextAttemptAt} />)
                          </>
                        ) : null}
                      </Td>
                      <Td label="Attempts">{d.attempts}</Td>
                      <Td label="Latest answer">
                        {last ? (
                          <details>
                            <summary>
                              {last.statusCode ? `HTTP ${last.statusCode}` : "No answer"} · {last.latencyMs} ms
                            </summary>
                            <ol className="mt-2 space-y-2">
                              {d.log.map((a) => (
                                <li key={a.id} className="text-xs">
                                  <RelativeTime date={a.attemptedAt} />: {a.statusCode ? `HTTP ${a.statusCode}` : "no answer"} in{" "}
                                  {a.latencyMs} ms{a.error ? ` (${a.error})` : ""}
                                  {a.responseBody ? (
                                    <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 dark:bg-slate-900">
                                      {a.responseBody}
                                    </pre>
                                  ) : null}
                                </li>
                              ))}
                            </ol>
                          </details>
                        ) : (
                          "Not attempted yet"
                        )}
                      </Td>
                      <Td label="Actions">{e.status === "ACTIVE" ? <ResendForm deliveryId={d.id} /> : null}</Td>
                    </tr>
                  );
                })}
              </DataTable>
            )}
          </article>
        ))}
      </PageSection>
    </div>
  );
}
