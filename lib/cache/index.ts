// The console's in-memory caches and their named invalidations, in one place.
//
// Caches are LRU maps (lru-cache) with a size bound and a time-to-live per entry: a full cache drops
// its least recently used entries, never everything at once. Each is process-wide (lib/runtime/
// singleton), so the Next.js bundle and scripts/serve.ts's fast paths share it.
//
// Invalidations are named after what changed — `apps`, `company`, `catalog`, `revocations` — and say
// which records when they know. Domain modules (lib/apps, lib/companies, lib/apis) call invalidate()
// after their transactions commit; the readers (the token service in lib/oauth, the catalog search)
// subscribe with onInvalidate(). So the arrows point down: no domain module imports lib/oauth.
// Other instances see a change within the caches' TTL (OAUTH_CLIENT_CACHE_TTL_MS, default 2 s).
import { LRUCache } from "lru-cache";
import { singleton } from "../runtime/singleton";

export type CacheName = "apps" | "company" | "catalog" | "revocations";

export interface Invalidation {
  name: CacheName;
  /** apps: these apps (by id) changed. */
  appIds?: readonly string[];
  /** apps: these apps (by client id) changed. */
  clientIds?: readonly string[];
  /** company: this company changed (status, name, entitlements). */
  companyId?: string;
}

type Listener = (change: Invalidation) => void;

const listeners = singleton("cache.listeners", () => new Map<string, { names: readonly CacheName[]; listener: Listener }>());

/**
 * Subscribes a reader to invalidations. `id` names the subscriber: a second copy of the same module
 * (lib/ loaded twice) replaces the first instead of adding a duplicate.
 */
export function onInvalidate(id: string, names: readonly CacheName[], listener: Listener): void {
  listeners.set(id, { names, listener });
}

/** Says that something changed: every subscriber of `name` forgets what it must. */
export function invalidate(name: CacheName, scope: Omit<Invalidation, "name"> = {}): void {
  const change: Invalidation = { name, ...scope };
  for (const { names, listener } of listeners.values()) if (names.includes(name)) listener(change);
}

/** A process-wide LRU cache called `name` (entries get their TTL when set: `cache.set(k, v, { ttl })`). */
export function lruCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(name: string, max: number): LRUCache<K, V> {
  return singleton(`cache.lru.${name}`, () => new LRUCache<K, V>({ max, ttlAutopurge: false, allowStale: false }));
}
