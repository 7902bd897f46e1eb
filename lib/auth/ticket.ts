import "server-only";
// A sign-in ticket: after lib/users/accounts has checked the password (with its throttles), the
// server action hands Auth.js a short-lived HMAC-signed ticket instead of the password, so the
// password is checked exactly once and Auth.js only turns a proven identity into a session.
import { createHmac } from "node:crypto";
import { deriveKey, safeEqual } from "../security/crypto";

const TTL_MS = 30_000;

function sign(payload: string): string {
  return createHmac("sha256", deriveKey("auth-session")).update(`ticket:${payload}`).digest("base64url");
}

/** A ticket for the user's new server-side session (lib/users/sessions.ts createSession). */
export function issueSignInTicket(userId: string, sessionId: string, now = Date.now()): string {
  const payload = `${userId}.${sessionId}.${now + TTL_MS}`;
  return `${payload}.${sign(payload)}`;
}

/** The user and session ids of a valid, unexpired ticket, or null. */
export function readSignInTicket(ticket: unknown, now = Date.now()): { userId: string; sessionId: string } | null {
  if (typeof ticket !== "string" || ticket.length > 240) return null;
  const parts = ticket.split(".");
  if (parts.length !== 4) return null;
  const [userId, sessionId, expires, mac] = parts as [string, string, string, string];
  if (!safeEqual(mac, sign(`${userId}.${sessionId}.${expires}`))) return null;
  if (!/^\d+$/.test(expires) || Number(expires) < now) return null;
  return { userId, sessionId };
}
