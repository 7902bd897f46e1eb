import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { CLIENT_ADDRESS_HEADER, clientAddress, clientAddressFromHeaders } from "./client-address";

// The client is the rightmost hop that is not a trusted proxy; whatever a client writes to the left of
// it in X-Forwarded-For (a spoofed address) changes nothing.
describe("clientAddress (CONSOLE_TRUSTED_PROXIES)", () => {
  it("without trusted proxies, the socket's address wins over any X-Forwarded-For", () => {
    expect(clientAddress("198.51.100.4", "203.0.113.66", { hops: 0 })).toBe("198.51.100.4");
    expect(clientAddress("::ffff:198.51.100.4", null, { hops: 0 })).toBe("198.51.100.4");
    expect(clientAddress(undefined, null, { hops: 0 })).toBe("unknown");
  });

  it("with 1 trusted hop, the entry the proxy appended is the client, not the spoofed ones before it", () => {
    // client 198.51.100.4 sends X-Forwarded-For: 203.0.113.66 (spoofed); the proxy 10.0.0.2 appends the real peer.
    expect(clientAddress("10.0.0.2", "203.0.113.66, 198.51.100.4", { hops: 1 })).toBe("198.51.100.4");
    expect(clientAddress("10.0.0.2", ["203.0.113.66", "198.51.100.4"], { hops: 1 })).toBe("198.51.100.4");
    // Two proxies (CDN, then load balancer).
    expect(clientAddress("10.0.0.2", "203.0.113.66, 198.51.100.4, 172.16.0.9", { hops: 2 })).toBe("198.51.100.4");
    // Fewer entries than hops: the leftmost known.
    expect(clientAddress("10.0.0.2", "198.51.100.4", { hops: 5 })).toBe("198.51.100.4");
  });

  it("with CIDRs, trusted hops are peeled off from the right; the first untrusted one is the client", () => {
    const proxies = { cidrs: ["10.0.0.0/8", "172.16.0.9", "::1"] };
    expect(clientAddress("10.1.2.3", "203.0.113.66, 198.51.100.4, 172.16.0.9", proxies)).toBe("198.51.100.4");
    // A spoofed private address to the left of the client does not help: the client is untrusted.
    expect(clientAddress("10.1.2.3", "10.9.9.9, 198.51.100.4", proxies)).toBe("198.51.100.4");
    // A direct caller that is not a proxy: its X-Forwarded-For is ignored.
    expect(clientAddress("198.51.100.4", "203.0.113.66", proxies)).toBe("198.51.100.4");
    expect(clientAddress("::1", "2001:db8::7", proxies)).toBe("2001:db8::7");
    // Garbage is never trusted, so it cannot hide the real hop behind it.
    expect(clientAddress("10.1.2.3", "198.51.100.4, not-an-ip", proxies)).toBe("not-an-ip");
  });

  it("CONSOLE_TRUST_PROXY=1 is an alias of one trusted hop; CONSOLE_TRUSTED_PROXIES wins and is validated", () => {
    expect(parseEnv({ CONSOLE_TRUST_PROXY: "1" }).trustedProxies).toEqual({ hops: 1 });
    expect(parseEnv({}).trustedProxies).toEqual({ hops: 0 });
    expect(parseEnv({ CONSOLE_TRUSTED_PROXIES: "2" }).trustedProxies).toEqual({ hops: 2 });
    expect(parseEnv({ CONSOLE_TRUSTED_PROXIES: "10.0.0.0/8, ::1" }).trustedProxies).toEqual({ cidrs: ["10.0.0.0/8", "::1"] });
    expect(() => parseEnv({ CONSOLE_TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/CONSOLE_TRUSTED_PROXIES/);
    expect(() => parseEnv({ CONSOLE_TRUSTED_PROXIES: "proxy.example" })).toThrow(/CONSOLE_TRUSTED_PROXIES/);
  });

  it("the Web side reads the address scripts/serve.ts resolved", () => {
    const h = new Headers({ [CLIENT_ADDRESS_HEADER]: "198.51.100.4", "x-forwarded-for": "198.51.100.4" });
    expect(clientAddressFromHeaders(h)).toBe("198.51.100.4");
  });
});
