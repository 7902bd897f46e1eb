import { NotFoundBody } from "@/components/layout/not-found-body";

// An unknown guide or page of the guide: inside the guide's frame (app/docs/layout.tsx holds <main>).
export default function DocsNotFound() {
  return <NotFoundBody />;
}
