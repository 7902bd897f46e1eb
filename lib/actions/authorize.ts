"use server";
import { redirect } from "next/navigation";
import { decideAuthorization, transactionPath } from "@/lib/oauth/authorize-flow";
import { requestContext } from "@/lib/server/request-context";
import { getViewer } from "@/lib/server/session";

/**
 * "Allow" or "Deny" on the consent page. The decision names the server-side authorization transaction
 * the page showed (lib/oauth/transactions.ts); the request is never parsed again from a query string.
 */
export async function decideAuthorizationAction(form: FormData): Promise<void> {
  const transaction = String(form.get("transaction") ?? "").slice(0, 64);
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(transactionPath({ id: transaction }))}`);
  const decision = form.get("decision") === "allow" ? "allow" : "deny";
  const result = await decideAuthorization(transaction, decision, viewer, await requestContext());
  if (result.kind === "redirect") redirect(result.url);
  redirect(transactionPath({ id: transaction }));
}
