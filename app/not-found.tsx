import { MaybeShell } from "@/components/layout/maybe-shell";
import { NotFoundBody } from "@/components/layout/not-found-body";

// A path no route serves: inside the app shell for a signed-in person, the public frame otherwise.
export default function NotFound() {
  return (
    <MaybeShell>
      <NotFoundBody />
    </MaybeShell>
  );
}
