"use client";
// A read-only credential with a Copy button; a secret is masked until "Show" (its value stays the
// secret, so it can be copied and read by assistive technology once shown).
import { useRef, useState } from "react";

async function copyText(input: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    // Older browsers or an insecure origin: select and copy.
    const type = input.type;
    input.type = "text";
    input.select();
    const ok = document.execCommand("copy");
    input.type = type;
    return ok;
  }
}

export function CredentialField({
  id,
  label,
  value,
  secret = false,
  initiallyShown = false,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  secret?: boolean;
  initiallyShown?: boolean;
  hint?: string;
}) {
  const [shown, setShown] = useState(!secret || initiallyShown);
  const [copied, setCopied] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          ref={ref}
          id={id}
          type={shown ? "text" : "password"}
          readOnly
          value={value}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={hintId}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm dark:border-slate-600 dark:bg-slate-950"
        />
        {secret ? (
          <button
            type="button"
            onClick={() => setShown((s) => !s)}
            aria-pressed={shown}
            aria-controls={id}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            {shown ? `Hide ${label}` : `Show ${label}`}
          </button>
        ) : null}
        <button
          type="button"
          onClick={async () => {
            if (ref.current) setCopied(await copyText(ref.current));
            setTimeout(() => setCopied(false), 2000);
          }}
          className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          Copy {label}
        </button>
      </div>
      <p aria-live="polite" className="min-h-5 text-xs text-green-800 dark:text-green-300">
        {copied ? `${label} copied to the clipboard.` : ""}
      </p>
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
