"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth";
import { checkEndSession } from "@/lib/oauth/end-session";
import { ACTIVE_COMPANY_COOKIE } from "@/lib/server/session";

/** "Sign out" on the end-session page: the request is checked again, then the console session ends. */
export async function endSessionAction(form: FormData): Promise<void> {
  const query = String(form.get("query") ?? "");
  const check = query.length <= 16_384 ? await checkEndSession(new URLSearchParams(query)) : ({ ok: false } as const);
  await signOut({ redirect: false });
  (await cookies()).delete(ACTIVE_COMPANY_COOKIE);
  redirect(check.ok && check.redirectTo ? check.redirectTo : "/signin");
}
