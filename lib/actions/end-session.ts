"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signOut } from "@/lib/auth";
import { checkEndSession } from "@/lib/oauth/end-session";
import { formInput } from "@/lib/server/actions";
import { ACTIVE_COMPANY_COOKIE } from "@/lib/server/session";

/** "Sign out" on the end-session page: the request is checked again, then the console session ends. */
const endSessionInput = z.object({ query: z.string() });
export async function endOidcSessionAction(form: FormData): Promise<void> {
  const { query } = formInput(endSessionInput, form);
  const check = query.length <= 16_384 ? await checkEndSession(new URLSearchParams(query)) : ({ ok: false } as const);
  await signOut({ redirect: false });
  (await cookies()).delete(ACTIVE_COMPANY_COOKIE);
  redirect(check.ok && check.redirectTo ? check.redirectTo : "/signin");
}
