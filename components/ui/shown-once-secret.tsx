// The outcome above a form that creates a token or secret shown only once: after a success its message and
// the value with a Copy button, after a failure the message alone.
import { CredentialField } from "@/components/apps/credential-field";
import { Alert } from "@/components/ui/alert";

export function ShownOnceSecret({
  value,
  message,
  successMessage = message,
  className = "space-y-2",
  id,
  label,
  secret,
  hint,
}: {
  /** The new value; none before a success. */
  value?: string;
  message?: string;
  /** The success message, when it is not the action's own. */
  successMessage?: React.ReactNode;
  className?: string;
  id: string;
  label: string;
  /** Masked until "Show" (a signing secret). */
  secret?: boolean;
  hint?: string;
}) {
  if (value) {
    return (
      <div className={className}>
        <Alert kind="success">{successMessage}</Alert>
        <CredentialField id={id} label={label} value={value} secret={secret} initiallyShown hint={hint} />
      </div>
    );
  }
  return message ? <Alert>{message}</Alert> : null;
}
