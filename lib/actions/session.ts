"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { auth, signOut } from "@/lib/auth";
import { env } from "@/lib/env";
import { formInput, safeReturnPath } from "@/lib/server/actions";
import { ACTIVE_COMPANY_COOKIE, getViewer } from "@/lib/server/session";
import { endCurrentSession } from "@/lib/users/sessions";

export async function signOutAction(): Promise<void> {
  // The server-side session ends for good: a copy of the cookie is refused from now on.
  const session = await auth();
  await endCurrentSession((session as { sid?: string } | null)?.sid);
  await signOut({ redirect: false });
  (await cookies()).delete(ACTIVE_COMPANY_COOKIE);
  redirect("/signin");
}

/** Chooses the company the person acts for; only a company they belong to. */
const switchInput = z.object({ companyId: z.string(), returnTo: z.string() });
export async function switchCompanyAction(form: FormData): Promise<void> {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin");
  const { companyId, returnTo } = formInput(switchInput, form);
  if (viewer.memberships.some((m) => m.companyId === companyId)) {
    (await cookies()).set(ACTIVE_COMPANY_COOKIE, companyId, {
      httpOnly: true,
      sameSite: "lax",
      secure: env().secureCookies,
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
    });
  }
  redirect(safeReturnPath(returnTo));
}
