"use client";
import { useState } from "react";

/** Copies text to the clipboard and says "Copied" (announced to screen readers). */
export function CopyButton({
  text,
  label = "Copy",
  className = "",
  ariaLabel,
}: {
  text: string;
  label?: string;
  className?: string;
  ariaLabel?: string;
}) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard API unavailable (insecure origin): fall back to a hidden textarea.
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={copied ? undefined : ariaLabel}
      className={`rounded-md border border-slate-500 px-2 py-1 text-xs font-medium hover:bg-slate-100 dark:border-slate-400 dark:hover:bg-slate-800 ${className}`}
    >
      <span aria-live="polite">{copied ? "Copied" : label}</span>
    </button>
  );
}
