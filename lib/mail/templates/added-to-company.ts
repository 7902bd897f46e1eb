import { layout, type RenderedMail } from "./layout";

/** A verified person was added to a company at once: the mail is a notice. */
export function addedToCompanyMail(input: {
  name: string;
  companyName: string;
  inviter: string;
  roles: string;
  consoleUrl: string;
}): RenderedMail {
  return layout({
    subject: `You were added to ${input.companyName}`,
    heading: `You were added to ${input.companyName}`,
    paragraphs: [
      `Hello ${input.name},`,
      `${input.inviter} added you to ${input.companyName} on the API Console as ${input.roles}.`,
      // The company manages only the membership: the person can end it.
      `Not expecting this? Leave ${input.companyName} from your account page (${input.consoleUrl}/account, "Companies", "Leave company"). The company cannot change how you sign in.`,
    ],
    action: { label: "Open the console", url: `${input.consoleUrl}/apps` },
    consoleUrl: input.consoleUrl,
  });
}
