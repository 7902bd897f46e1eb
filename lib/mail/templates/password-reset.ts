import { layout, type RenderedMail } from "./layout";

export function passwordResetMail(input: { name: string; url: string; consoleUrl: string }): RenderedMail {
  return layout({
    subject: "Reset your password",
    heading: "Reset your password",
    paragraphs: [
      `Hello ${input.name},`,
      "Someone (hopefully you) asked to reset the password of your API Console account. Follow the link to choose a new one; every other session of your account will be signed out.",
    ],
    action: { label: "Set a new password", url: input.url },
    footnote: "The link works once, for 30 minutes. If you did not ask, ignore this email: your password stays as it is.",
    consoleUrl: input.consoleUrl,
  });
}
