import { TextLink } from "@/components/ui/text-link";

/** What a "Not found" page says; the caller supplies the landmark (the console layout already has <main>). */
export function NotFoundBody() {
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">This page does not exist, or you do not have access to it.</p>
      <TextLink href="/" className="mt-6 inline-block font-medium">
        Back to the console
      </TextLink>
    </div>
  );
}
