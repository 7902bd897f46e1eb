import { describe, expect, it } from "vitest";
import { BodyTooLarge, readBoundedText } from "./body";
import { BODY_LIMITS, bodyLimitFor, serverActionBodyLimit } from "./limits.js";

describe("the limits table", () => {
  it("has per-route entries, first match wins, and a catch-all for pages", () => {
    expect(bodyLimitFor("/oauth2/token")).toBe(16 * 1024);
    expect(bodyLimitFor("/api/auth/signout")).toBe(16 * 1024);
    expect(bodyLimitFor("/api/company/members")).toBe(64 * 1024);
    expect(bodyLimitFor("/admin/apis/api_1")).toBe(2 * 1024 * 1024);
    expect(bodyLimitFor("/apps/register")).toBe(256 * 1024);
    expect(serverActionBodyLimit()).toBe(2 * 1024 * 1024);
    expect(BODY_LIMITS.every((r) => r.bytes > 0 && r.why.length > 0)).toBe(true);
  });
});

/** A body that never ends: `chunk` bytes each pull; `pulls()` says how many chunks were asked for. */
function endless(chunk: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled++;
      controller.enqueue(new Uint8Array(chunk));
    },
  });
  return { body, pulls: () => pulled };
}

describe("readBoundedText (route handlers)", () => {
  it("refuses a Content-Length over the limit without reading the body", async () => {
    const { body, pulls } = endless(1024);
    const request = new Request("http://x/oauth2/revoke", {
      method: "POST",
      body,
      headers: { "content-length": String(200 * 1024 * 1024) },
      duplex: "half",
    } as RequestInit);
    await expect(readBoundedText(request)).rejects.toBeInstanceOf(BodyTooLarge);
    expect(pulls()).toBeLessThanOrEqual(1); // the stream's first pull may be eager; nothing more is read
  });

  it("cuts off a body without Content-Length at the first chunk past the limit", async () => {
    const { body, pulls } = endless(4096);
    const request = new Request("http://x/oauth2/revoke", { method: "POST", body, duplex: "half" } as RequestInit);
    await expect(readBoundedText(request)).rejects.toMatchObject({ limit: 16 * 1024 });
    expect(pulls()).toBeLessThanOrEqual(7); // 16 KiB / 4 KiB + 1 chunk over, plus one eager pull
  });

  it("reads a body within the limit", async () => {
    const request = new Request("http://x/oauth2/token", { method: "POST", body: "grant_type=client_credentials" });
    expect(await readBoundedText(request)).toBe("grant_type=client_credentials");
  });
});
