"use server";
import { redirect } from "next/navigation";
import { decideAuthorization, transactionPath } from "@/lib/oauth/authorize-flow";
import { allowOrDeny } from "@/lib/server/actions";
import { requestContext } from "@/lib/server/request-context";

/**
 * "Allow" or "Deny" on the consent page. The decision names the server-side authorization transaction
 * the page showed (lib/oauth/transactions.ts); the request is never parsed again from a query string.
 */
export async function decideAuthorizationAction(form: FormData): Promise<void> {
  const { value: transaction, decision, viewer } = await allowOrDeny(form, "transaction", 64, (id) => transactionPath({ id }));
  const result = await decideAuthorization(transaction, decision, viewer, await requestContext());
  if (result.kind === "redirect") redirect(result.url);
  redirect(transactionPath({ id: transaction }));
}
