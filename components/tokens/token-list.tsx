// The personal access tokens as a list, on /account/tokens (the person's own) and /company/tokens (a
// company's, for its Delegated Administrators): each token's name, last four characters, scopes and
// life (created, expires or ended, last used), with what the page adds beside it.
import type { ReactNode } from "react";
import { RelativeTime } from "@/components/apps/relative-time";
import type { TokenRow } from "@/lib/users/personal-tokens";

/** "… · created 3 days ago · expires in 27 days · last used 5 minutes ago". */
function TokenLife({ token }: { token: TokenRow }) {
  return (
    <>
      {token.scopes.join(", ")} · created <RelativeTime date={token.createdAt} /> ·{" "}
      {token.state === "active" ? (
        <>
          expires <RelativeTime date={token.expiresAt} />
        </>
      ) : (
        token.state
      )}{" "}
      ·{" "}
      {token.lastUsedAt ? (
        <>
          last used <RelativeTime date={token.lastUsedAt} />
        </>
      ) : (
        "never used"
      )}
    </>
  );
}

export function TokenList<T extends TokenRow>({
  tokens,
  label,
  tag,
  details,
  action,
}: {
  tokens: T[];
  /** The list item's accessible name. */
  label: (token: T) => string;
  /** Shown after the last four characters (the company, or the state). */
  tag: (token: T) => ReactNode;
  /** Lines between the name and the token's life (e.g. its owner). */
  details?: (token: T) => ReactNode;
  /** The control of an active token (revoke). */
  action: (token: T) => ReactNode;
}) {
  const muted = "text-sm text-slate-600 dark:text-slate-400";
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
      {tokens.map((t) => (
        <li key={t.id} aria-label={label(t)} className="flex flex-wrap items-center justify-between gap-4 p-4">
          <div className="space-y-1">
            <p className="font-medium">
              {t.name}{" "}
              <span className="text-sm font-normal text-slate-600 dark:text-slate-400">
                apcp_…{t.lastFour} · {tag(t)}
              </span>
            </p>
            {details ? <p className={muted}>{details(t)}</p> : null}
            <p className={muted}>
              <TokenLife token={t} />
            </p>
          </div>
          {t.state === "active" ? action(t) : null}
        </li>
      ))}
    </ul>
  );
}
