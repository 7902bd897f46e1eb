import { NotFoundBody } from "@/components/layout/not-found-body";

export default function NotFound() {
  return (
    <main id="main" tabIndex={-1}>
      <NotFoundBody />
    </main>
  );
}
