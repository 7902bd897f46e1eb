// Texts of rules that the browser and the server both show.
export const PASSWORD_RULE_TEXT = "Use at least 12 characters (at most 128), not your email address.";
