import { layout, type RenderedMail } from "./layout";

/**
 * A Delegated Administrator reset the person's second factors (authenticator app, passkeys, recovery
 * codes, trusted browsers): a security notice, with where to set one up again and what to do when the
 * person did not ask for it. The link is no secret (the security page), so nothing is masked.
 */
export function secondFactorResetMail(input: { name: string; companyName: string; by: string; consoleUrl: string }): RenderedMail {
  const mail = layout({
    subject: "Your two-step sign-in was reset",
    heading: "Your two-step sign-in was reset",
    paragraphs: [
      `Hello ${input.name},`,
      `${input.by}, a Delegated Administrator of ${input.companyName}, reset your second factors: your authenticator app, passkeys, recovery codes and trusted browsers no longer work.`,
      "Set up two-step sign-in again from your account's security page (the console asks you to when your company requires it).",
      `If you did not ask for this, tell ${input.by} or your company's other administrators at once.`,
    ],
    facts: [
      ["Company", input.companyName],
      ["Reset by", input.by],
    ],
    action: { label: "Set up two-step sign-in", url: `${input.consoleUrl}/account/security` },
    consoleUrl: input.consoleUrl,
  });
  return { ...mail, actionUrl: undefined };
}
