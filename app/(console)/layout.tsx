import { Header } from "@/components/layout/header";
import { navigationFor, requireViewer } from "@/lib/session";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer();
  return (
    <div className="flex min-h-screen flex-col">
      <Header
        user={viewer.user}
        nav={navigationFor(viewer)}
        companies={viewer.memberships}
        activeCompanyId={viewer.active?.companyId ?? null}
        activeCompanyName={viewer.active?.companyName ?? null}
      />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
    </div>
  );
}
