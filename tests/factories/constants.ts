// The test data's constants, one name each, for Vitest, Playwright and the benches.

/** The password of every person the factories make (and of people specs sign up through the form). */
export const PASSWORD = "correct-horse-battery-staple";

/** The Terms of Service version apps made by the factories accepted: the first published one (lib/terms/text.ts). */
export const TERMS_VERSION = "2026-11-01";

let n = 0;
/** A name no other call of any process makes: `label-<pid><time><n><random>`, lower case after the label. */
export function unique(label: string): string {
  const random = Math.random().toString(36).slice(2, 6);
  return `${label}-${process.pid.toString(36)}${Date.now().toString(36)}${++n}${random}`;
}
