import "server-only";
// The WebAuthn relying party comes from CONSOLE_URL: its host name is the RP id and the origin is
// CONSOLE_URL itself. An IP address cannot be an RP id, so passkeys are off on an IP-address origin.
import { env } from "../../env";

export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

export function isIpHost(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith("[") || hostname.includes(":");
}

export function relyingParty(): RelyingParty {
  const url = new URL(env().consoleUrl);
  return { id: url.hostname, origin: url.origin, name: "API Console" };
}

/** Why passkeys cannot be used on this console's origin, or null when they can. */
export function passkeysUnavailableReason(): string | null {
  const { id } = relyingParty();
  if (isIpHost(id)) {
    return `Passkeys need a host name: this console is served at an IP address (${env().consoleUrl}). Ask the operator to set CONSOLE_URL to a host name such as http://localhost:${new URL(env().consoleUrl).port || "3000"}.`;
  }
  return null;
}
