import "server-only";
// What every API call reads but rarely changes — an app's status and company, whether it may call an
// API (subscription + the company's entitlement) — cached in memory for OAUTH_CLIENT_CACHE_TTL_MS
// (default 2 s, the same bound as the token service's client cache). Any change that must count at
// once forgets the whole cache in this process (lib/oauth/clients invalidate*, API access and catalog
// changes): such changes are rare. A generation counter keeps a load that started before a change from
// storing its stale answer after it. The revocation list and grants are NOT cached: a revoked token is
// refused on the very next call. Lives on globalThis so that the Next.js bundle and scripts/serve.ts's
// fast path share it.
import { env } from "../env";

interface HotCache {
  entries: Map<string, { value: unknown; at: number }>;
  generation: number;
}

const holder = globalThis as unknown as { __oauthHotCache?: HotCache };
function state(): HotCache {
  holder.__oauthHotCache ??= { entries: new Map(), generation: 0 };
  return holder.__oauthHotCache;
}

export async function hotCached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const ttl = env().oauthClientCacheTtlMs;
  if (ttl <= 0) return load();
  const s = state();
  const now = Date.now();
  const hit = s.entries.get(key);
  if (hit && now - hit.at < ttl) return hit.value as T;
  const generation = s.generation;
  const value = await load();
  if (generation === s.generation) {
    if (s.entries.size > 20_000) s.entries.clear();
    s.entries.set(key, { value, at: now });
  }
  return value;
}

/** Forgets every cached entry in this process (after a change that must count at once). */
export function forgetHotCache(): void {
  const s = state();
  s.generation++;
  s.entries.clear();
}
