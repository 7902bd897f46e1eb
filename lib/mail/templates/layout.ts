// The console's look for every email: one layout (HTML with inline styles, and plain text). Templates
// are plain TypeScript (one file per kind) rather than React Email: the server runs lib/ under the
// react-server condition, where react-dom/server (which React Email's render needs) cannot load.
// Every value is escaped; links are absolute (under CONSOLE_URL); no template takes a secret.

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** The link the reader is asked to follow, if any (shown on /admin/outbox without SMTP_URL). */
  actionUrl?: string;
}

export function escapeHtml(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

export interface LayoutInput {
  subject: string;
  heading: string;
  /** Paragraphs of plain text (escaped in HTML). */
  paragraphs: string[];
  /** Label/value lines (e.g. Client ID), shown as a small table. */
  facts?: [string, string][];
  action?: { label: string; url: string };
  /** A closing line under the button (e.g. "The link works for 24 hours"). */
  footnote?: string;
  consoleUrl: string;
}

export function layout(input: LayoutInput): RenderedMail {
  const facts = input.facts ?? [];
  const textParts = [input.heading, "", ...input.paragraphs.flatMap((p) => [p, ""])];
  if (facts.length) textParts.push(...facts.map(([k, v]) => `${k}: ${v}`), "");
  if (input.action) textParts.push(`${input.action.label}: ${input.action.url}`, "");
  if (input.footnote) textParts.push(input.footnote, "");
  textParts.push("—", `API Console · ${input.consoleUrl}`);

  const factRows = facts
    .map(
      ([k, v]) =>
        `<tr><td style="padding:4px 12px 4px 0;color:#52525b">${escapeHtml(k)}</td><td style="padding:4px 0;font-family:ui-monospace,monospace">${escapeHtml(v)}</td></tr>`,
    )
    .join("");
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(input.subject)}</title></head>
<body style="margin:0;background:#f4f4f5;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#18181b">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px;border:1px solid #e4e4e7">
<tr><td style="padding:24px 32px 0;font-weight:600;color:#4f46e5">API Console</td></tr>
<tr><td style="padding:8px 32px 24px">
<h1 style="font-size:20px;margin:8px 0 16px">${escapeHtml(input.heading)}</h1>
${input.paragraphs.map((p) => `<p style="line-height:1.5;margin:0 0 12px">${escapeHtml(p)}</p>`).join("\n")}
${facts.length ? `<table role="presentation" style="margin:8px 0 16px;font-size:14px">${factRows}</table>` : ""}
${
  input.action
    ? `<p style="margin:20px 0"><a href="${escapeHtml(input.action.url)}" style="background:#4f46e5;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:8px;display:inline-block">${escapeHtml(input.action.label)}</a></p>
<p style="font-size:13px;color:#52525b;word-break:break-all">Or open this link: <a href="${escapeHtml(input.action.url)}">${escapeHtml(input.action.url)}</a></p>`
    : ""
}
${input.footnote ? `<p style="font-size:13px;color:#52525b">${escapeHtml(input.footnote)}</p>` : ""}
</td></tr>
<tr><td style="padding:16px 32px;border-top:1px solid #e4e4e7;font-size:12px;color:#71717a">API Console · <a href="${escapeHtml(input.consoleUrl)}" style="color:#71717a">${escapeHtml(input.consoleUrl)}</a></td></tr>
</table></td></tr></table></body></html>`;
  return { subject: input.subject, text: textParts.join("\n"), html, actionUrl: input.action?.url };
}
