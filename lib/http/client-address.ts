// Who is calling: the one rule for the client's address, used by scripts/serve.ts (for every request),
// the token service (lib/oauth/params.ts) and the console's actions and pages (lib/server/request-context.ts).
//
// The chain is X-Forwarded-For's entries followed by the socket's peer. Trusted proxies
// (CONSOLE_TRUSTED_PROXIES: a hop count or addresses/CIDRs; CONSOLE_TRUST_PROXY=1 means 1 hop) are
// peeled off from the right; the client is the rightmost hop that is not trusted. Entries to its left
// were written by the client itself and are ignored, so a spoofed X-Forwarded-For changes nothing.
//
// scripts/serve.ts resolves the address once per request and passes it on in CLIENT_ADDRESS_HEADER
// (overwriting whatever the caller sent in that header, and X-Forwarded-For); the Web side reads it
// back. Under `next dev` (no serve.ts) the rule is applied to X-Forwarded-For as Next.js fills it.
import { BlockList, isIP } from "node:net";
import { env } from "../env";

export const CLIENT_ADDRESS_HEADER = "x-console-client-address";

export type TrustedProxies = { hops: number } | { cidrs: readonly string[] };

function normalise(address: string): string {
  let a = address.trim();
  if (a.startsWith("[") && a.includes("]"))
    a = a.slice(1, a.indexOf("]")); // [v6]:port
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":")); // v4:port
  return a.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").slice(0, 64);
}

const blockLists = new WeakMap<readonly string[], BlockList>(); // memo: parsed CIDR lists, same in every copy
function blockListOf(cidrs: readonly string[]): BlockList {
  let list = blockLists.get(cidrs);
  if (!list) {
    list = new BlockList();
    for (const entry of cidrs) {
      const [address, bits] = entry.split("/") as [string, string | undefined];
      const type = isIP(address) === 6 ? "ipv6" : "ipv4";
      if (bits === undefined) list.addAddress(address, type);
      else list.addSubnet(address, Number(bits), type);
    }
    blockLists.set(cidrs, list);
  }
  return list;
}

function trusted(address: string, cidrs: readonly string[]): boolean {
  const kind = isIP(address);
  if (!kind) return false;
  const list = blockListOf(cidrs);
  if (list.check(address, kind === 6 ? "ipv6" : "ipv4")) return true;
  // An IPv4 peer seen as ::ffff:a.b.c.d was normalised to a.b.c.d; an IPv6 rule may still name it.
  return kind === 4 && list.check(`::ffff:${address}`, "ipv6");
}

/**
 * The client's address from the socket's peer and the X-Forwarded-For header(s), trusting `proxies`.
 * Never longer than 64 characters; "unknown" when nothing is known.
 */
export function clientAddress(
  socketAddress: string | null | undefined,
  forwardedFor: string | readonly string[] | null | undefined,
  proxies: TrustedProxies = env().trustedProxies,
): string {
  const socket = socketAddress ? normalise(socketAddress) : "";
  const noProxy = "hops" in proxies && proxies.hops === 0;
  if (noProxy || !forwardedFor || forwardedFor.length === 0) return socket || "unknown";
  const joined = typeof forwardedFor === "string" ? forwardedFor : forwardedFor.join(",");
  const chain = joined.slice(0, 4096).split(",").map(normalise).filter(Boolean);
  if (socket) chain.push(socket);
  if (chain.length === 0) return "unknown";
  if ("hops" in proxies) return chain[Math.max(0, chain.length - 1 - proxies.hops)]!;
  for (let i = chain.length - 1; i >= 0; i--) if (!trusted(chain[i]!, proxies.cidrs)) return chain[i]!;
  return chain[0]!; // every hop is a trusted proxy: the leftmost is the closest thing to the client
}

/** The client's address on the Web side (route handlers, actions, pages): serve.ts's answer, else the rule. */
export function clientAddressFromHeaders(headers: Headers): string {
  const resolved = headers.get(CLIENT_ADDRESS_HEADER);
  if (resolved) return resolved.slice(0, 64);
  // next dev: Next.js appended the socket's address to X-Forwarded-For; treat that entry as the socket.
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const socket = entries.pop();
  return clientAddress(socket ?? headers.get("x-real-ip"), entries);
}

/** The user agent as the audit log keeps it. */
export function userAgentOf(value: string | null | undefined): string {
  return (value ?? "").slice(0, 256);
}
