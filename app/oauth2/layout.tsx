import Link from "next/link";
import { CenteredCard } from "@/components/layout/centered-card";
import { ThemeToggle } from "@/components/layout/theme-toggle";

export default function OAuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <CenteredCard
      width="lg"
      brand={
        <Link href="/apps" className="text-lg font-semibold">
          API Console
        </Link>
      }
      actions={<ThemeToggle />}
    >
      {children}
    </CenteredCard>
  );
}
