// An API's page for a company not entitled to it (an API that requires approval): what it is, and
// "Request access" with a "Reason" (server component; the action checks everything again).
import { ApiHeading } from "@/components/apis/api-heading";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { requestAccessAction } from "@/lib/actions/requests";
import { RequestAccessForm } from "./request-forms";

export function RequestAccessView({
  api,
}: {
  api: { id: string; slug: string; name: string; version: string; summary: string; waitingSince: Date | null };
}) {
  return (
    <div className="space-y-6">
      <ApiHeading api={api}>Version {api.version}</ApiHeading>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Request access</h2>
        {api.waitingSince ? (
          <Alert kind="info">Your company asked for access to {api.name}; the platform administrator has not decided yet.</Alert>
        ) : (
          <>
            <p className="mb-3 text-sm">
              Your company may not use {api.name} yet. Say why you need it; the platform administrator decides and you get an email.
            </p>
            <RequestAccessForm action={requestAccessAction.bind(null, api.id, api.slug)} />
          </>
        )}
      </Card>
    </div>
  );
}
