"use client";
// Forms of accounts by mail (client components over the actions in lib/actions/accounts.ts).
import { useActionState } from "react";
import { FormMessage } from "@/components/companies/form-message";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import {
  acceptInvitationAction,
  changeEmailAction,
  changePasswordAction,
  endAllSessionsAction,
  endSessionAction,
  forgotPasswordAction,
  resendVerificationAction,
  resetPasswordAction,
  setNoticesAction,
  updateNameAction,
} from "@/lib/actions/accounts";
import { EMPTY_FORM_STATE } from "@/lib/validation/form-state";

export function ResendVerificationForm() {
  const [state, action] = useActionState(resendVerificationAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-3" aria-label="Resend verification email">
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pendingLabel="Sending…">
        Resend verification email
      </SubmitButton>
    </form>
  );
}

export function ForgotPasswordForm() {
  const [state, action] = useActionState(forgotPasswordAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Reset your password">
      <FormMessage state={state} />
      <Field
        id="email"
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        errors={state.fieldErrors?.email}
      />
      <SubmitButton pendingLabel="Sending…" className="w-full">
        Send reset link
      </SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPasswordAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Set a new password">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <Field
        id="password"
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters, not your email."
        errors={state.fieldErrors?.password}
      />
      <SubmitButton pendingLabel="Saving…" className="w-full">
        Set new password
      </SubmitButton>
    </form>
  );
}

export function NameForm({ name }: { name: string }) {
  const [state, action] = useActionState(updateNameAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Change your name">
      <FormMessage state={state} />
      <Field
        id="name"
        name="name"
        label="Full name"
        required
        defaultValue={state.values?.name ?? name}
        errors={state.fieldErrors?.name}
        autoComplete="name"
      />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save name
      </SubmitButton>
    </form>
  );
}

export function EmailForm({ email }: { email: string }) {
  const [state, action] = useActionState(changeEmailAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Change your email">
      <FormMessage state={state} />
      <Field
        id="email"
        name="email"
        label="Email"
        type="email"
        required
        defaultValue={state.values?.email ?? email}
        errors={state.fieldErrors?.email}
        autoComplete="email"
        hint="A new address counts once you follow the link we send to it."
      />
      <SubmitButton variant="secondary" pendingLabel="Sending…">
        Change email
      </SubmitButton>
    </form>
  );
}

export function PasswordForm() {
  const [state, action] = useActionState(changePasswordAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Change your password">
      <FormMessage state={state} />
      <Field
        id="currentPassword"
        name="currentPassword"
        label="Current password"
        type="password"
        required
        autoComplete="current-password"
        errors={state.fieldErrors?.currentPassword}
      />
      <Field
        id="newPassword"
        name="newPassword"
        label="New password"
        type="password"
        required
        autoComplete="new-password"
        hint="At least 12 characters, not your email."
        errors={state.fieldErrors?.newPassword ?? state.fieldErrors?.next}
      />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Change password
      </SubmitButton>
    </form>
  );
}

export function NoticesForm({ enabled }: { enabled: boolean }) {
  const [state, action] = useActionState(setNoticesAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-3" aria-label="Email notices">
      <FormMessage state={state} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="notices" defaultChecked={enabled} />
        Email me notices about my apps, roles and companies
      </label>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save notices
      </SubmitButton>
    </form>
  );
}

export interface SessionItem {
  id: string;
  device: string;
  ip: string;
  lastSeen: string;
  started: string;
  current: boolean;
}

export function SessionsList({ sessions }: { sessions: SessionItem[] }) {
  const [state, action] = useActionState(endSessionAction, EMPTY_FORM_STATE);
  const [allState, allAction] = useActionState(endAllSessionsAction, EMPTY_FORM_STATE);
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      <FormMessage state={allState} />
      <ul
        aria-label="Signed-in sessions"
        className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
      >
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-session={s.id}>
            <div className="text-sm">
              <span className="font-medium">{s.device}</span>
              {s.current ? (
                <span className="ml-2 rounded bg-emerald-100 px-2 py-0.5 text-xs text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
                  This session
                </span>
              ) : null}
              <span className="block text-xs text-slate-600 dark:text-slate-400">
                Address {s.ip || "unknown"} · last seen {s.lastSeen} · signed in {s.started}
              </span>
            </div>
            {s.current ? null : (
              <form action={action} aria-label={`Sign out the session of ${s.device} last seen ${s.lastSeen}`}>
                <input type="hidden" name="sessionId" value={s.id} />
                <SubmitButton variant="secondary" pendingLabel="Signing out…">
                  Sign out
                </SubmitButton>
              </form>
            )}
          </li>
        ))}
      </ul>
      <form action={allAction} aria-label="Sign out everywhere">
        <SubmitButton variant="danger" pendingLabel="Signing out…">
          Sign out everywhere
        </SubmitButton>
      </form>
    </div>
  );
}

export function AcceptInvitationForm({ token }: { token: string }) {
  const [state, action] = useActionState(acceptInvitationAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-3" aria-label="Accept the invitation">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      {state.ok ? (
        // A full page load: the console's layout (header, company picker) is drawn again with the new membership.
        // eslint-disable-next-line @next/next/no-html-link-for-pages
        <a className="font-medium text-brand-700 underline dark:text-brand-300" href="/apps">
          Go to My Applications
        </a>
      ) : (
        <SubmitButton pendingLabel="Accepting…">Accept invitation</SubmitButton>
      )}
    </form>
  );
}
