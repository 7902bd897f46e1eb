import "server-only";
// The authorization endpoint's steps around the validated request (lib/oauth/authorize.ts):
//   1. resolve the request: a query string, a pushed request (request_uri, RFC 9126), or a consent
//      transaction being resumed after sign-in (`transaction=`);
//   2. keep it as a consent transaction on the server (lib/oauth/transactions.ts);
//   3. decide with the session: sign in (again, for prompt=login or max_age), prompt=none errors,
//      remembered consent, or the consent page — whose Allow/Deny names the transaction.
import type { RequestContext } from "../server/request-context";
import type { Viewer } from "../users/viewer";
import {
  approveAuthorization,
  type AuthorizationRequest,
  checkAuthorizationRequest,
  denyAuthorization,
  hasRememberedConsent,
  requestFromStored,
  storedRequest,
} from "./authorize";
import { findClient } from "./clients";
import {
  bindTransaction,
  consumeTransaction,
  createTransaction,
  findTransaction,
  REQUEST_URI_PREFIX,
  type Transaction,
} from "./transactions";

export type AuthorizeStart =
  | { kind: "page"; title: string; message: string }
  | { kind: "redirect"; url: string }
  | { kind: "transaction"; transaction: Transaction; request: AuthorizationRequest; returnTo?: string };

const page = (message: string): AuthorizeStart => ({ kind: "page", title: "This authorization request cannot be completed", message });

/** Step 1 and 2: from the endpoint's query string to a consent transaction (or an error). */
export async function startAuthorization(search: URLSearchParams, queryLength: number): Promise<AuthorizeStart> {
  const resume = search.get("transaction");
  if (resume !== null && [...search.keys()].length === 1) {
    const tx = await findTransaction("consent", resume);
    if (!tx) return page("This authorization request has expired or was already answered. Start again from the application.");
    const request = await requestFromStored(tx.request);
    if (!request) return page("No application is registered with this client ID.");
    return { kind: "transaction", transaction: tx, request };
  }
  const requestUri = search.get("request_uri");
  if (requestUri !== null) return startPushed(search, requestUri);
  const check = await checkAuthorizationRequest(search, { queryLength });
  if (!check.ok) return check.kind === "page" ? check : { kind: "redirect", url: check.url };
  const transaction = await createTransaction("consent", check.request.client.appId, storedRequest(check.request));
  // Signed out, a short plain request comes back as it was asked (bookmarkable); a long one, or one that
  // asks for a fresh sign-in, comes back to its transaction.
  const original = `/oauth2/authorize?${search.toString()}`;
  return { kind: "transaction", transaction, request: check.request, returnTo: original.length <= 2000 ? original : undefined };
}

/** RFC 9126 section 4: request_uri with client_id; the pushed request is used once. */
async function startPushed(search: URLSearchParams, requestUri: string): Promise<AuthorizeStart> {
  const clientId = search.get("client_id");
  if (!clientId) return page("The request does not say which application is asking (client_id is missing).");
  const client = await findClient(clientId);
  if (!client) return page("No application is registered with this client ID.");
  const id = requestUri.startsWith(REQUEST_URI_PREFIX) ? requestUri.slice(REQUEST_URI_PREFIX.length) : "";
  const pushed = id ? await findTransaction("par", id) : null;
  if (!pushed || pushed.appId !== client.appId || !(await consumeTransaction(pushed.id))) {
    return page("The pushed authorization request (request_uri) is unknown, expired or already used. Start again from the application.");
  }
  const request = { ...pushed.request, client };
  const transaction = await createTransaction("consent", client.appId, pushed.request);
  return { kind: "transaction", transaction, request };
}

export type AuthorizeNext =
  | { kind: "redirect"; url: string }
  | { kind: "signin"; url: string }
  | { kind: "page"; message: string }
  | { kind: "consent"; request: AuthorizationRequest; transactionId: string };

/** Where a transaction goes back to (the sign-in page's callbackUrl). */
export function transactionPath(tx: Pick<Transaction, "id">): string {
  return `/oauth2/authorize?transaction=${encodeURIComponent(tx.id)}`;
}

