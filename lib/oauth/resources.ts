import "server-only";
// Resource indicators (RFC 8707): an app may name the APIs a token is for. The resource of an API is
// CONSOLE_URL/api/<slug> (the Hello API: CONSOLE_URL/api/hello); a token asked for with `resource`
// carries those as its audience (and only the matching API scopes), and each API accepts a token whose
// audience names it. Without `resource`, the audience stays the platform audience (CONSOLE_URL/api)
// that every console API accepts.
import type { OAuthClient } from "./clients";
import { apiAudience } from "./config";

export function apiResource(slug: string): string {
  return `${apiAudience()}/${slug}`;
}

/** The API slug a resource URI names, or null. */
export function slugOfResource(resource: string): string | null {
  const prefix = `${apiAudience()}/`;
  if (!resource.startsWith(prefix)) return null;
  const slug = resource.slice(prefix.length);
  return /^[a-z0-9][a-z0-9-]{0,63}$/.test(slug) ? slug : null;
}

/** Why these resource indicators are refused (invalid_target), or null. */
export function checkResources(resources: string[], client: Pick<OAuthClient, "apiSlugs">): string | null {
  for (const r of resources) {
    if (r.includes("#")) return "A resource indicator cannot have a fragment.";
    const slug = slugOfResource(r);
    if (!slug || !client.apiSlugs.includes(slug))
      return `The app may name as resource only the APIs it subscribes to (${apiAudience()}/<api>).`;
  }
  return null;
}

/** The audience of a token for these resources: the platform audience without any. */
export function audienceFor(resources: readonly string[]): string | string[] {
  if (resources.length === 0) return apiAudience();
  const unique = [...new Set(resources)].sort();
  return unique.length === 1 ? unique[0]! : unique;
}

/** The scope narrowed to the named resources: API scopes outside them are dropped (OIDC scopes stay). */
export function scopeForResources(scope: string[], resources: readonly string[]): string[] {
  if (resources.length === 0) return scope;
  const slugs = new Set(resources.map(slugOfResource));
  return scope.filter((s) => ["openid", "profile", "email"].includes(s) || slugs.has(s));
}
