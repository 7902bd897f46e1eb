// Tables of the console: a wrapper that scrolls sideways on a narrow screen and can be reached and
// scrolled with the keyboard (axe "scrollable-region-focusable"), with shared cell classes.

/** Spread on the table's wrapper: a labelled, focusable region that scrolls sideways on a phone. */
export function scrollRegion(label: string) {
  return {
    role: "region" as const,
    "aria-label": label,
    tabIndex: 0,
    className:
      "relative overflow-x-auto rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-300",
  };
}

export const thClass = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300";
export const tdClass = "px-3 py-2 align-top";
