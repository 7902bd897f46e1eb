// axe-core as the accessibility specs run it: WCAG 2.2 AA in the light theme; in the dark theme only the
// rules that read colours. The dark theme swaps colours (the `dark` class on <html> and the colour
// variables), never the markup, so names, roles, labels and structure are what the light pass checked;
// running only the colour rules there checks nothing less (measured on the guide's 32 pages, one
// worker: 1.4 min for the full light pass, 1.0 min for the dark one).
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/** The WCAG tags every full pass runs. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Rules whose outcome depends on colours (the only ones the dark theme can change). */
export const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/** The audit for a page in a theme: every WCAG AA rule in light, the colour rules in dark. */
export function axeFor(page: Page, theme: "light" | "dark"): AxeBuilder {
  const axe = new AxeBuilder({ page });
  return theme === "light" ? axe.withTags(WCAG_TAGS) : axe.withRules(COLOUR_RULES);
}

/** The page's serious and critical violations in a theme, one line each: rule, impact, help and up to three elements. */
export async function seriousViolations(page: Page, theme: "light" | "dark"): Promise<string[]> {
  const results = await axeFor(page, theme).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
}
