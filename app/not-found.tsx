import { Logo } from "@/components/layout/app-shell";
import { CenteredCard } from "@/components/layout/centered-card";
import { NotFoundBody } from "@/components/layout/not-found-body";

// notFound() from a page outside the console and the guide (an unknown version of the terms): the
// frame of the pages outside the shell (the logo, no controls), no session read. This boundary is
// rendered into every page's payload, so it stays small; a path no route serves gets
// app/global-not-found.tsx (the shell for a signed-in person), a console page
// app/(console)/not-found.tsx, the guide app/docs/not-found.tsx.
export default function NotFound() {
  return (
    <CenteredCard brand={<Logo />} actions={null} width="lg">
      <NotFoundBody />
    </CenteredCard>
  );
}
