import type { Metadata } from "next";
import { CompaniesList, EmailForm, NameForm, NoticesForm, PasswordForm, SessionsList } from "@/components/account/forms";
import { TimeZoneForm } from "@/components/account/time-zone-form";
import { Card } from "@/components/ui/card";
import { companiesOf } from "@/lib/companies/members";
import { timeZoneChoices } from "@/lib/format";
import { ROLE_LABELS } from "@/lib/permissions";
import { formatWhen } from "@/lib/server/pages";
import { requireViewer } from "@/lib/server/session";
import { viewerTimeZoneChoice } from "@/lib/server/time-zone";
import { accountOf } from "@/lib/users/profile";
import { listSessions } from "@/lib/users/sessions";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const viewer = await requireViewer("/account", { allowUnverified: true });
  const account = await accountOf(viewer.user.id);
  const sessions = await listSessions(viewer.user.id, viewer.sessionId);
  const timeZone = await viewerTimeZoneChoice();
  // Until the address is verified no company reaches the account (lib/server/session.ts), so none is listed.
  const companies = viewer.user.emailVerified ? await companiesOf(viewer.user.id) : [];
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
        <h2 className="mb-3 text-lg font-semibold">Time zone</h2>
        <TimeZoneForm saved={timeZone.saved} zones={timeZoneChoices()} showing={timeZone.zone} />
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold">Companies</h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          The companies you belong to. A company&apos;s administrators manage your roles there, never your account.
        </p>
        <CompaniesList
          companies={companies.map((c) => ({
            companyId: c.companyId,
            companyName: c.companyName,
            roles: c.roles.map((r) => ROLE_LABELS[r]).join(", "),
            lastAdmin: c.lastAdmin,
          }))}
        />
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
            lastSeen: formatWhen(s.lastSeenAt, timeZone.zone),
            started: formatWhen(s.createdAt, timeZone.zone),
            current: s.current,
          }))}
        />
      </Card>
    </div>
  );
}
