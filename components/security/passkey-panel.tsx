"use client";
// Passkeys on /account/security: add one (named) through the browser's WebAuthn API, remove one.
// On an IP-address origin the button is disabled with the reason (an IP cannot be a relying party).
import { startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass, SubmitButton } from "@/components/ui/button";
import { finishPasskeyRegistrationAction, passkeyRegistrationOptionsAction, removePasskeyAction } from "@/lib/actions/two-factor";
import { RecoveryCodesList } from "./recovery-codes-list";

export interface PasskeyRow {
  id: string;
  name: string;
  createdAt: string;
  /** The day it was added, in the viewer's time zone (formatted on the server). */
  addedOn: string;
  lastUsedAt: string | null;
}

export function PasskeyPanel({ passkeys, unavailableReason }: { passkeys: PasskeyRow[]; unavailableReason: string | null }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  async function add() {
    setBusy(true);
    setMessage(null);
    try {
      const start = await passkeyRegistrationOptionsAction();
      if (!start.ok) return setMessage({ ok: false, text: start.message });
      let response;
      try {
        response = await startRegistration({ optionsJSON: start.value.options });
      } catch {
        return setMessage({ ok: false, text: "The browser did not create a passkey. Try again." });
      }
      const done = await finishPasskeyRegistrationAction(start.value.challengeId, response, name.trim() || "Passkey");
      if (!done.ok) return setMessage({ ok: false, text: done.message });
      setMessage({ ok: true, text: "Passkey added." });
      if (done.value.recoveryCodes) setCodes(done.value.recoveryCodes);
      setName("");
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3">
      {message ? <Alert kind={message.ok ? "success" : "error"}>{message.text}</Alert> : null}
      {codes ? <RecoveryCodesList codes={codes} /> : null}
      {passkeys.length ? (
        <ul
          className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-700 dark:border-slate-700"
          aria-label="Your passkeys"
        >
          {passkeys.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <span>
                <span className="font-medium">{p.name}</span>{" "}
                <span className="text-slate-600 dark:text-slate-400">
                  added <time dateTime={p.createdAt}>{p.addedOn}</time>
                </span>
              </span>
              <form action={removePasskeyAction}>
                <input type="hidden" name="passkeyId" value={p.id} />
                <SubmitButton variant="secondary" pendingLabel="Removing…" aria-label={`Remove passkey ${p.name}`}>
                  Remove
                </SubmitButton>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm">No passkeys yet.</p>
      )}
      <div className="max-w-xs space-y-2">
        <label htmlFor="passkey-name" className="block text-sm font-medium">
          Passkey name
        </label>
        <input
          id="passkey-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={60}
          placeholder="Work laptop"
          disabled={Boolean(unavailableReason)}
          aria-describedby={unavailableReason ? "passkey-unavailable" : undefined}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
        <button
          type="button"
          onClick={add}
          disabled={busy || Boolean(unavailableReason)}
          aria-describedby={unavailableReason ? "passkey-unavailable" : undefined}
          className={buttonClass("primary")}
        >
          {busy ? "Waiting for the browser…" : "Add a passkey"}
        </button>
        {unavailableReason ? (
          <p id="passkey-unavailable" className="text-sm text-slate-700 dark:text-slate-300">
            {unavailableReason}
          </p>
        ) : null}
      </div>
    </div>
  );
}
