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
  const user = await db().user.findUnique({
    where: { id: userId },
    include: {
      memberships: {
        include: { company: true, roles: true },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!user || user.status !== "ACTIVE") return null;
  // Sessions from before a password change or suspension are refused (1 s slack for clock rounding).
  if (authTime * 1000 < user.sessionsValidAfter.getTime() - 1000) return null;
  // Until the address is verified, no company (and so no role, app or company page) reaches the account.
  const emailVerified = Boolean(user.emailVerifiedAt) || user.isPlatformAdmin;
  const memberships: CompanyContext[] = (emailVerified ? user.memberships : []).map((m) => ({
    companyId: m.companyId,
    companyName: m.company.name,
    companyStatus: m.company.status,
    roles: m.roles.map((r) => r.role).filter(isRole),
  }));
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
    },
    sessionId,
    authTime,
    memberships,
    active,
  };
}
