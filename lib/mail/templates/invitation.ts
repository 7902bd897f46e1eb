import { layout, type RenderedMail } from "./layout";

export function invitationMail(input: {
  companyName: string;
  inviter: { name: string; email: string } | null;
  roles: string;
  url: string;
  expiresAt: Date;
  consoleUrl: string;
}): RenderedMail {
  const who = input.inviter ? `${input.inviter.name} (${input.inviter.email})` : "The platform administrator";
  return layout({
    subject: `You are invited to ${input.companyName} on the API Console`,
    heading: `Join ${input.companyName}`,
    paragraphs: [
      `${who} invited you to ${input.companyName} on the API Console as ${input.roles}.`,
      "Open the invitation, then sign up (or sign in) with this email address and verify it. Only the owner of this address can accept.",
    ],
    action: { label: "Open the invitation", url: input.url },
    footnote: `The invitation expires on ${input.expiresAt.toUTCString()}.`,
    consoleUrl: input.consoleUrl,
  });
}
