// A connection's state on /company/sso: working, "Failing since …" with the last error, or not used yet.
// Server component (no client code); the SAML section uses it too.
import { Alert } from "@/components/ui/alert";
import { formatWhen } from "@/lib/format";
import { viewerTimeZone } from "@/lib/server/time-zone";

export interface ConnectionStateView {
  failureCount: number;
  failingSince: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastSuccessAt: Date | null;
}

export async function ConnectionState({ label, health }: { label: string; health: ConnectionStateView | undefined }) {
  const tz = await viewerTimeZone();
  if (health?.failingSince) {
    return (
      <Alert kind="error">
        <p className="font-medium">
          {label}: Failing since {formatWhen(health.failingSince, tz)} ({health.failureCount} failed in a row)
        </p>
        {health.lastError ? <p className="mt-1 break-words">Last error: {health.lastError}</p> : null}
        <p className="mt-1">Your Delegated Administrators were mailed. The state clears at the next sign-in that works.</p>
      </Alert>
    );
  }
  return (
    <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
      State:{" "}
      {health?.lastSuccessAt ? `Working, last sign-in ${formatWhen(health.lastSuccessAt, tz)}` : "No sign-in through this connection yet"}
      {health?.lastError && health.lastErrorAt ? ` · last error ${formatWhen(health.lastErrorAt, tz)}: ${health.lastError}` : ""}
    </p>
  );
}
