"use server";
// Server actions of /account/tokens: create (fresh password, and the second-factor hook) and revoke.
// Thin: the session here, the rules in lib/users/personal-tokens.ts.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { isRecentProof, passwordProvenAt, rememberReauth } from "@/lib/security/reauth";
import { isStepUpRequired, requireFreshSecondFactor } from "@/lib/security/two-factor/step-up";
import { viewerAction } from "@/lib/server/actions";
import { createPersonalToken, revokePersonalToken } from "@/lib/users/personal-tokens";
import type { FormState } from "@/lib/validation/form-state";
import { checkOwnPassword } from "./password-proof";

export interface CreateTokenState extends FormState {
  token?: string;
  tokenName?: string;
  needsPassword?: boolean;
}

// The form's fields; lib/users/personal-tokens checks the name, company, lifetime and scopes itself.
const createTokenInput = z.object({
  name: z.string(),
  companyId: z.string(),
  expiresInDays: z.string(),
  scopes: z.array(z.string()),
  password: z.string(),
});

/** What the form shows again: the chosen scopes too (space-separated), so a password prompt does not clear them; never the password. */
function typedValues(fields: { name: string; companyId: string; expiresInDays: string; scopes: string[] }): Record<string, string> {
  return { name: fields.name, companyId: fields.companyId, expiresInDays: fields.expiresInDays, scopes: fields.scopes.join(" ") };
}

export async function createTokenAction(_prev: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  const declared = {
    schema: createTokenInput,
    form,
    keepState: (fields: z.input<typeof createTokenInput>) => ({ values: typedValues(fields) }),
  };
  return viewerAction(
    { returnTo: "/account/tokens", ...declared, keep: { needsPassword: false } },
    async ({ viewer, request: ctx, input }): Promise<CreateTokenState> => {
      const values = typedValues(input);
      let provenAt = await passwordProvenAt(viewer);
      const { password } = input;
      if (password) {
        try {
          await checkOwnPassword(viewer, password, ctx);
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
        { name: input.name, companyId: input.companyId, expiresInDays: input.expiresInDays, scopes: input.scopes },
        ctx,
      );
      revalidatePath("/account/tokens");
      return { ok: true, token: created.token, tokenName: created.row.name, message: "Copy the token now: it is shown only once." };
    },
  );
}

const tokenIdInput = z.object({ tokenId: z.string() });
export async function revokeTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/account/tokens", schema: tokenIdInput, form }, async ({ viewer, request, input }) => {
    const r = await revokePersonalToken({ id: viewer.user.id, email: viewer.user.email }, input.tokenId, request);
    revalidatePath("/account/tokens");
    return { ok: true, message: `The token “${r.name}” was revoked. It no longer works.` };
  });
}
