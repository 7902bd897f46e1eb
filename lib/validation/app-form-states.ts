import type { FormState } from "./form-state";

/** The Client Secret panel: the secret once revealed, or a request for the password again. */
export interface SecretPanelState extends FormState {
  secret?: string;
  needsPassword?: boolean;
}

/** "Try it": each step of getting a token and calling the Hello API (secret masked, token abbreviated). */
export interface HelloTrialState extends FormState {
  trial?: import("@/lib/try-it/hello").HelloTrial;
}
