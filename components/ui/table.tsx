// The console's one table style. Below 640 px each row becomes a card (globals.css `.table-cards`):
// the header row is hidden and each cell shows its column name from `data-label`, so no page scrolls
// sideways on a phone. The wrapper stays a labelled, focusable region (axe "scrollable-region-focusable").
import type { ReactNode, TdHTMLAttributes } from "react";

/** Spread on the table's wrapper. */
export function scrollRegion(label: string) {
  return {
    role: "region" as const,
    "aria-label": label,
    tabIndex: 0,
    className:
      "relative overflow-x-auto rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300",
  };
}

export const tableClass = "table-cards w-full border-collapse text-left text-sm";
export const thClass = "col-head"; // app/globals.css
export const tdClass = "cell"; // app/globals.css

/** Small tables inside a card or a disclosure (a chart's figures, an operation's parameters): no card view, tight cells. */
export const compactTableClass = "w-full text-left";
export const compactCellClass = "py-1 pr-3 last:pr-0";

/** The header row: one column header a name. */
export function TableHead({
  columns,
  cellClass = thClass,
  rowClass,
}: {
  columns: readonly ReactNode[];
  cellClass?: string;
  rowClass?: string;
}) {
  return (
    <thead>
      <tr className={rowClass}>
        {columns.map((column, i) => (
          <th key={i} scope="col" className={cellClass}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A console table in its labelled scroll region; `children` are the body's rows. */
export function DataTable({
  label,
  columns,
  caption,
  tableLabel,
  tableClassName = tableClass,
  children,
}: {
  /** The scroll region's name. */
  label: string;
  columns: readonly ReactNode[];
  /** A caption only screen readers hear. */
  caption?: string;
  /** The table's own accessible name, where it has one. */
  tableLabel?: string;
  tableClassName?: string;
  children: ReactNode;
}) {
  return (
    <div {...scrollRegion(label)}>
      <table className={tableClassName} aria-label={tableLabel}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <TableHead columns={columns} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A body cell; `label` names its column in the phone card view. */
export function Td({ label, className, children, ...rest }: { label?: string } & TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td className={className ? `${tdClass} ${className}` : tdClass} data-label={label} {...rest}>
      {children}
    </td>
  );
}
