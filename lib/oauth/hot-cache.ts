import "server-only";
// What every API call reads but rarely changes — an app's status and company, whether it may call an
// API (subscription + the company's entitlement) — cached for OAUTH_CLIENT_CACHE_TTL_MS (default 2 s,
// the same bound as the token service's client cache) in an LRU of lib/cache. Any `apps`, `company`
// or `catalog` invalidation (lib/cache invalidate(), called by the domain modules) forgets the whole
// cache in this process: such changes are rare. A generation counter keeps a load that started before
// a change from storing its stale answer after it. The revocation list and grants are NOT cached here.
//
// Entries are keyed by a kind and an id (`hotCached("app", clientId, load)`): a new kind of entry
// (e.g. a per-app "not before" cut-off) is one more key prefix, forgotten by the same invalidations.
import { lruCache, onInvalidate } from "../cache";
import { env } from "../env";
import { singleton } from "../runtime/singleton";

const entries = lruCache<string, { value: unknown }>("oauth.hot", 20_000);
const state = singleton("oauth.hot.generation", () => ({ generation: 0 }));

// Loads under way (same generation only): requests that miss an expired entry together share one read.
const loading = singleton("oauth.hot.loading", () => new Map<string, { promise: Promise<unknown>; generation: number }>());

export async function hotCached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const ttl = env().oauthClientCacheTtlMs;
  if (ttl <= 0) return load();
  const hit = entries.get(key);
  if (hit) return hit.value as T;
  const generation = state.generation;
  const running = loading.get(key);
  if (running && running.generation === generation) return running.promise as Promise<T>;
  const promise = load()
    .then((value) => {
      if (generation === state.generation) entries.set(key, { value }, { ttl });
      return value;
    })
    .finally(() => {
      if (loading.get(key)?.promise === promise) loading.delete(key);
    });
  loading.set(key, { promise, generation });
  return promise;
}

function forget(): void {
  state.generation++;
  entries.clear();
}

onInvalidate("oauth.hot-cache", ["apps", "company", "catalog"], forget);

/** Forgets every cached entry in this process (tests; domain modules call lib/cache invalidate()). */
export function forgetHotCache(): void {
  forget();
}
