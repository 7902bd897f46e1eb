import "server-only";
// Notices by mail, written in the transaction of the change (lib/audit/index.ts writeAudit calls
// noticeForAudit for the events below; role changes call mailRolesChanged). Non-security notices go
// only to people who have not turned them off on /account, and only to verified addresses.
// Never a secret: an app's notice names the app, its Client ID and APIs.
import type { AuditEntry } from "../audit/entry";
import type { DbOrTx } from "../db";
import { env } from "../env";
import { isRole, ROLE_LABELS } from "../permissions";
import { enqueueMail, type MailKind } from "./outbox";
import { noticeMail } from "./templates/notice";
import { secondFactorResetMail } from "./templates/second-factor-reset";

async function recipient(tx: DbOrTx, userId: string | null | undefined, security = false) {
  if (!userId) return null;
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { email: true, name: true, emailVerifiedAt: true, noticesEnabled: true, isPlatformAdmin: true },
  });
  if (!user || !(user.emailVerifiedAt || user.isPlatformAdmin)) return null;
  if (!security && !user.noticesEnabled) return null;
  return user;
}

/**
 * Queues one notice per person, each greeted by name before `lines`, with a link into the console.
 * Returns how many were queued.
 */
export async function mailNoticeToEach(
  tx: DbOrTx,
  kind: Extract<MailKind, "notice" | "security_notice">,
  people: { email: string; name: string }[],
  notice: { subject: string; lines: string[]; facts?: [string, string][]; linkPath: string },
): Promise<number> {
  for (const person of people) {
    await enqueueMail(
      tx,
      kind,
      person.email,
      noticeMail({
        subject: notice.subject,
        lines: [`Hello ${person.name},`, ...notice.lines],
        facts: notice.facts,
        linkPath: notice.linkPath,
        consoleUrl: env().consoleUrl,
      }),
    );
  }
  return people.length;
}

const APP_EVENTS: Record<string, (name: string) => string> = {
  "app.registered": (n) => `Your app ${n} is registered`,
  "secret.rotated": (n) => `The Client Secret of ${n} was rotated`,
  "app.suspended": (n) => `Your app ${n} was suspended`,
  "app.restored": (n) => `Your app ${n} was restored`,
  "app.reassigned": (n) => `The app ${n} changed owner`,
  "app.deleted": (n) => `The app ${n} was deleted`,
  "app.deactivated": (n) => `Your app ${n} was deactivated`,
  "app.reactivated": (n) => `Your app ${n} was reactivated`,
};

/** Called by writeAudit inside the change's transaction. */
export async function noticeForAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  const meta = entry.metadata ?? {};
  if (entry.event in APP_EVENTS && entry.targetId) {
    const app = await tx.app.findUnique({
      where: { id: entry.targetId },
      select: {
        id: true,
        name: true,
        clientId: true,
        createdById: true,
        status: true,
        suspendedReason: true,
        company: { select: { name: true } },
        subscriptions: { select: { api: { select: { name: true } } } },
      },
    });
    const name = app?.name ?? String(meta.name ?? "your app");
    const ownerIds = new Set<string>();
    if (app?.createdById) ownerIds.add(app.createdById);
    if (typeof meta.ownerId === "string") ownerIds.add(meta.ownerId);
    if (entry.event === "app.reassigned" && typeof meta.fromEmail === "string") {
      const previous = await tx.user.findUnique({ where: { email: meta.fromEmail }, select: { id: true } });
      if (previous) ownerIds.add(previous.id);
    }
    const facts: [string, string][] = [["App", name]];
    if (app) {
      facts.push(
        ["Client ID", app.clientId],
        ["Company", app.company.name],
        ["APIs", app.subscriptions.map((s) => s.api.name).join(", ") || "none"],
        ["Status", app.status],
      );
      if (app.suspendedReason) facts.push(["Reason", app.suspendedReason]);
    } else if (typeof meta.clientId === "string") facts.push(["Client ID", meta.clientId]);
    if (entry.event === "secret.rotated" && typeof meta.previousEndsAt === "string")
      facts.push(["Previous secret works until", new Date(meta.previousEndsAt).toUTCString()]);
    if (entry.event === "app.reassigned" && typeof meta.toEmail === "string") facts.push(["New owner", meta.toEmail]);
    const lines =
      entry.event === "app.registered"
        ? ["Your application is registered. Its Client Secret is shown on the app's page only (never by email)."]
        : entry.event === "secret.rotated"
          ? [
              "A new Client Secret was issued for your app. Copy it from the app's page; the previous one stops working at the end of its grace period.",
            ]
          : [`${APP_EVENTS[entry.event]!(name)}.`];
    const security = entry.event === "secret.rotated";
    for (const id of ownerIds) {
      const user = await recipient(tx, id, security);
      if (!user) continue;
      await mailNoticeToEach(tx, security ? "security_notice" : "notice", [user], {
        subject: APP_EVENTS[entry.event]!(name),
        lines,
        facts,
        linkPath: app ? `/apps/${app.id}` : "/apps",
      });
    }
    return;
  }
  if ((entry.event === "two_factor.enrolled" || entry.event === "two_factor.removed") && entry.targetId) {
    // Every factor added or removed is told to its owner, so a stolen session cannot add one unseen.
    const user = await recipient(tx, entry.targetId, true);
    if (!user) return;
    const factor = meta.factor === "passkey" ? `the passkey “${String(meta.name ?? "Passkey")}”` : "an authenticator app";
    const added = entry.event === "two_factor.enrolled";
    await mailNoticeToEach(tx, "security_notice", [user], {
      subject: added ? "A second factor was added to your account" : "A second factor was removed from your account",
      lines: [
        added
          ? `Someone signed in as you added ${factor} to your two-step sign-in.`
          : `Someone signed in as you removed ${factor} from your two-step sign-in.`,
        "If it was not you, change your password and sign out everywhere from your account page at once, then check your security page.",
      ],
      linkPath: "/account/security",
    });
    return;
  }
  if (entry.event === "company.suspended" && entry.companyId) {
    const das = await tx.roleAssignment.findMany({
      where: { role: "DELEGATED_ADMIN", membership: { companyId: entry.companyId } },
      select: { membership: { select: { userId: true, company: { select: { name: true } } } } },
    });
    for (const da of das) {
      const user = await recipient(tx, da.membership.userId, true);
      if (!user) continue;
      const company = da.membership.company.name;
      await mailNoticeToEach(tx, "security_notice", [user], {
        subject: `${company} was suspended`,
        lines: [
          `The platform administrator suspended ${company}. Its apps get no tokens, and their tokens stop working, until it is restored.`,
        ],
        linkPath: "/company/users",
      });
    }
  }
}

