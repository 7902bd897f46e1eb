// The consent pages' answer (authorization endpoint, device verification): one form with "Allow" and
// "Deny" (contract labels), carrying the pending request's reference in one hidden field.
import { SubmitButton } from "@/components/ui/button";

export function ConsentDecision({ action, field, value }: { action: (form: FormData) => Promise<void>; field: string; value: string }) {
  return (
    <form action={action} className="flex gap-3">
      <input type="hidden" name={field} value={value} />
      <SubmitButton name="decision" value="allow" variant="primary">
        Allow
      </SubmitButton>
      <SubmitButton name="decision" value="deny" variant="secondary">
        Deny
      </SubmitButton>
    </form>
  );
}
