import type { Metadata } from "next";
import { ConsentDecision } from "@/components/oauth/consent-decision";
import { SubmitButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { decideDeviceAction } from "@/lib/actions/device";
import { durationText } from "@/lib/limiter/lockouts";
import { describeScope } from "@/lib/oauth/authorize";
import { formatUserCode, lookUpUserCode } from "@/lib/oauth/device";
import { describeClaims } from "@/lib/oauth/oidc-claims";
import { requestContext } from "@/lib/server/request-context";
import { requireViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Connect a device" };
export const dynamic = "force-dynamic";

const DONE: Record<string, string> = {
  approved: "Done: the device is connected. You can go back to it now.",
  denied: "You denied the request: the device gets no access.",
  gone: "That code has expired or was already used. Start again on the device.",
  wait: "Too many codes were tried. Wait a while, then type the code again.",
};

// The device flow's verification page (RFC 8628 3.3): type the code shown on the device ("Code",
// "Continue"), check the app and what it asks for, then "Allow" or "Deny".
export default async function DevicePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const typed = typeof params.user_code === "string" ? params.user_code.slice(0, 32) : "";
  const viewer = await requireViewer(typed ? `/device?user_code=${encodeURIComponent(typed)}` : "/device");
  const done = typeof params.done === "string" ? DONE[params.done] : undefined;
  // Every lookup is limited per session, address and code (lib/oauth/device.ts lookUpUserCode).
  const lookup = typed ? await lookUpUserCode(typed, { sessionId: viewer.sessionId, ip: (await requestContext()).ip }) : null;
  const pending = lookup?.pending ?? null;
  const wait = lookup?.retryAfterSeconds ?? 0;
  const locked = lookup && !lookup.pending ? lookup.locked : undefined;
  if (pending) {
    const apis = await describeScope(pending.scope);
    const claims = describeClaims(pending.scope);
    return (
      <Card>
        <p className="text-sm text-slate-600 dark:text-slate-400">Device code {formatUserCode(pending.userCode)}</p>
        <h1 className="mb-1 text-2xl font-semibold">
          Allow <span data-testid="consent-app-name">{pending.client.name}</span> on your device?
        </h1>
        <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
          An application of <strong>{pending.client.companyName}</strong>. Allow only if you started this on your own device.
        </p>
        <ul className="mb-6 list-disc space-y-1 pl-5 text-sm" aria-label="What the application asks for">
          <li>
            act on your behalf as <strong>{viewer.user.email}</strong>
          </li>
          {claims.length ? <li>see your {claims.map((c) => c.label).join(", ")}</li> : null}
          {apis.map((api) => (
            <li key={api.slug}>
              call the <strong>{api.name}</strong>
            </li>
          ))}
        </ul>
        <ConsentDecision action={decideDeviceAction} field="user_code" value={pending.userCode} />
      </Card>
    );
  }
  return (
    <Card>
      <h1 className="mb-1 text-2xl font-semibold">Connect a device</h1>
      {done ? (
        <p role="status" className="mb-4 text-sm" data-testid="device-result">
          {done}
        </p>
      ) : null}
      {wait > 0 ? (
        <p role="alert" className="mb-4 text-sm text-red-800 dark:text-red-300" data-testid="device-wait">
          {locked === "code"
            ? `This code is locked after several wrong codes close to it were tried. Wait ${durationText(wait)}, then type it again, or start again on the device.`
            : `Too many codes were tried. Wait ${durationText(wait)}, then try again. Each wrong code after the wait makes the next wait twice as long.`}
        </p>
      ) : typed && !pending ? (
        <p role="alert" className="mb-4 text-sm text-red-800 dark:text-red-300">
          That code is not valid, has expired or was already used. Check the code on your device.
        </p>
      ) : null}
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">Type the code your TV, console or command-line tool shows.</p>
      <form method="get" action="/device" className="space-y-4">
        <Field id="device-user-code" name="user_code" label="Code" autoComplete="off" defaultValue={typed} required />
        <SubmitButton variant="primary">Continue</SubmitButton>
      </form>
    </Card>
  );
}
