import { redirect } from "next/navigation";
import { getViewer, landingFor } from "@/lib/server/session";

// Role-aware landing: the platform administrator on /admin/companies, a Delegated Administrator
// without apps of their own on the company's users, everyone else on "My Applications". A signed-out
// visitor lands on the public guide, as the original console opened on its documentation;
// its header links to "Sign in".
export default async function Home() {
  const viewer = await getViewer();
  redirect(viewer ? await landingFor(viewer) : "/docs");
}
