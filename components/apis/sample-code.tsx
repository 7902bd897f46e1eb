"use client";
import { useId, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Options } from "@/components/ui/field";
import { GRANT_LABELS, SAMPLE_LANGUAGES, sampleCode, sampleGrants, type SampleLanguage } from "@/lib/apis/samples";

export interface SampleApp {
  id: string;
  name: string;
  clientId: string;
  grantTypes: string[];
  redirectUri: string | null;
}

/** Sample code for the chosen app, in three languages, each with a copy button. */
export function SampleCode({ apps, consoleUrl, apiUrl }: { apps: SampleApp[]; consoleUrl: string; apiUrl: string }) {
  const [appId, setAppId] = useState(apps[0]?.id ?? "");
  const [lang, setLang] = useState<SampleLanguage>("curl");
  const selectId = useId();
  const app = apps.find((a) => a.id === appId);
  const grantTypes = app?.grantTypes ?? ["client_credentials"];
  // One sample per grant type the app registered (not only the first).
  const samples = sampleGrants(grantTypes).map((grant) => ({
    grant,
    code: sampleCode(lang, {
      consoleUrl,
      apiUrl,
      clientId: app?.clientId ?? "YOUR_CLIENT_ID",
      grantTypes,
      redirectUri: app?.redirectUri ?? null,
      grant,
    }),
  }));
  return (
    <div className="space-y-3">
      {apps.length > 0 ? (
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor={selectId}>Sample for app</label>
          <select
            id={selectId}
            value={appId}
            onChange={(e) => setAppId(e.target.value)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
          >
            <Options options={apps.map((a) => [a.id, a.name] as const)} />
          </select>
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No app of yours uses this API yet: the sample shows a placeholder Client ID.
        </p>
      )}
      <div role="tablist" aria-label="Language" className="flex gap-1">
        {SAMPLE_LANGUAGES.map((l) => (
          <button
            key={l.id}
            role="tab"
            type="button"
            aria-selected={lang === l.id}
            onClick={() => setLang(l.id)}
            className="rounded-md px-3 py-1 text-sm font-medium aria-selected:bg-brand-50 aria-selected:text-brand-700 hover:bg-slate-100 dark:hover:bg-slate-800 dark:aria-selected:bg-slate-800 dark:aria-selected:text-brand-300"
          >
            {l.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="space-y-4">
        {samples.length === 0 ? <p className="text-sm">This app has no grant type that can get a token.</p> : null}
        {samples.map(({ grant, code }) => (
          <section key={grant} aria-label={`${GRANT_LABELS[grant]} sample`} className="space-y-1">
            {/* The copy button sits beside the heading, not over the code, which it would hide on a phone. */}
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="text-sm font-semibold">{GRANT_LABELS[grant]}</h3>
              <CopyButton text={code} label={`Copy ${GRANT_LABELS[grant]} code`} />
            </div>
            <pre
              tabIndex={0}
              className="overflow-x-auto rounded-md bg-slate-900 p-4 text-xs leading-relaxed text-slate-100"
              aria-label={`${GRANT_LABELS[grant]} sample code in ${lang}`}
            >
              <code>{code}</code>
            </pre>
          </section>
        ))}
      </div>
    </div>
  );
}
