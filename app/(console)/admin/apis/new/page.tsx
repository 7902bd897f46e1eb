import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ApiForm } from "@/components/apis/api-form";
import { requireViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Add an API" };

export default async function NewApiPage() {
  const viewer = await requireViewer("/admin/apis/new");
  if (!viewer.user.isPlatformAdmin) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Add an API</h1>
      <ApiForm initial={{ name: "", slug: "", version: "1.0", summary: "", documentation: "", endpoint: "", status: "PUBLISHED", openToAll: false }} />
    </div>
  );
}
