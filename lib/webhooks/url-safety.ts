import "server-only";
// Where a webhook (or any URL the console fetches on a company's behalf) may point: https only, and
// never to a private, loopback, link-local or otherwise special address — checked on the addresses
// the name resolves to, at connection time (the check is the connection's own DNS lookup, so a name
// that resolves differently later cannot slip through). CONSOLE_WEBHOOKS_ALLOW_LOOPBACK=1 (development
// and tests only) lets http://127.0.0.1 / localhost through, and nothing else private.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { env } from "../env";

const blocked = new BlockList(); // read-only after this module loads
for (const [net, bits] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local (cloud metadata)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blocked.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96], // NAT64 of any IPv4 address
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const)
  blocked.addSubnet(net, bits, "ipv6");

const loopback = new BlockList(); // read-only
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

function mappedIpv4(address: string): string | null {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : null;
}

/** Why the console will not connect to this address, or null when it may. */
export function addressRefusal(address: string, allowLoopback = env().webhooksAllowLoopback): string | null {
  const v4 = mappedIpv4(address);
  const a = v4 ?? address;
  const family = isIP(a) === 6 ? "ipv6" : "ipv4";
  if (!isIP(a)) return "not an IP address";
  if (allowLoopback && loopback.check(a, family)) return null;
  if (blocked.check(a, family)) return `${address} is a private, loopback or link-local address`;
  return null;
}

export const WEBHOOK_URL_MAX = 2000;

/**
 * The URL's own rules (before any lookup): absolute, https (http only for loopback when allowed), no
 * credentials, and not an IP literal that is refused. Returns the URL or an error message.
 */
export function checkWebhookUrl(value: string, allowLoopback = env().webhooksAllowLoopback): { url: URL } | { error: string } {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { error: "Enter an absolute URL such as https://example.com/webhooks." };
  }
  if (value.length > WEBHOOK_URL_MAX) return { error: `At most ${WEBHOOK_URL_MAX} characters.` };
  if (url.username || url.password) return { error: "The URL may not contain a user name or password." };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const isLoopbackName = host === "localhost" || (isIP(host) !== 0 && loopback.check(host, isIP(host) === 6 ? "ipv6" : "ipv4"));
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowLoopback && isLoopbackName))
    return { error: "Only https:// URLs are allowed." };
  if (host === "localhost" && !allowLoopback) return { error: "localhost is a loopback address: use a public host." };
  if (isIP(host)) {
    const refusal = addressRefusal(host, allowLoopback);
    if (refusal) return { error: `Not allowed: ${refusal}.` };
  }
  url.hash = "";
  return { url };
}

export class RefusedAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedAddressError";
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request / net.connect: resolves the name, refuses the connection when ANY of
 * its addresses is refused, and connects to the first allowed one.
 */
export function safeLookup(allowLoopback = env().webhooksAllowLoopback) {
  return (hostname: string, options: { all?: boolean } | number, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      for (const a of list) {
        const refusal = addressRefusal(a.address, allowLoopback);
        if (refusal) return callback(new RefusedAddressError(`Refused: ${hostname} resolves to ${refusal}.`), []);
      }
      if (!list.length) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: "ENOTFOUND" }), []);
      if (typeof options === "object" && options.all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
