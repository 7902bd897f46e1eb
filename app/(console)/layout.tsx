import { AppShell } from "@/components/layout/app-shell";
import { TimeZoneSync } from "@/components/time/time-zone-sync";
import { Toaster } from "@/components/ui/toaster";
import { withRequestCount } from "@/lib/plans/requests";
import { navigationFor, requireViewer } from "@/lib/server/session";
import { TIME_ZONE_COOKIE, viewerTimeZoneChoice } from "@/lib/server/time-zone";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer(undefined, { allowUnverified: true });
  const timeZone = await viewerTimeZoneChoice();
  return (
    <AppShell
      user={{ name: viewer.user.name, email: viewer.user.email }}
      sections={await withRequestCount(navigationFor(viewer), viewer.user)}
      companies={viewer.memberships}
      activeCompanyId={viewer.active?.companyId ?? null}
      activeCompanyName={viewer.active?.companyName ?? null}
    >
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:py-8">
        {viewer.active?.companyStatus === "SUSPENDED" ? (
          <p
            role="status"
            className="mb-6 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          >
            {viewer.active.companyName} is suspended by the platform administrator: its apps get no tokens until it is restored.
          </p>
        ) : null}
        {children}
      </main>
      <Toaster />
      <TimeZoneSync cookie={TIME_ZONE_COOKIE} rendered={timeZone.zone} saved={timeZone.saved !== null} />
    </AppShell>
  );
}
