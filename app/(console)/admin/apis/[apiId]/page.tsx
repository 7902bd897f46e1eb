import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ApiForm } from "@/components/apis/api-form";
import { getApiById } from "@/lib/apis/catalog";
import { requireViewer } from "@/lib/session";

export async function generateMetadata({ params }: { params: Promise<{ apiId: string }> }): Promise<Metadata> {
  const { apiId } = await params;
  const viewer = await requireViewer(`/admin/apis/${encodeURIComponent(apiId)}`);
  const api = viewer.user.isPlatformAdmin ? await getApiById(apiId) : null;
  return { title: api ? `Edit ${api.name}` : "Edit API" };
}

export default async function EditApiPage({ params }: { params: Promise<{ apiId: string }> }) {
  const { apiId } = await params;
  const viewer = await requireViewer(`/admin/apis/${encodeURIComponent(apiId)}`);
  if (!viewer.user.isPlatformAdmin) notFound();
  const api = await getApiById(apiId);
  if (!api) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Edit {api.name}</h1>
      <ApiForm initial={{ ...api }} />
    </div>
  );
}
