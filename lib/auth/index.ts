import "server-only";
// Auth.js (next-auth v5) for console sign-in. Credentials are checked by lib/users/accounts in the
// sign-in server action; Auth.js receives a signed ticket and issues an encrypted JWT session cookie.
// The session secret is derived from the master key, so sessions survive restarts.
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "../env";
import { activeAccount } from "../users/accounts";
import { sessionSecret } from "./session-cookie";
import { readSignInTicket } from "./ticket";

function config(): NextAuthConfig {
  return {
    secret: sessionSecret(),
    trustHost: true,
    basePath: "/api/auth",
    useSecureCookies: env().secureCookies,
    // The cookie lives as long as the absolute lifetime; the server-side Session row (lib/users/sessions.ts)
    // decides whether it is still good (revoked, expired, idle).
    session: { strategy: "jwt", maxAge: env().sessionMaxAgeSeconds, updateAge: 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    logger: {
      // Wrong credentials are an expected outcome, not an error worth a stack trace.
      error(error) {
        if ((error as { type?: string }).type === "CredentialsSignin") return;
        console.error("[auth]", error.name, error.message);
      },
      warn() {},
      debug() {},
    },
    providers: [
      Credentials({
        id: "credentials",
        credentials: { ticket: {} },
        async authorize(credentials) {
          const ticket = readSignInTicket(credentials?.ticket);
          if (!ticket) return null;
          const user = await activeAccount(ticket.userId);
          if (!user) return null;
          return { id: user.id, email: user.email, name: user.name, sid: ticket.sessionId } as { id: string; email: string; name: string };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          token.sid = (user as { sid?: string }).sid;
          token.authTime = Math.floor(Date.now() / 1000);
        }
        return token;
      },
      async session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        (session as { authTime?: number }).authTime = typeof token.authTime === "number" ? token.authTime : undefined;
        (session as { issuedAt?: number }).issuedAt = typeof token.authTime === "number" ? token.authTime : undefined;
        (session as { sid?: string }).sid = typeof token.sid === "string" ? token.sid : undefined;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
