import "server-only";
// Leaked-secret reports (GitHub's secret scanning partner program): POST /api/secret-scanning/github
// receives a JSON list of {token, type, url, source}, signed with ECDSA (headers
// Github-Public-Key-Identifier and Github-Public-Key-Signature; keys: ./keys.ts). For each token: the
// `apcs_` checksum first (a look-alike is a false positive without a database read), then the secret by
// its digest. A live secret is revoked at once (no grace), the app's access tokens issued until now are
// refused (App.tokensNotBefore), the owner and the Delegated Administrators are mailed, and the webhook
// event app.secret_leaked is sent — all in one transaction with its audit entry. The answer is the
// partner program's feedback list: [{token_hash, token_type, label: "true_positive" | "false_positive"}]
// (the SHA-256 of the token, never the token itself). Every report is kept (SecretLeakReport, without
// the token) for the reports pages.
import { createHash } from "node:crypto";
import { z } from "zod";
import { noticedAppSelect, sendAppSecretNotice } from "../apps/app-secret-notice";
import { isWellFormedClientSecret, lastFour } from "../apps/credentials";
import { writeAudit } from "../audit";
import { invalidate } from "../cache";
import { tokensNotBeforeFor } from "../companies/app-ownership";
import { type Person, requireCompanyRole, requirePlatformActor } from "../companies/guards";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { newId } from "../ids";
import { digest } from "../security/crypto";
import { configuredScanningKeys, type ScanningKey, verifyReportSignature } from "./keys";

export const MAX_REPORTS_PER_REQUEST = 1000;

const reportSchema = z.object({
  token: z.string().min(1).max(4096),
  type: z.string().max(200).default(""),
  url: z.string().max(2000).default(""),
  source: z.string().max(200).default(""),
});
const reportsSchema = z.array(reportSchema).max(MAX_REPORTS_PER_REQUEST);

export type LeakLabel = "true_positive" | "false_positive";
/** revoked: a live secret, revoked now; already_revoked / expired: ours but not usable; unknown / malformed: not ours. */
export type LeakOutcome = "revoked" | "already_revoked" | "expired" | "unknown" | "malformed";

export interface LeakFeedback {
  token_hash: string;
  token_type: string;
  label: LeakLabel;
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

export interface SignedRequest {
  body: string;
  keyIdentifier: string | null;
  signature: string | null;
}

/**
 * Verifies and handles one signed request of reports; answers the feedback list. Missing signature
 * headers: 400; an unknown key or a wrong signature (or no keys configured): 401; a body that is not
 * a list of reports: 422.
 */
export async function receiveGithubReports(
  request: SignedRequest,
  options: { keys?: readonly ScanningKey[]; now?: Date } = {},
): Promise<LeakFeedback[]> {
  if (!request.keyIdentifier || !request.signature) {
    throw new AppError("bad_request", "Send the Github-Public-Key-Identifier and Github-Public-Key-Signature headers.");
  }
  const keys = options.keys ?? configuredScanningKeys();
  if (!verifyReportSignature(request.body, request.keyIdentifier, request.signature, keys)) {
    throw new AppError("unauthenticated", "The signature does not verify with a configured secret scanning key.");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body);
  } catch {
    throw new AppError("validation", "The body is not JSON.");
  }
  const reports = reportsSchema.safeParse(parsed);
  if (!reports.success) throw new AppError("validation", "The body must be a JSON list of {token, type, url, source}.");
  const feedback: LeakFeedback[] = [];
  for (const report of reports.data) feedback.push(await handleReport(report, options.now ?? new Date()));
  return feedback;
}

async function handleReport(report: z.infer<typeof reportSchema>, now: Date): Promise<LeakFeedback> {
  const tokenHash = sha256Hex(report.token);
  const base = { token_hash: tokenHash, token_type: report.type };
  const row = {
    source: "github",
    tokenHash,
    lastFour: lastFour(report.token),
    tokenType: report.type,
    url: report.url,
    foundIn: report.source,
    createdAt: now,
  };
  if (!isWellFormedClientSecret(report.token)) {
    await db().secretLeakReport.create({ data: { id: newId("leakReport"), ...row, label: "false_positive", outcome: "malformed" } });
    return { ...base, label: "false_positive" };
  }
  const secretDigest = digest(report.token, "secret-digest");
  const changed = await db().$transaction(async (tx) => {
    const secret = await tx.clientSecret.findFirst({
      where: { digest: secretDigest },
      select: { id: true, appId: true, revokedAt: true, expiresAt: true, app: { select: { companyId: true } } },
    });
    if (!secret) {
      await tx.secretLeakReport.create({ data: { id: newId("leakReport"), ...row, label: "false_positive", outcome: "unknown" } });
      return null;
    }
    let outcome: LeakOutcome = "revoked";
    if (secret.revokedAt) outcome = "already_revoked";
    else if (secret.expiresAt && secret.expiresAt <= now) outcome = "expired";
    else {
      // Only the caller whose update matched revokes (two reports of one secret at once: one notice).
      const won = await tx.clientSecret.updateMany({ where: { id: secret.id, revokedAt: null }, data: { revokedAt: now } });
      if (won.count === 1) await revokeLeaked(tx, secret.id, secret.appId, report, now);
      else outcome = "already_revoked";
    }
    await tx.secretLeakReport.create({
      data: {
        id: newId("leakReport"),
        ...row,
        label: "true_positive",
        outcome,
        companyId: secret.app.companyId,
        appId: secret.appId,
        secretId: secret.id,
      },
    });
    return outcome === "revoked" ? { appId: secret.appId, companyId: secret.app.companyId } : null;
  });
  if (changed) {
    invalidate("apps", { appIds: [changed.appId] });
    invalidate("revocations");
  }
  return { ...base, label: changed !== null || (await isOurs(secretDigest)) ? "true_positive" : "false_positive" };
}

