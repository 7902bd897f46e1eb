// The first published Terms of Service. Later versions are added as TermsVersion rows.
export const TERMS_V1 = {
  version: "2026-11-01",
  title: "API Console Terms of Service",
  body: [
    "## 1. Your credentials",
    "You keep your Client Secret confidential, store it only where your app runs, and rotate it at once if it may have leaked.",
    "## 2. Use of the APIs",
    "You call only the APIs your company may use, within the rate limits published for each, and for the purpose your app was registered for.",
    "## 3. End users",
    "When your app acts for people (Authorization Code, Implicit, Resource Owner Credentials), you ask only for what you need and honour their revocation.",
    "## 4. Suspension",
    "The platform may suspend an app, its tokens and its credentials when these terms are broken or the app endangers others.",
    "## 5. Changes",
    "New versions of these terms are published here; an app records the version accepted at registration.",
  ].join("\n\n"),
} as const;
