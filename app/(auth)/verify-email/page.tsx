import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ResendVerificationForm } from "@/components/account/forms";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { signOutAction } from "@/lib/actions/session";
import { param } from "@/lib/server/pages";
import { getViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Verify your email" };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const error = param((await searchParams).error);
  const viewer = await getViewer();
  if (!viewer) {
    return (
      <Card>
        <h1 className="mb-3 text-2xl font-semibold">Verify your email</h1>
        {error ? <Alert>{error}</Alert> : null}
        <p className="mt-3 text-sm">
          <TextLink className="font-medium" href="/signin?callbackUrl=%2Fverify-email">
            Sign in
          </TextLink>{" "}
          to ask for a new link.
        </p>
      </Card>
    );
  }
  if (viewer.user.emailVerified && !error) redirect("/apps");
  return (
    <Card>
      <h1 className="mb-3 text-2xl font-semibold">Verify your email</h1>
      {error ? <Alert>{error}</Alert> : null}
      <div className="space-y-3 text-sm">
        <p>
          We sent a link to <strong>{viewer.user.email}</strong>. Open that email and follow the link to verify your address.
        </p>
        <p>
          Until you do, you cannot join a company, receive a role or register apps: invitations for your address wait for your verification.
        </p>
        <p>No email? Check your spam folder, or send it again (at most five times an hour).</p>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <ResendVerificationForm />
      </div>
      <p className="mt-6 text-sm">
        Wrong address? Change it on{" "}
        <TextLink className="font-medium" href="/account">
          your account
        </TextLink>
        .
      </p>
      <form action={signOutAction} className="mt-4">
        <button type="submit" className="text-sm underline">
          Sign out
        </button>
      </form>
    </Card>
  );
}
