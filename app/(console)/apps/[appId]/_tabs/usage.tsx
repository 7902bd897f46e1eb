import { Suspense } from "react";
import { parseRange, UsagePanel } from "@/components/metrics/usage-panel";
import { AppPlans } from "@/components/plans/app-plans";
import { ChangePlanForm } from "@/components/plans/request-forms";
import { requestPlanChangeAction } from "@/lib/actions/requests";
import type { AppActor } from "@/lib/apps/access";
import type { AppDetail } from "@/lib/apps/views";
import { appPlanUsage } from "@/lib/plans/usage";
import type { Can } from "./shared";

export async function UsageTab({
  actor,
  app,
  can,
  basePath,
  range,
}: {
  actor: AppActor;
  app: AppDetail;
  can: Can;
  basePath: string;
  range: string | string[] | undefined;
}) {
  return (
    <>
      <AppPlans uses={await appPlanUsage(actor, app.id)}>
        {(use) =>
          use.pendingPlanChange ? (
            <p className="text-sm">
              Plan change to <strong>{use.pendingPlanChange.planName}</strong> waits for approval; the current plan stays until then.
            </p>
          ) : use.otherPlans.length && use.status === "ACTIVE" && (can("edit") || actor.roles.includes("DELEGATED_ADMIN")) ? (
            <ChangePlanForm action={requestPlanChangeAction.bind(null, app.id, use.apiId)} apiName={use.apiName} plans={use.otherPlans} />
          ) : null
        }
      </AppPlans>
      {/* Streamed, so a long usage query never holds the page: the tabs paint first; the usage panel follows when its query is done. */}
      <Suspense
        fallback={
          <p role="status" aria-busy="true" className="text-sm text-slate-600 dark:text-slate-400">
            Loading usage…
          </p>
        }
      >
        <UsagePanel
          scope={{ appId: app.id }}
          range={parseRange(range)}
          basePath={basePath}
          exportQuery={`app=${encodeURIComponent(app.id)}`}
          title={app.name}
        />
      </Suspense>
    </>
  );
}
