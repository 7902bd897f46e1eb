// The plans section of an API's admin page (/admin/apis/<id>), a server component: the page checked
// catalog.manage; lib/plans checks it again on every change.
import { Card } from "@/components/ui/card";
import { setRequiresApprovalAction } from "@/lib/actions/requests";
import { listPlans, requiresApproval } from "@/lib/plans/plans";
import { PlansPanel } from "./plans-panel";
import { RequiresApprovalForm } from "./request-forms";

export async function PlansSection({ apiId }: { apiId: string }) {
  const plans = await listPlans(apiId);
  return (
    <>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Approval</h2>
        <RequiresApprovalForm action={setRequiresApprovalAction.bind(null, apiId)} requiresApproval={await requiresApproval(apiId)} />
      </Card>
      <Card>
        <h2 className="text-lg font-semibold">Plans</h2>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          Each subscription (app × this API) has a plan: a rate per minute and quotas per UTC day and month, each per app. Past them, calls
          get 429 with Retry-After. Blank means unlimited.
        </p>
        <PlansPanel apiId={apiId} plans={plans} />
      </Card>
    </>
  );
}
