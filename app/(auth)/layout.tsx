import Link from "next/link";
import { Logo } from "@/components/layout/app-shell";
import { CenteredCard } from "@/components/layout/centered-card";
import { ThemeToggle } from "@/components/layout/theme-toggle";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <CenteredCard
      brand={<Logo />}
      actions={
        <div className="flex items-center gap-3">
          <Link
            href="/docs"
            className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
          >
            Docs
          </Link>
          <ThemeToggle />
        </div>
      }
    >
      {children}
    </CenteredCard>
  );
}
