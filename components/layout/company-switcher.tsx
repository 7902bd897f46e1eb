import { SubmitButton } from "@/components/ui/button";
import { controlClass, Options } from "@/components/ui/field";
import { switchCompanyAction } from "@/lib/actions/session";

/** "Acting for": the company the person acts for (a select when they belong to several). */
export function CompanySwitcher({
  companies,
  activeCompanyId,
  activeCompanyName,
  idPrefix,
}: {
  companies: { companyId: string; companyName: string }[];
  activeCompanyId: string | null;
  activeCompanyName: string | null;
  idPrefix: string;
}) {
  if (companies.length > 1) {
    const id = `${idPrefix}-company-switcher`;
    return (
      <form action={switchCompanyAction} className="space-y-1">
        <label htmlFor={id} className="block text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">
          Acting for
        </label>
        <div className="flex gap-2">
          <select
            id={id}
            key={activeCompanyId ?? "none"}
            name="companyId"
            defaultValue={activeCompanyId ?? undefined}
            className={`${controlClass} min-w-0 flex-1 py-1.5`}
          >
            <Options options={companies.map((c) => [c.companyId, c.companyName])} />
          </select>
          <SubmitButton variant="secondary" className="px-3 py-1.5">
            Switch
          </SubmitButton>
        </div>
      </form>
    );
  }
  if (!activeCompanyName) return null;
  return (
    <p className="text-sm">
      <span className="block text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">Company</span>
      <span className="font-medium" data-testid="active-company">
        {activeCompanyName}
      </span>
    </p>
  );
}
