// An app's plans on its Usage tab (server component): per API, the plan, "Pending approval" when the
// subscription waits, and a bar per quota with the notice at 80 % and 100 %.
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { formatWhen } from "@/lib/format";
import type { ApiPlanUse, QuotaUse } from "@/lib/plans/usage";
import { viewerTimeZone } from "@/lib/server/time-zone";

const limitText = (n: number | null, unit: string) => (n === null ? `unlimited ${unit}` : `${n.toLocaleString("en")} ${unit}`);

async function QuotaBar({ q, apiName }: { q: QuotaUse; apiName: string }) {
  const label = q.policy === "day" ? "Calls today" : "Calls this month";
  const pct = Math.min(100, Math.round((q.used * 100) / q.limit));
  const colour = q.threshold >= 100 ? "bg-red-600" : q.threshold >= 80 ? "bg-amber-500" : "bg-brand-600";
  const resets = formatWhen(q.resetsAt, await viewerTimeZone());
  return (
    <div className="space-y-1" data-testid={`quota-${q.policy}`}>
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span>
          {q.used}/{q.limit} <span className="text-slate-600 dark:text-slate-400">(resets {resets})</span>
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`${label} to ${apiName}`}
        aria-valuemin={0}
        aria-valuemax={q.limit}
        aria-valuenow={q.used}
        aria-valuetext={`${q.used} of ${q.limit}`}
        className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-700"
      >
        <div className={`h-full ${colour}`} style={{ width: `${pct}%` }} />
      </div>
      {q.threshold >= 100 ? (
        <Alert kind="error">
          {q.policy === "day" ? "Today's" : "This month's"} quota is used up: calls get 429 quota_exceeded until {resets}.
        </Alert>
      ) : q.threshold >= 80 ? (
        <Alert kind="info">
          {q.threshold} % of {q.policy === "day" ? "today's" : "this month's"} quota is used.
        </Alert>
      ) : null}
    </div>
  );
}

export function AppPlans({ uses, children }: { uses: ApiPlanUse[]; children?: (use: ApiPlanUse) => React.ReactNode }) {
  if (uses.length === 0) return null;
  return (
    <Card>
      <section aria-labelledby="plans-heading" className="space-y-4">
        <h2 id="plans-heading" className="text-lg font-semibold">
          Plans and quotas
        </h2>
        {uses.map((u) => (
          <div
            key={u.apiId}
            className="space-y-2 border-t border-slate-200 pt-3 first:border-0 first:pt-0 dark:border-slate-800"
            data-testid="api-plan"
          >
            <h3 className="font-medium">{u.apiName}</h3>
            {u.status === "PENDING" ? (
              <Alert kind="info">
                <strong>Pending approval:</strong> the platform administrator has not approved this app&apos;s use of {u.apiName} yet; calls
                get 403 until then.
              </Alert>
            ) : null}
            <p className="text-sm">
              Plan <strong data-testid="plan-name">{u.planName}</strong>: {limitText(u.ratePerMinute, "requests per minute")},{" "}
              {limitText(u.callsPerDay, "calls per day")}, {limitText(u.callsPerMonth, "calls per month")}.
            </p>
            {u.quotas.map((q) => (
              <QuotaBar key={q.window} q={q} apiName={u.apiName} />
            ))}
            {children?.(u)}
          </div>
        ))}
      </section>
    </Card>
  );
}
