// The top of an API's page: the breadcrumb back to the catalog, its name, a line about its version, and its
// summary (the page of an entitled company and the "Request access" page of one that is not).
import { TextLink } from "@/components/ui/text-link";

export function ApiHeading({ api, children }: { api: { name: string; summary: string }; children: React.ReactNode }) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm">
        <TextLink href="/apis">APIs</TextLink> / {api.name}
      </nav>
      <div>
        <h1 className="text-2xl font-semibold">{api.name}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{children}</p>
        <p className="mt-2">{api.summary}</p>
      </div>
    </>
  );
}
