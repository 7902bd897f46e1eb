// The token service's client cache in tests of changes that must stop tokens.
import { afterEach, beforeEach } from "vitest";
import { resetEnvCache } from "../lib/env";
import { clearClientCache } from "../lib/oauth/clients";

/**
 * A one-minute client cache in the token service for each test, emptied after it: a change that stops
 * tokens must reach the token service at once, not when the cache would have expired.
 */
export function withLongClientCache(): void {
  beforeEach(() => {
    process.env.OAUTH_CLIENT_CACHE_TTL_MS = "60000";
    resetEnvCache();
  });
  afterEach(() => {
    delete process.env.OAUTH_CLIENT_CACHE_TTL_MS;
    resetEnvCache();
    clearClientCache();
  });
}
