import { layout, type RenderedMail } from "./layout";

export function verifyEmailMail(input: { name: string; url: string; consoleUrl: string; change?: boolean }): RenderedMail {
  return layout({
    subject: "Verify your email",
    heading: "Verify your email",
    paragraphs: [
      `Hello ${input.name},`,
      input.change
        ? "You asked to use this address for your API Console account. Follow the link to confirm it is yours; until then your previous address stays in use."
        : "Thanks for signing up to the API Console. Follow the link to confirm this address is yours. Until you do, no company, invitation or role can reach your account.",
    ],
    action: { label: "Verify your email", url: input.url },
    footnote: "The link works once, for 24 hours. If you did not sign up, ignore this email.",
    consoleUrl: input.consoleUrl,
  });
}
