import type { Metadata } from "next";
import { AcceptInvitationForm } from "@/components/account/forms";
import { LocalTime } from "@/components/time/local-time";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { viewInvitation } from "@/lib/companies/invitations";
import { ROLE_LABELS } from "@/lib/permissions";
import { requestContext } from "@/lib/server/request-context";
import { getViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const inv = await viewInvitation(token, await requestContext());
  const viewer = await getViewer();
  if (inv.state === "invalid") {
    return (
      <Card>
        <h1 className="mb-3 text-2xl font-semibold">Invitation</h1>
        <Alert>This invitation link is not valid. It may have been sent again with a new link.</Alert>
      </Card>
    );
  }
  if (inv.state !== "pending") {
    const why = inv.state === "accepted" ? "has already been accepted" : inv.state === "expired" ? "has expired" : "was withdrawn";
    return (
      <Card>
        <h1 className="mb-3 text-2xl font-semibold">Join {inv.companyName}</h1>
        <Alert kind={inv.state === "accepted" ? "success" : "error"}>
          This invitation {why}.{inv.state === "accepted" ? "" : " Ask the person who invited you for a new one."}
        </Alert>
        {viewer ? (
          <p className="mt-4 text-sm">
            <TextLink className="font-medium" href="/apps">
              My Applications
            </TextLink>
          </p>
        ) : null}
      </Card>
    );
  }
  const self = `/invitations/${encodeURIComponent(token)}`;
  return (
    <Card>
      <h1 className="mb-3 text-2xl font-semibold">Join {inv.companyName}</h1>
      <p className="text-sm">
        {inv.inviter ? `${inv.inviter.name} (${inv.inviter.email})` : "The platform administrator"} invited <strong>{inv.email}</strong> to{" "}
        {inv.companyName} as {inv.roles.map((r) => ROLE_LABELS[r]).join(" and ")}.
        {inv.expiresAt ? (
          <>
            {" "}
            The invitation expires on <LocalTime date={inv.expiresAt} />.
          </>
        ) : null}
      </p>
      <div className="mt-4 space-y-3 text-sm">
        {!viewer ? (
          <p>
            <TextLink className="font-medium" href={`/signup`}>
              Create an account
            </TextLink>{" "}
            with {inv.email} and verify it, or{" "}
            <TextLink className="font-medium" href={`/signin?callbackUrl=${encodeURIComponent(self)}`}>
              sign in
            </TextLink>{" "}
            with that address to accept.
          </p>
        ) : viewer.user.email !== inv.email ? (
          <Alert>
            This invitation is for {inv.email}. You are signed in as {viewer.user.email}: sign in with the invited address to accept it.
          </Alert>
        ) : !viewer.user.emailVerified ? (
          <Alert>Verify your email first: follow the link we sent to {inv.email}. The invitation then applies by itself.</Alert>
        ) : (
          <AcceptInvitationForm token={token} />
        )}
      </div>
    </Card>
  );
}
