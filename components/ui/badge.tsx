// The one status badge of the console (apps, companies, members): text plus colour, never colour alone.
const STYLES: Record<string, string> = {
  ACTIVE: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
  INACTIVE: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  SUSPENDED: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  PENDING: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100",
};

export const STATUS_LABELS: Record<string, string> = { ACTIVE: "Active", INACTIVE: "Inactive", SUSPENDED: "Suspended", PENDING: "Pending" };

export function StatusBadge({ status, testId = "app-status" }: { status: string; testId?: string }) {
  return (
    <span
      data-testid={testId}
      className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[status] ?? STYLES.INACTIVE}`}
    >
      {STATUS_LABELS[status] ?? status.charAt(0) + status.slice(1).toLowerCase()}
    </span>
  );
}
