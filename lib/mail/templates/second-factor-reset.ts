import { layout, type RenderedMail } from "./layout";

/**
 * Someone reset the person's second factors (authenticator app, passkeys, recovery codes, trusted
 * browsers): the platform administrator (companyName null), or a Delegated Administrator of the company
 * that owns the person's email domain. A security notice with who, why, where to set one up again and
 * what to do when the person did not ask for it. The link is no secret (the security page), so nothing is masked.
 */
export function secondFactorResetMail(input: {
  name: string;
  companyName: string | null;
  by: string;
  reason: string;
  consoleUrl: string;
}): RenderedMail {
  const who = input.companyName
    ? `${input.by}, a Delegated Administrator of ${input.companyName},`
    : `${input.by}, the platform administrator,`;
  const mail = layout({
    subject: "Your two-step sign-in was reset",
    heading: "Your two-step sign-in was reset",
    paragraphs: [
      `Hello ${input.name},`,
      `${who} reset your second factors: your authenticator app, passkeys, recovery codes and trusted browsers no longer work.`,
      "Set up two-step sign-in again from your account's security page (the console asks you to when your company requires it).",
      `If you did not ask for this, tell ${input.by} at once and change your password.`,
    ],
    facts: [
      ...(input.companyName ? [["Company", input.companyName] as [string, string]] : []),
      ["Reset by", input.by],
      ["Reason", input.reason],
    ],
    action: { label: "Set up two-step sign-in", url: `${input.consoleUrl}/account/security` },
    consoleUrl: input.consoleUrl,
  });
  return { ...mail, actionUrl: undefined };
}
