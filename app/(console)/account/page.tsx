import type { Metadata } from "next";
import { EmailForm, NameForm, NoticesForm, PasswordForm, SessionsList } from "@/components/account/forms";
import { Card } from "@/components/ui/card";
import { formatWhen } from "@/lib/server/pages";
import { requireViewer } from "@/lib/server/session";
import { accountOf } from "@/lib/users/profile";
import { listSessions } from "@/lib/users/sessions";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const viewer = await requireViewer("/account", { allowUnverified: true });
  const account = await accountOf(viewer.user.id);
  const sessions = await listSessions(viewer.user.id, viewer.sessionId);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Your account</h1>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Name</h2>
        <NameForm name={account.name} />
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold">Email</h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          {account.email} · {account.emailVerified ? "verified" : "not verified yet"}
          {account.pendingEmail ? ` · waiting for you to verify ${account.pendingEmail}` : ""}
        </p>
        <EmailForm email={account.email} />
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Password</h2>
        <PasswordForm />
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Notices</h2>
        <NoticesForm enabled={account.noticesEnabled} />
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold">Signed-in sessions</h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          Sessions end after 12 hours, or sooner when unused. Signing out ends a session for good.
        </p>
        <SessionsList
          sessions={sessions.map((s) => ({
            id: s.id,
            device: s.device,
            ip: s.ip,
            lastSeen: formatWhen(s.lastSeenAt),
            started: formatWhen(s.createdAt),
            current: s.current,
          }))}
        />
      </Card>
    </div>
  );
}
