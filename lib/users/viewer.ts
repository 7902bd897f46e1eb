import "server-only";
// The signed-in person as every entry point sees them (lib/server/session.ts getViewer): the account,
// its memberships with their roles, and the company they act for. Read here, in the domain; the session
// module decides who is signed in (cookie, live session) and which company was chosen.
import { db } from "../db";
import { isRole, type Role } from "../permissions";

export interface CompanyContext {
  companyId: string;
  companyName: string;
  companyStatus: string;
  roles: Role[];
}

export interface Viewer {
  user: {
    id: string;
    email: string;
    name: string;
    isPlatformAdmin: boolean;
    emailVerified: boolean;
    /** The IANA time zone chosen on /account, or null for the browser's (lib/server/time-zone.ts). */
    timeZone?: string | null;
    /** The "Getting started" cards dismissed (User.guidesDismissed), read with the account; absent on a viewer made elsewhere. */
    guidesDismissed?: string;
  };
  /** The server-side session (lib/users/sessions.ts). */
  sessionId: string;
  /** When the person last proved their password (seconds since the epoch). */
  authTime: number;
  memberships: CompanyContext[];
  /** The company the person acts for (chosen with the company switcher), or null. */
  active: CompanyContext | null;
}

/**
 * The viewer of a live session, or null when the account is gone, not active, or its sessions were
 * ended after this one began. `chosenCompany` names the company the person picked (a cookie).
 */
export async function loadViewer(
  session: { userId: string; sessionId: string; authTime: number },
  chosenCompany: () => Promise<string | undefined>,
): Promise<Viewer | null> {
  const { userId, sessionId, authTime } = session;
  // Two reads at once instead of Prisma's four for an include (user, memberships, companies, roles):
  // the memberships with their company and roles come as one joined statement, a row per role.
  const [user, rows] = await Promise.all([db().user.findUnique({ where: { id: userId } }), membershipRows(userId)]);
  if (!user || user.status !== "ACTIVE") return null;
  // Sessions from before a password change or suspension are refused (1 s slack for clock rounding).
  if (authTime * 1000 < user.sessionsValidAfter.getTime() - 1000) return null;
  // Until the address is verified, no company (and so no role, app or company page) reaches the account.
  const emailVerified = Boolean(user.emailVerifiedAt) || user.isPlatformAdmin;
  const memberships: CompanyContext[] = [];
  if (emailVerified) {
    for (const r of rows) {
      let m = memberships[memberships.length - 1];
      if (!m || m.companyId !== r.companyId) {
        m = { companyId: r.companyId, companyName: r.companyName, companyStatus: r.companyStatus, roles: [] };
        memberships.push(m);
      }
      if (r.role !== null && isRole(r.role)) m.roles.push(r.role);
    }
  }
  const chosen = await chosenCompany();
  const active = memberships.find((m) => m.companyId === chosen) ?? memberships[0] ?? null;
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      isPlatformAdmin: user.isPlatformAdmin,
      emailVerified,
      timeZone: user.timeZone,
      guidesDismissed: user.guidesDismissed,
    },
    sessionId,
    authTime,
    memberships,
    active,
  };
}

/** The person's memberships, oldest first, one row per role (role null for a membership without one). */
function membershipRows(userId: string) {
  return db().$queryRaw<{ companyId: string; companyName: string; companyStatus: string; role: string | null }[]>`
    SELECT m."companyId", c."name" AS "companyName", c."status" AS "companyStatus", r."role"
    FROM "Membership" m
    JOIN "Company" c ON c."id" = m."companyId"
    LEFT JOIN "RoleAssignment" r ON r."membershipId" = m."id"
    WHERE m."userId" = ${userId}
    ORDER BY m."createdAt" ASC, m."id" ASC, r."id" ASC`;
}
