// The "Getting started" card of a role's landing page: its steps, each checked off from what exists
// (lib/onboarding/guides.ts), with a link to where it is done; for a developer, the curl that gets a
// token for their app with its Client ID (the secret stays a placeholder). Gone when done or dismissed.
import { CopyButton } from "@/components/ui/copy-button";
import { TextLink } from "@/components/ui/text-link";
import { CLIENT_SECRET_PLACEHOLDER, guideFor, type GuideId } from "@/lib/onboarding/guides";
import type { Viewer } from "@/lib/server/session";
import { DismissGuide } from "./dismiss-guide";

export async function GettingStarted({ viewer, which }: { viewer: Viewer; which: GuideId }) {
  const guide = await guideFor(viewer, which);
  if (!guide) return null;
  const doneCount = guide.steps.filter((s) => s.done).length;
  const headingId = `getting-started-${guide.id}`;
  if (guide.done) {
    // Finished: one line saying so, until dismissed; the checklist is gone.
    return (
      <section
        aria-labelledby={headingId}
        data-testid="getting-started"
        data-done="true"
        className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-green-700 bg-green-50 px-5 py-3 text-green-900 dark:border-green-600 dark:bg-green-950 dark:text-green-100"
      >
        <h2 id={headingId} className="text-sm font-semibold">
          {guide.title}: done. All {guide.steps.length} steps are done.
        </h2>
        <DismissGuide guide={guide.id} />
      </section>
    );
  }
  return (
    <section
      aria-labelledby={headingId}
      data-testid="getting-started"
      data-done="false"
      className="rounded-lg border border-brand-100 bg-brand-50 p-5 dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={headingId} className="text-lg font-semibold">
            {guide.title}
          </h2>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {doneCount} of {guide.steps.length} steps done. Each step is checked off when it has happened.
          </p>
        </div>
        <DismissGuide guide={guide.id} />
      </div>
      <ol className="mt-4 space-y-3">
        {guide.steps.map((step, i) => (
          <li key={step.id} data-step={step.id} data-done={step.done ? "true" : "false"} className="flex gap-3">
            <span
              aria-hidden="true"
              className={`mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full border text-xs font-semibold ${
                step.done
                  ? "border-green-700 bg-green-700 text-white dark:border-green-500 dark:bg-green-600"
                  : "border-slate-500 text-slate-700 dark:border-slate-400 dark:text-slate-200"
              }`}
            >
              {step.done ? "✓" : i + 1}
            </span>
            <div className="min-w-0 flex-1 text-sm">
              <p>
                {step.href && !step.done ? (
                  <TextLink href={step.href} className="font-medium">
                    {step.label}
                  </TextLink>
                ) : (
                  <span className={step.done ? "text-slate-600 line-through dark:text-slate-400" : "font-medium"}>{step.label}</span>
                )}
                <span className="sr-only">{step.done ? " (done)" : " (to do)"}</span>
              </p>
              {!step.done && step.hint ? <p className="text-slate-600 dark:text-slate-400">{step.hint}</p> : null}
              {step.id === "token" && !step.done ? (
                guide.tokenCurl ? (
                  <div className="mt-2 space-y-2">
                    <p className="text-slate-600 dark:text-slate-400">
                      Run this with the Client Secret of {guide.tokenCurl.appName} in place of <code>{CLIENT_SECRET_PLACEHOLDER}</code>:
                    </p>
                    <pre
                      data-testid="token-curl"
                      className="overflow-x-auto whitespace-pre-wrap break-all rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100"
                    >
                      {guide.tokenCurl.command}
                    </pre>
                    <CopyButton text={guide.tokenCurl.command} label="Copy curl" ariaLabel="Copy the token request as curl" />
                  </div>
                ) : (
                  <p className="text-slate-600 dark:text-slate-400">Register an app first: its Client ID goes into the token request.</p>
                )
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
