"use server";
// Server actions of /account/tokens: create (fresh password, and the second-factor hook) and revoke.
// Thin: the session here, the rules in lib/management/personal-tokens.ts.
import { revalidatePath } from "next/cache";
import { AppError } from "@/lib/errors";
import { createPersonalToken, revokePersonalToken } from "@/lib/management/personal-tokens";
import { isRecentProof, passwordProvenAt, rememberReauth } from "@/lib/security/reauth";
import { isStepUpRequired, requireFreshSecondFactor } from "@/lib/security/two-factor/step-up";
import { viewerAction } from "@/lib/server/actions";
import { verifyCredentials } from "@/lib/users/accounts";
import type { FormState } from "@/lib/validation/form-state";

export interface CreateTokenState extends FormState {
  token?: string;
  tokenName?: string;
  needsPassword?: boolean;
}

export async function createTokenAction(_prev: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  // The chosen scopes are kept too (space-separated), so a password prompt does not clear them.
  const values = {
    name: String(form.get("name") ?? ""),
    companyId: String(form.get("companyId") ?? ""),
    expiresInDays: String(form.get("expiresInDays") ?? ""),
    scopes: form.getAll("scopes").map(String).join(" "),
  };
  return viewerAction(
    { returnTo: "/account/tokens", values, keep: { needsPassword: false } },
    async ({ viewer, request: ctx }): Promise<CreateTokenState> => {
      let provenAt = await passwordProvenAt(viewer);
      const password = form.get("password");
      if (typeof password === "string" && password) {
        try {
          const account = await verifyCredentials({ email: viewer.user.email, password }, ctx);
          if (account.id !== viewer.user.id) throw new AppError("unauthenticated", "That password is not right.");
        } catch (error) {
          if (error instanceof AppError && error.code === "unauthenticated") {
            return { ok: false, needsPassword: true, values, fieldErrors: { password: ["That password is not right."] } };
          }
          throw error;
        }
        provenAt = await rememberReauth(viewer);
      }
      if (!isRecentProof(provenAt)) {
        return {
          ok: false,
          needsPassword: true,
          values,
          message: "Enter your password again to create a token.",
          fieldErrors: { password: ["Enter your password."] },
        };
      }
      // Contract: a person with a second factor confirms it freshly (last 10 minutes) before a token is made.
      try {
        await requireFreshSecondFactor(viewer);
      } catch (error) {
        if (!isStepUpRequired(error)) throw error;
        return {
          ok: false,
          needsPassword: false,
          values,
          message: "Confirm it is you with your second factor first: reload this page to be asked for it, then create the token.",
        };
      }
      const created = await createPersonalToken(
        { id: viewer.user.id, email: viewer.user.email },
        { name: values.name, companyId: values.companyId, expiresInDays: values.expiresInDays, scopes: form.getAll("scopes").map(String) },
        ctx,
      );
      revalidatePath("/account/tokens");
      return { ok: true, token: created.token, tokenName: created.row.name, message: "Copy the token now: it is shown only once." };
    },
  );
}

export async function revokeTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/account/tokens" }, async ({ viewer, request }) => {
    const r = await revokePersonalToken({ id: viewer.user.id, email: viewer.user.email }, form.get("tokenId"), request);
    revalidatePath("/account/tokens");
    return { ok: true, message: `The token “${r.name}” was revoked. It no longer works.` };
  });
}
