// The gateway's upstream of an API, as the platform administrator sets it on /admin/apis/<id>.
import { z } from "zod";

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;
export const DEFAULT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
const MAX_BODY_LIMIT_BYTES = 1024 * 1024 * 1024;

/** Header names that are the gateway's own (or hop-by-hop) and cannot be added upstream. */
export const RESERVED_UPSTREAM_HEADERS = [
  "authorization",
  "cookie",
  "host",
  "connection",
  "content-length",
  "transfer-encoding",
  "upgrade",
  "keep-alive",
  "te",
  "trailer",
  "proxy-authorization",
  "x-request-id",
];

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** `Name: value` lines → a header object (names lower-cased). */
export function parseHeaderLines(text: string): { headers: Record<string, string>; error?: string } {
  const headers: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) return { headers, error: `Write each header as "Name: value" (line "${line.slice(0, 40)}").` };
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (!headerName.test(name)) return { headers, error: `"${name.slice(0, 40)}" is not a header name.` };
    if (RESERVED_UPSTREAM_HEADERS.includes(name) || name.startsWith("x-console-") || name.startsWith("x-forwarded-"))
      return { headers, error: `The gateway sets ${name} itself.` };
    if (/[\r\n\0]/.test(value)) return { headers, error: `The value of ${name} has a control character.` };
    headers[name] = value;
  }
  if (Object.keys(headers).length > 20) return { headers, error: "Add at most 20 headers." };
  return { headers };
}

export const upstreamInputSchema = z.object({
  upstreamUrl: z
    .string()
    .trim()
    .max(500, "Use at most 500 characters.")
    .refine((v) => {
      if (v === "") return true;
      try {
        const u = new URL(v);
        return (u.protocol === "http:" || u.protocol === "https:") && !u.search && !u.hash && !u.username && !u.password;
      } catch {
        return false;
      }
    }, "Enter an http:// or https:// URL with an optional base path (no query, fragment or credentials), or leave it empty."),
  timeoutMs: z.coerce
    .number({ error: "Enter the timeout in milliseconds." })
    .int("Enter whole milliseconds.")
    .min(100, "Use 100 ms to 300,000 ms.")
    .max(300_000, "Use 100 ms to 300,000 ms.")
    .default(DEFAULT_UPSTREAM_TIMEOUT_MS),
  bodyLimitBytes: z.coerce
    .number({ error: "Enter the body limit in bytes." })
    .int("Enter whole bytes.")
    .min(0, "Use 0 to 1 GiB.")
    .max(MAX_BODY_LIMIT_BYTES, "Use 0 to 1 GiB.")
    .default(DEFAULT_BODY_LIMIT_BYTES),
  /** `Name: value` lines; empty with keepHeaders = keep the stored ones. */
  headers: z.string().max(8000, "Keep the headers under 8,000 characters.").default(""),
  keepHeaders: z.boolean().default(true),
});

export type UpstreamInput = z.infer<typeof upstreamInputSchema>;
