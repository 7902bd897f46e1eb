import type { Metadata } from "next";
import { ApiForm } from "@/components/apis/api-form";
import { requirePlatformAdminPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Add an API" };

export default async function NewApiPage() {
  await requirePlatformAdminPage("/admin/apis/new", "catalog.manage");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Add an API</h1>
      <ApiForm
        initial={{
          name: "",
          slug: "",
          version: "1.0",
          summary: "",
          documentation: "",
          endpoint: "",
          status: "PUBLISHED",
          openToAll: false,
        }}
      />
    </div>
  );
}
