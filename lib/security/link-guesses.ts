import "server-only";
// Links people follow from mail (verification, password reset, invitation): their tokens are long and
// random, yet the rule for every guessable code holds here too. A link's token is looked up by its
// digest, so a wrong one names no account or invitation: it counts against the address (LIMITS
// `accountLinkGuesses`, a lockout of lib/limiter/lockouts.ts). Past the limit every link from that
// address waits, the right one included, and each further wrong link doubles the wait.
import { AppError } from "../errors";
import { countWrong, type LockoutSubject, lockoutWait, retryIn } from "../limiter/lockouts";
import type { RequestContext } from "../server/request-context";

const subjects = (ip: string): LockoutSubject[] => [["accountLinkGuesses", `links:address:${ip}`]];

/** Seconds the caller must wait before any link is looked up (0: go ahead). Without a context: 0. */
export async function linkGuessWait(ctx?: RequestContext | null): Promise<number> {
  return ctx?.ip ? lockoutWait(subjects(ctx.ip)) : 0;
}

/** Counts a link whose token matched nothing usable. */
export async function countWrongLink(ctx?: RequestContext | null): Promise<void> {
  if (ctx?.ip) await countWrong(subjects(ctx.ip));
}

export function linkWaitMessage(seconds: number): string {
  return `Too many links that did not work were opened from your address. ${retryIn(seconds)}`;
}

/** Throws rate_limited while the caller must wait. */
export async function assertLinkNotThrottled(ctx?: RequestContext | null): Promise<void> {
  const wait = await linkGuessWait(ctx);
  if (wait > 0) throw new AppError("rate_limited", linkWaitMessage(wait), { retryAfterSeconds: wait });
}