/** True when the person must sign in (again) for this request: prompt=login or max_age passed. */
function needsFreshLogin(request: AuthorizationRequest, viewer: Viewer, tx: Transaction, nowMs: number): boolean {
  // A sign-in after the request started satisfies both (so a slow sign-in never loops).
  if (viewer.authTime >= Math.floor(tx.createdAt.getTime() / 1000)) return false;
  if (request.prompt.includes("login")) return true;
  return request.maxAge !== undefined && Math.floor(nowMs / 1000) - viewer.authTime > request.maxAge;
}

/** Step 3: what to do now for this viewer (null: not signed in). */
export async function continueAuthorization(
  tx: Transaction,
  request: AuthorizationRequest,
  viewer: Viewer | null,
  ctx: RequestContext | null,
  opts: { returnTo?: string; nowMs?: number } = {},
): Promise<AuthorizeNext> {
  const nowMs = opts.nowMs ?? Date.now();
  const none = request.prompt.includes("none");
  const finish = async (url: () => Promise<string> | string): Promise<AuthorizeNext> => {
    if (!(await consumeTransaction(tx.id)))
      return { kind: "redirect", url: denyAuthorization(request, "invalid_request", "The authorization request was already answered.") };
    return { kind: "redirect", url: await url() };
  };
  if (!viewer) {
    if (none) return finish(() => denyAuthorization(request, "login_required", "The person is not signed in."));
    const fresh = request.prompt.includes("login") || request.maxAge !== undefined;
    const back = !fresh && opts.returnTo ? opts.returnTo : transactionPath(tx);
    return { kind: "signin", url: `/signin?callbackUrl=${encodeURIComponent(back)}` };
  }
  if (needsFreshLogin(request, viewer, tx, nowMs)) {
    if (none) return finish(() => denyAuthorization(request, "login_required", "The person must sign in again (max_age)."));
    return { kind: "signin", url: `/signin?prompt=login&callbackUrl=${encodeURIComponent(transactionPath(tx))}` };
  }
  const remembered = !request.prompt.includes("consent") && (await hasRememberedConsent(viewer.user.id, request));
  if (remembered) {
    return finish(() => approveAuthorization(viewer.user, request, ctx, { authTime: viewer.authTime }));
  }
  if (none) return finish(() => denyAuthorization(request, "consent_required", "The person has not authorized this application."));
  if (!(await bindTransaction(tx.id, viewer.user.id))) {
    return {
      kind: "page",
      message: "This authorization request belongs to someone else, or was already answered. Start again from the application.",
    };
  }
  return { kind: "consent", request, transactionId: tx.id };
}

export type DecisionResult = { kind: "redirect"; url: string } | { kind: "page"; message: string };

/**
 * "Allow" or "Deny" on the consent page: the decision refers to the transaction the page showed,
 * bound to the viewer; it is used once. The client is read fresh (a suspension in between counts).
 */
export async function decideAuthorization(
  transactionId: string,
  decision: "allow" | "deny",
  viewer: Viewer,
  ctx: RequestContext | null,
): Promise<DecisionResult> {
  const tx = await findTransaction("consent", transactionId);
  if (!tx || tx.userId !== viewer.user.id)
    return { kind: "page", message: "This authorization request has expired or was already answered. Start again from the application." };
  const request = await requestFromStored(tx.request);
  if (!request) return { kind: "page", message: "No application is registered with this client ID." };
  if (!(await consumeTransaction(tx.id))) return { kind: "page", message: "This authorization request was already answered." };
  if (decision === "deny") return { kind: "redirect", url: denyAuthorization(request) };
  if (request.client.status !== "ACTIVE" || request.client.companyStatus !== "ACTIVE") {
    return { kind: "redirect", url: denyAuthorization(request, "unauthorized_client", "The app or its company is suspended.") };
  }
  return { kind: "redirect", url: await approveAuthorization(viewer.user, request, ctx, { authTime: viewer.authTime }) };
}
