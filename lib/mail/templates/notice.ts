import { layout, type RenderedMail } from "./layout";

/**
 * A notice (no action asked): app registered, secret rotated, app suspended/restored/reassigned/deleted,
 * roles changed, company suspended, sign-in locked, password changed. Facts never include a secret.
 */
export function noticeMail(input: {
  subject: string;
  heading?: string;
  lines: string[];
  facts?: [string, string][];
  linkPath?: string;
  consoleUrl: string;
}): RenderedMail {
  const mail = layout({
    subject: input.subject,
    heading: input.heading ?? input.subject,
    paragraphs: input.lines,
    facts: input.facts,
    action: input.linkPath ? { label: "Open the console", url: `${input.consoleUrl}${input.linkPath}` } : undefined,
    footnote: "You can turn off notices that are not about security on your account page.",
    consoleUrl: input.consoleUrl,
  });
  // "Open the console" is no secret: nothing to mask on /admin/outbox.
  return { ...mail, actionUrl: undefined };
}
