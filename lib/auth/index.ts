import "server-only";
// Auth.js (next-auth v5) for console sign-in. Credentials are checked by lib/users/accounts in the
// sign-in server action; Auth.js receives a signed ticket and issues an encrypted JWT session cookie.
// The session secret is derived from the master key, so sessions survive restarts.
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { deriveKey } from "../crypto";
import { env } from "../env";
import { readSignInTicket } from "./ticket";
import { db } from "../db";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

function config(): NextAuthConfig {
  return {
    secret: deriveKey("auth-session").toString("base64url"),
    trustHost: true,
    basePath: "/api/auth",
    useSecureCookies: env().secureCookies,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
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
          const userId = readSignInTicket(credentials?.ticket);
          if (!userId) return null;
          const user = await db().user.findUnique({ where: { id: userId } });
          if (!user || user.status !== "ACTIVE") return null;
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          token.authTime = Math.floor(Date.now() / 1000);
        }
        return token;
      },
      async session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        (session as { authTime?: number }).authTime = typeof token.authTime === "number" ? token.authTime : undefined;
        (session as { issuedAt?: number }).issuedAt = typeof token.authTime === "number" ? token.authTime : undefined;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