/** A member's roles changed (inside the change's transaction). */
export async function mailRolesChanged(
  tx: DbOrTx,
  userId: string,
  companyName: string,
  roles: readonly string[],
  by: string | null,
): Promise<void> {
  const user = await recipient(tx, userId);
  if (!user) return;
  const labels = roles.filter(isRole).map((r) => ROLE_LABELS[r]);
  await mailNoticeToEach(tx, "notice", [user], {
    subject: `Your roles in ${companyName} changed`,
    lines: [`${by ?? "A Delegated Administrator"} changed your roles in ${companyName}.`],
    facts: [
      ["Company", companyName],
      ["Your roles now", labels.join(", ") || "none"],
    ],
    linkPath: "/apps",
  });
}

/** Someone reset the person's second factors (security notice, inside the reset's transaction). */
export async function mailSecondFactorReset(
  tx: DbOrTx,
  userId: string,
  input: { companyName: string | null; by: string; reason: string },
): Promise<void> {
  const user = await recipient(tx, userId, true);
  if (!user) return;
  await enqueueMail(
    tx,
    "security_notice",
    user.email,
    secondFactorResetMail({
      name: user.name,
      companyName: input.companyName,
      by: input.by,
      reason: input.reason,
      consoleUrl: env().consoleUrl,
    }),
  );
}

/** A Delegated Administrator revoked one of the person's personal access tokens (security notice). */
export async function mailPersonalTokenRevoked(
  tx: DbOrTx,
  userId: string,
  input: { tokenName: string; lastFour: string; companyName: string; by: string },
): Promise<void> {
  const user = await recipient(tx, userId, true);
  if (!user) return;
  await mailNoticeToEach(tx, "security_notice", [user], {
    subject: `Your personal access token ${input.tokenName} was revoked`,
    lines: [
      `${input.by}, a Delegated Administrator of ${input.companyName}, revoked your personal access token “${input.tokenName}”. Scripts using it are refused from now on; create a new token if you still need one.`,
    ],
    facts: [
      ["Token", `${input.tokenName} (apcp_…${input.lastFour})`],
      ["Company", input.companyName],
      ["Revoked by", input.by],
    ],
    linkPath: "/account/tokens",
  });
}

/**
 * "The grace period ended": one notice per rotated-out secret whose grace period is over (the
 * outbox row's id is derived from the secret's, so each is written once however often this runs).
 * Called by the sender loop about once a minute.
 */
export async function noticeGraceEnded(client: import("../db").Db, now = new Date()): Promise<number> {
  const ended = await client.clientSecret.findMany({
    where: { revokedAt: null, expiresAt: { lte: now, gt: new Date(now.getTime() - 7 * 24 * 3600_000) } },
    select: { id: true, expiresAt: true, app: { select: { id: true, name: true, clientId: true, createdById: true } } },
    take: 100,
  });
  let written = 0;
  for (const s of ended) {
    const id = `mail_grace_${s.id}`;
    if (await client.outboxMail.findUnique({ where: { id }, select: { id: true } })) continue;
    const user = await recipient(client, s.app.createdById, true);
    if (!user) continue;
    const mail = noticeMail({
      subject: `The previous Client Secret of ${s.app.name} stopped working`,
      lines: [
        `Hello ${user.name},`,
        `The grace period of the previous Client Secret of ${s.app.name} ended; only the current secret works now.`,
      ],
      facts: [
        ["App", s.app.name],
        ["Client ID", s.app.clientId],
        ["Ended", s.expiresAt!.toUTCString()],
      ],
      linkPath: `/apps/${s.app.id}`,
      consoleUrl: env().consoleUrl,
    });
    try {
      await client.outboxMail.create({
        data: { id, kind: "security_notice", toAddress: user.email, subject: mail.subject, text: mail.text, html: mail.html },
      });
      written += 1;
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error; // another instance wrote it
    }
  }
  return written;
}
