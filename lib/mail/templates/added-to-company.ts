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
    paragraphs: [`Hello ${input.name},`, `${input.inviter} added you to ${input.companyName} on the API Console as ${input.roles}.`],
    action: { label: "Open the console", url: `${input.consoleUrl}/apps` },
    consoleUrl: input.consoleUrl,
  });
}