async function isOurs(secretDigest: string): Promise<boolean> {
  return (await db().clientSecret.count({ where: { digest: secretDigest } })) > 0;
}

/** Inside the revoking transaction: tokens cut, audit, mail to the owner and the DAs, webhook event. */
async function revokeLeaked(tx: Tx, secretId: string, appId: string, report: z.infer<typeof reportSchema>, now: Date): Promise<void> {
  const app = await tx.app.findUniqueOrThrow({ where: { id: appId }, select: noticedAppSelect });
  await tx.app.update({ where: { id: appId }, data: { tokensNotBefore: tokensNotBeforeFor(now) } });
  const secret = await tx.clientSecret.findUniqueOrThrow({ where: { id: secretId }, select: { lastFour: true } });
  await writeAudit(tx, null, {
    event: "secret.revoked_leaked",
    targetType: "app",
    targetId: appId,
    companyId: app.companyId,
    metadata: { secretId, lastFour: secret.lastFour, reportedBy: "github", url: report.url, foundIn: report.source },
  });
  await sendAppSecretNotice(
    tx,
    app,
    {
      subject: `A Client Secret of ${app.name} was found in public and revoked`,
      text: `A secret scanner found the Client Secret ending in ${secret.lastFour} of ${app.name} in public${report.url ? ` (${report.url})` : ""}. The console revoked it at once and refuses the access tokens issued before now. Rotate the secret on the app's page, give your app the new one, and remove the old one from where it was published.`,
      facts: [
        ["Secret", `…${secret.lastFour}`],
        ["Found at", report.url || "(not given)"],
      ],
    },
    {
      type: "app.secret_leaked",
      data: {
        secret: { lastFour: secret.lastFour, revokedAt: now.toISOString() },
        foundAt: report.url || null,
        foundIn: report.source || null,
        reportedBy: "github",
      },
    },
    now,
  );
}

// ---- the reports pages ------------------------------------------------------------------------------

export interface LeakReportView {
  id: string;
  createdAt: Date;
  source: string;
  tokenType: string;
  lastFour: string;
  url: string;
  foundIn: string;
  label: LeakLabel;
  outcome: LeakOutcome;
  companyId: string | null;
  companyName: string | null;
  appId: string | null;
  appName: string | null;
}

/**
 * The newest reports (200): of one company (its Delegated Administrators' page: secrets.leaks.read) or
 * of every company with the false positives too (the platform administrator's: secrets.leaks.read.all).
 * Anyone else: not found.
 */
export async function listLeakReports(actor: Person, scope: { companyId: string } | { all: true }): Promise<LeakReportView[]> {
  if ("companyId" in scope) await requireCompanyRole(db(), actor, scope.companyId, "secrets.leaks.read");
  else await requirePlatformActor(db(), actor, "secrets.leaks.read.all");
  const rows = await db().secretLeakReport.findMany({
    where: "companyId" in scope ? { companyId: scope.companyId } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  const appIds = [...new Set(rows.map((r) => r.appId).filter((id): id is string => Boolean(id)))];
  const companyIds = [...new Set(rows.map((r) => r.companyId).filter((id): id is string => Boolean(id)))];
  const apps = new Map(
    (await db().app.findMany({ where: { id: { in: appIds } }, select: { id: true, name: true } })).map((a) => [a.id, a.name]),
  );
  const companies = new Map(
    (await db().company.findMany({ where: { id: { in: companyIds } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    source: r.source,
    tokenType: r.tokenType,
    lastFour: r.lastFour,
    url: r.url,
    foundIn: r.foundIn,
    label: r.label as LeakLabel,
    outcome: r.outcome as LeakOutcome,
    companyId: r.companyId,
    companyName: r.companyId ? (companies.get(r.companyId) ?? null) : null,
    appId: r.appId,
    appName: r.appId ? (apps.get(r.appId) ?? null) : null,
  }));
}
