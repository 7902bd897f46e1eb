// A titled, scrollable block of what a request sent or got back ("Try it" on an API reference and on an
// app's page), focusable so a keyboard can scroll it; plus requests and HTTP headers written as they travel.

/** HTTP headers as they travel, one "name: value" a line. */
export function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
}

interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | null;
}

/** A request as it travels: its line, its headers, and its body (if any) after a blank line. */
export function requestText({ method, url, headers, body }: SentRequest): string {
  return `${method} ${url}\n${headerLines(headers)}${body ? `\n\n${body}` : ""}`;
}

export function OutputBlock({ title, testId, mono = false, text }: { title: string; testId: string; mono?: boolean; text: string }) {
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-semibold">{title}</h3>
      <pre
        data-testid={testId}
        tabIndex={0}
        className={`max-h-72 overflow-auto rounded bg-slate-100 p-3 text-xs text-slate-900 dark:text-slate-100 ${mono ? "font-mono dark:bg-slate-950" : "dark:bg-slate-900"}`}
      >
        {text}
      </pre>
    </div>
  );
}
