const STYLES: Record<string, string> = {
  ACTIVE: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
  INACTIVE: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  SUSPENDED: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

export const STATUS_LABELS: Record<string, string> = { ACTIVE: "Active", INACTIVE: "Inactive", SUSPENDED: "Suspended" };

export function StatusBadge({ status }: { status: string }) {
  return (
    <span data-testid="app-status" className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[status] ?? STYLES.INACTIVE}`}>
      {STATUS_LABELS[status] ?? status}
    </span>
  );
}
