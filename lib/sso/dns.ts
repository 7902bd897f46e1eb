import "server-only";
// DNS TXT look-ups for domain verification: the system's resolvers, or CONSOLE_DNS_SERVERS.
import { Resolver } from "node:dns/promises";
import { env } from "../env";

/** The TXT records at `name`, each record's strings joined (RFC 7208 3.3); [] when none or no such name. */
export async function lookupTxt(name: string): Promise<string[]> {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  const servers = env().dnsServers;
  if (servers.length) resolver.setServers(servers);
  try {
    const records = await resolver.resolveTxt(name);
    return records.map((chunks) => chunks.join(""));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOTFOUND" || code === "ENODATA" || code === "ENONAME") return [];
    throw error;
  }
}
