"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { decideAuthorization, transactionPath } from "@/lib/oauth/authorize-flow";
import { formInput } from "@/lib/server/actions";
import { requestContext } from "@/lib/server/request-context";
import { getViewer } from "@/lib/server/session";

/**
 * "Allow" or "Deny" on the consent page. The decision names the server-side authorization transaction
 * the page showed (lib/oauth/transactions.ts); the request is never parsed again from a query string.
 */
const decisionInput = z.object({ transaction: z.string(), decision: z.string() });
export async function decideAuthorizationAction(form: FormData): Promise<void> {
  const input = formInput(decisionInput, form);
  const transaction = input.transaction.slice(0, 64);
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(transactionPath({ id: transaction }))}`);
  const decision = input.decision === "allow" ? "allow" : "deny";
  const result = await decideAuthorization(transaction, decision, viewer, await requestContext());
  if (result.kind === "redirect") redirect(result.url);
  redirect(transactionPath({ id: transaction }));
}
