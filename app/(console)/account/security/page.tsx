import type { Metadata } from "next";
import { PasskeyPanel } from "@/components/security/passkey-panel";
import { RecoveryPanel } from "@/components/security/recovery-panel";
import { TotpPanel } from "@/components/security/totp-panel";
import { LocalTime } from "@/components/time/local-time";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { removeTotpAction, revokeTrustedBrowserAction, startTotpSetupAction } from "@/lib/actions/two-factor";
import { formatDay, formatWhen } from "@/lib/format";
import { currentTotpSetup, factorSummary } from "@/lib/security/two-factor/factors";
import { passkeysUnavailableReason } from "@/lib/security/two-factor/origin";
import { twoFactorRequirement } from "@/lib/security/two-factor/policy";
import { listTrustedBrowsers } from "@/lib/security/two-factor/trusted-browsers";
import { actorOf, requireViewer } from "@/lib/server/session";
import { viewerTimeZone } from "@/lib/server/time-zone";

export const metadata: Metadata = { title: "Security" };

/** Back from the re-check page (/account/verify): what the person was about to do. */
const RESUMED: Record<string, string> = {
  totp: "Confirmed. Press “Set up authenticator app” to continue.",
  passkey: "Confirmed. Press “Add a passkey” to continue.",
  recovery: "Confirmed. Press “Generate new recovery codes” to continue.",
};

export default async function SecurityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const tz = await viewerTimeZone();
  const params = await searchParams;
  const viewer = await requireViewer("/account/security");
  const [factors, setup, requirement, browsers] = await Promise.all([
    factorSummary(viewer.user.id),
    currentTotpSetup(actorOf(viewer)),
    twoFactorRequirement(viewer),
    listTrustedBrowsers(viewer.user.id),
  ]);
  const enrolled = factors.totp || factors.passkeys.length > 0;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Security</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Two-step sign-in: after your password, the console asks for a code from an authenticator app or a passkey.
          {enrolled ? " It is on for your account." : " It is off for your account."}
        </p>
      </div>
      {params.saved === "policy" && requirement ? <Alert kind="success">Policy saved: {requirement} It applies to you too.</Alert> : null}
      {requirement && !enrolled ? <Alert>{requirement} Set up an authenticator app or a passkey to continue.</Alert> : null}
      {typeof params.resume === "string" && RESUMED[params.resume] ? <Alert kind="success">{RESUMED[params.resume]}</Alert> : null}
      {params.removed ? (
        <Alert kind="success">{params.removed === "passkey" ? "Passkey removed." : "Authenticator app removed."}</Alert>
      ) : null}
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Authenticator app</h2>
        <TotpPanel
          enrolled={factors.totp}
          setup={setup ? { qrDataUrl: setup.qrDataUrl, secret: setup.secret } : null}
          startAction={startTotpSetupAction}
          removeAction={removeTotpAction}
        />
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Passkeys</h2>
        <PasskeyPanel
          passkeys={factors.passkeys.map((p) => ({
            id: p.id,
            name: p.name,
            createdAt: p.createdAt.toISOString(),
            addedOn: formatDay(p.createdAt, tz),
            lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
          }))}
          unavailableReason={passkeysUnavailableReason()}
        />
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Recovery codes</h2>
        <RecoveryPanel left={factors.recoveryCodesLeft} enabled={enrolled} />
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Trusted browsers</h2>
        {browsers.length ? (
          <div className="space-y-3">
            <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-700" aria-label="Trusted browsers">
              {browsers.map((b) => (
                <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    {b.userAgent?.slice(0, 80) || "A browser"} — trusted until <LocalTime date={b.expiresAt} />
                  </span>
                  <form action={revokeTrustedBrowserAction}>
                    <input type="hidden" name="browserId" value={b.id} />
                    <SubmitButton
                      variant="secondary"
                      pendingLabel="Revoking…"
                      aria-label={`Revoke trust of the browser trusted on ${formatWhen(b.createdAt, tz)}`}
                    >
                      Revoke
                    </SubmitButton>
                  </form>
                </li>
              ))}
            </ul>
            <form action={revokeTrustedBrowserAction}>
              <input type="hidden" name="browserId" value="all" />
              <SubmitButton variant="secondary" pendingLabel="Revoking…">
                Revoke all trusted browsers
              </SubmitButton>
            </form>
          </div>
        ) : (
          <p className="text-sm">No browser skips the second step. Tick “Trust this browser for 30 days” when you sign in to add one.</p>
        )}
        {params.revoked ? (
          <p role="status" className="mt-2 text-sm">
            Trust revoked: those browsers ask for the second step again.
          </p>
        ) : null}
      </Card>
    </div>
  );
}
