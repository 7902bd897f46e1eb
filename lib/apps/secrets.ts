import "server-only";
// Client secrets of an app: showing one again (after a recent password proof, audited), rotating with
// a grace period (at most two live: the new one and the previous one until its end).
import { writeAudit } from "../audit";
import { invalidate } from "../cache";
import { db, type DbOrTx, type Tx } from "../db";
import { AppError } from "../errors";
import { newId } from "../ids";
import { enforce } from "../limiter";
import type { AppOperation } from "../permissions";
import { isRecentProof } from "../security/reauth";
import type { RequestContext } from "../server/request-context";
import { rotationSchema } from "../validation/app-registration";
import { parseInput } from "../validation/common";
import { actorUnderLock, type AppActor, appEntry, appFor, lockApp } from "./access";
import { generateClientSecret } from "./credentials";
import { secretExpiryFor } from "./secret-lifetime";
import { openSecret, sealSecret } from "./secret-store";
import { type RevealedSecret, revealedSecretSchema } from "./views";

/** Prisma filter for secrets that still authenticate at `now`: not revoked, not past their end. */
export function liveSecretWhere(now: Date) {
  return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

export const REAUTH_REQUIRED = "Enter your password again to see the Client Secret.";

/** Creates and stores a new secret for an app inside a transaction; returns its id (and the value). */
export async function createSecret(
  tx: DbOrTx,
  appId: string,
  createdById: string | null,
  now = new Date(),
): Promise<{ id: string; secret: string }> {
  const secret = generateClientSecret();
  const id = newId("secret");
  // The company's secret lifetime (lib/apps/secret-lifetime.ts), if it has one.
  const expiresAt = await secretExpiryFor(tx, appId, now);
  await tx.clientSecret.create({ data: { id, appId, createdById, createdAt: now, expiresAt, ...sealSecret(secret, id) } });
  return { id, secret };
}

/** The app's current secret in the clear (server side only: callers audit its use). */
export async function currentSecret(client: DbOrTx, appId: string, now: Date): Promise<RevealedSecret> {
  const row = await client.clientSecret.findFirst({
    where: { appId, ...liveSecretWhere(now) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, ciphertext: true, createdAt: true },
  });
  if (!row) throw new AppError("not_found", "This app has no live secret. Rotate it to get a new one.");
  return revealedSecretSchema.parse({ secret: openSecret(row.ciphertext, row.id), secretId: row.id, createdAt: row.createdAt });
}

/**
 * The app's current secret, for its registered developer, when they proved their password recently
 * (`provenAt`, seconds since the epoch). Every reveal is audited. Throws "unauthenticated" with
 * REAUTH_REQUIRED when the proof is too old.
 */
export async function revealClientSecret(
  actor: AppActor,
  appId: string,
  proof: { provenAt: number },
  ctx: RequestContext | null,
  now = new Date(),
): Promise<RevealedSecret> {
  const app = await appFor((where) => db().app.findFirst({ where }), actor, appId, "reveal");
  if (!isRecentProof(proof.provenAt, Math.floor(now.getTime() / 1000))) throw new AppError("unauthenticated", REAUTH_REQUIRED);
  await enforce("secretReveal", actor.user.id, "Too many requests to show a Client Secret.");
  return readSecretAudited(actor, app, "secret.revealed", ctx, now);
}

/**
 * The app's current secret for someone allowed to see it, read in a transaction with an audit entry
 * (`event`) naming the secret shown. Roles and company status are checked again under the company lock:
 * a leaver or a suspended company sees nothing.
 */
export async function readSecretAudited(
  actor: AppActor,
  app: { id: string; companyId: string },
  event: string,
  ctx: RequestContext | null,
  now: Date,
): Promise<RevealedSecret> {
  return db().$transaction(async (tx) => {
    await appFor((where) => tx.app.findFirst({ where }), await actorUnderLock(tx, actor), app.id, "reveal");
    const shown = await currentSecret(tx, app.id, now);
    await writeAudit(tx, actor.user, appEntry(event, app, { credentialId: shown.secretId }), ctx);
    return shown;
  });
}

/**
 * The new app's secret for the "Application Registered" view. The caller has checked that this
 * browser registered the app moments ago (lib/security/reauth justRegistered); the issue itself is audited
 * as app.registered.
 */
export async function newAppSecret(actor: AppActor, appId: string, now = new Date()): Promise<RevealedSecret> {
  const app = await appFor((where) => db().app.findFirst({ where }), actor, appId, "reveal");
  return currentSecret(db(), app.id, now);
}

export interface RotationResult {
  secretId: string;
  /** When the previous secret stops working (null when it stopped at once). */
  previousExpiresAt: Date | null;
}

/**
 * A change to the app's credentials in one transaction, under the company lock (roles and company status
 * checked again, so a concurrent demotion or suspension wins) and the app's lock. Once committed, the
 * token service forgets its cached copy of the app, so what was revoked stops working at once.
 */
export async function changeCredentials<T>(
  actor: AppActor,
  app: { id: string; clientId: string },
  operation: AppOperation,
  change: (tx: Tx) => Promise<T>,
): Promise<T> {
  const result = await db().$transaction(async (tx) => {
    await appFor((where) => tx.app.findFirst({ where }), await actorUnderLock(tx, actor), app.id, operation);
    await lockApp(tx, app.id);
    return change(tx);
  });
  invalidate("apps", { clientIds: [app.clientId] });
  return result;
}

/**
 * Issues a new secret. The previous current secret keeps working for the grace period (0 ends it
 * at once); a secret still in an earlier grace period is revoked now, so at most two are live.
 */
export async function rotateClientSecret(
  actor: AppActor,
  appId: string,
  input: unknown,
  ctx: RequestContext | null,
  now = new Date(),
): Promise<RotationResult> {
  const { graceHours } = parseInput(rotationSchema, input);
  const app = await appFor((where) => db().app.findFirst({ where }), actor, appId, "rotate");
  if (app.clientAuthMethod === "private_key_jwt")
    throw new AppError("conflict", "This app authenticates with a private key JWT: it has no Client Secret to rotate.");
  // A secret revoked at once (grace 0, or an older one in its grace) stops working at once.
  return changeCredentials(actor, app, "rotate", async (tx) => {
    const live = await tx.clientSecret.findMany({
      where: { appId: app.id, ...liveSecretWhere(now) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, expiresAt: true },
    });
    const [current, ...older] = live.filter((s) => s.expiresAt === null).concat(live.filter((s) => s.expiresAt !== null));
    const revoked = older.map((s) => s.id);
    // The grace period never outlasts the end the previous secret already had (a secret lifetime).
    const graceEnd = new Date(now.getTime() + graceHours * 3_600_000);
    const previousExpiresAt =
      current && graceHours > 0 ? (current.expiresAt && current.expiresAt < graceEnd ? current.expiresAt : graceEnd) : null;
    if (current) {
      if (previousExpiresAt) await tx.clientSecret.update({ where: { id: current.id }, data: { expiresAt: previousExpiresAt } });
      else revoked.push(current.id);
    }
    if (revoked.length) await tx.clientSecret.updateMany({ where: { id: { in: revoked } }, data: { revokedAt: now } });
    const created = await createSecret(tx, app.id, actor.user.id, now);
    const rotation = {
      // Ids of ClientSecret rows (never their values); key names avoid the audit log's redaction.
      issuedCredentialId: created.id,
      previousCredentialId: current?.id ?? null,
      previousEndsAt: previousExpiresAt?.toISOString() ?? null,
      graceHours,
      revokedCredentialIds: revoked,
    };
    await writeAudit(tx, actor.user, appEntry("secret.rotated", app, rotation), ctx);
    return { secretId: created.id, previousExpiresAt };
  });
}

/** The value of a secret just made for the app (the management API answers it once, after a rotation). */
export async function secretValueOf(appId: string, secretId: string): Promise<string> {
  const row = await db().clientSecret.findFirst({ where: { id: secretId, appId }, select: { id: true, ciphertext: true } });
  if (!row) throw new AppError("internal", "The new secret was not found.");
  return openSecret(row.ciphertext, row.id);
}
