import { NotFoundBody } from "@/components/layout/not-found-body";

// Inside the console layout, which already holds the page's <main> landmark.
export default function ConsoleNotFound() {
  return <NotFoundBody />;
}
