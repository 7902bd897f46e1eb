"use client";
// Forms of accounts by mail (client components over the actions in lib/actions/accounts.ts).
import { useActionState } from "react";
import { FormMessage } from "@/components/companies/form-message";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/button";
import { ConfirmSubmit } from "@/components/ui/confirm-dialog";
import { EmailField, PasswordField } from "@/components/ui/email-password-fields";
import { Field } from "@/components/ui/field";
import { TextLink } from "@/components/ui/text-link";
import {
  acceptInvitationAction,
  changeEmailAction,
  changePasswordAction,
  endAllSessionsAction,
  endSessionAction,
  forgotPasswordAction,
  leaveCompanyAction,
  resendVerificationAction,
  resetPasswordAction,
  setNoticesAction,
  updateNameAction,
} from "@/lib/actions/accounts";
import { EMPTY_FORM_STATE } from "@/lib/validation/form-state";

/** The signed-out pages' forms: fields the server checks, a button as wide as the form. */
const SIGNED_OUT = { className: "space-y-4", noValidate: true, wide: true } as const;
/** The account page's forms: fields the server checks, a secondary button. */
const ACCOUNT = { noValidate: true, submitVariant: "secondary" } as const;

const NEW_PASSWORD_HINT = "At least 12 characters, not your email.";

export function ResendVerificationForm() {
  return (
    <ActionForm
      action={resendVerificationAction}
      label="Resend verification email"
      submit="Resend verification email"
      pendingLabel="Sending…"
      submitVariant="secondary"
    />
  );
}

export function ForgotPasswordForm() {
  return (
    <ActionForm action={forgotPasswordAction} label="Reset your password" {...SIGNED_OUT} submit="Send reset link" pendingLabel="Sending…">
      {(state) => <EmailField defaultValue={state.values?.email} errors={state.fieldErrors?.email} />}
    </ActionForm>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  return (
    <ActionForm action={resetPasswordAction} label="Set a new password" {...SIGNED_OUT} submit="Set new password" pendingLabel="Saving…">
      {(state) => (
        <>
          <input type="hidden" name="token" value={token} />
          <PasswordField label="New password" autoComplete="new-password" hint={NEW_PASSWORD_HINT} errors={state.fieldErrors?.password} />
        </>
      )}
    </ActionForm>
  );
}

export function NameForm({ name }: { name: string }) {
  return (
    <ActionForm action={updateNameAction} label="Change your name" {...ACCOUNT} submit="Save name" pendingLabel="Saving…">
      {(state) => (
        <Field
          id="name"
          name="name"
          label="Full name"
          required
          defaultValue={state.values?.name ?? name}
          errors={state.fieldErrors?.name}
          autoComplete="name"
        />
      )}
    </ActionForm>
  );
}

export function EmailForm({ email }: { email: string }) {
  return (
    <ActionForm action={changeEmailAction} label="Change your email" {...ACCOUNT} submit="Change email" pendingLabel="Sending…">
      {(state) => (
        <EmailField
          defaultValue={state.values?.email ?? email}
          errors={state.fieldErrors?.email}
          hint="A new address counts once you follow the link we send to it."
        />
      )}
    </ActionForm>
  );
}

export function PasswordForm() {
  return (
    <ActionForm action={changePasswordAction} label="Change your password" {...ACCOUNT} submit="Change password" pendingLabel="Saving…">
      {(state) => (
        <>
          <PasswordField
            id="currentPassword"
            name="currentPassword"
            label="Current password"
            autoComplete="current-password"
            errors={state.fieldErrors?.currentPassword}
          />
          <PasswordField
            id="newPassword"
            name="newPassword"
            label="New password"
            autoComplete="new-password"
            hint={NEW_PASSWORD_HINT}
            errors={state.fieldErrors?.newPassword ?? state.fieldErrors?.next}
          />
        </>
      )}
    </ActionForm>
  );
}

export function NoticesForm({ enabled }: { enabled: boolean }) {
  return (
    <ActionForm action={setNoticesAction} label="Email notices" submit="Save notices" pendingLabel="Saving…" submitVariant="secondary">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="notices" defaultChecked={enabled} />
        Email me notices about my apps, roles and companies
      </label>
    </ActionForm>
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
  return (
    <ActionForm action={acceptInvitationAction} label="Accept the invitation">
      {(state) => (
        <>
          <input type="hidden" name="token" value={token} />
          {state.ok ? (
            // A full page load: the console's layout (header, company picker) is drawn again with the new membership.

            <TextLink anchor className="font-medium" href="/apps">
              Go to My Applications
            </TextLink>
          ) : (
            <SubmitButton pendingLabel="Accepting…">Accept invitation</SubmitButton>
          )}
        </>
      )}
    </ActionForm>
  );
}

export interface CompanyItem {
  companyId: string;
  companyName: string;
  roles: string;
  lastAdmin: boolean;
}

/** Every company the person belongs to, each with "Leave company" (not for a company's last Delegated Administrator). */
export function CompaniesList({ companies }: { companies: CompanyItem[] }) {
  const [state, action] = useActionState(leaveCompanyAction, EMPTY_FORM_STATE);
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      {companies.length ? (
        <ul
          aria-label="Your companies"
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
        >
          {companies.map((c) => (
            <li key={c.companyId} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div className="text-sm">
                <span className="font-medium">{c.companyName}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{c.roles || "No role"}</span>
              </div>
              {c.lastAdmin ? (
                <p className="max-w-xs text-xs text-slate-600 dark:text-slate-400">
                  You are its last Delegated Administrator: make someone else one before you can leave.
                </p>
              ) : (
                <form action={action} aria-label={`Leave ${c.companyName}`}>
                  <input type="hidden" name="companyId" value={c.companyId} />
                  <ConfirmSubmit
                    title={`Leave ${c.companyName}?`}
                    description="Your roles there end. Apps you registered for it are suspended until the company gives them a new owner, and your personal access tokens for it stop working."
                    confirmLabel="Leave company"
                    pendingLabel="Leaving…"
                  >
                    Leave company
                  </ConfirmSubmit>
                </form>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm">You do not belong to any company.</p>
      )}
    </div>
  );
}
