import { RelativeTime } from "@/components/apps/relative-time";
import { textLinkClass } from "@/components/ui/text-link";
import type { appActivity } from "@/lib/apps/queries";
import { TabSection } from "./shared";

export function ActivityTab({ activity }: { activity: Awaited<ReturnType<typeof appActivity>> }) {
  return (
    <TabSection title="Activity">
      {activity.length === 0 ? (
        <p className="text-sm">No activity yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="app-activity">
          {activity.map((a) => (
            <li key={a.id} className="py-2">
              <p>
                {a.sentence}, <RelativeTime date={a.createdAt} />
              </p>
              <details className="mt-1 text-xs">
                <summary className={`cursor-pointer ${textLinkClass}`}>Details</summary>
                <dl className="mt-1 grid gap-x-3 sm:grid-cols-[8rem_1fr]">
                  <dt className="font-medium">Event</dt>
                  <dd className="font-mono">{a.event}</dd>
                  <dt className="font-medium">Actor</dt>
                  <dd>{a.actorEmail ?? "the system"}</dd>
                  <dt className="font-medium">From</dt>
                  <dd>{a.ip ?? "unknown address"}</dd>
                  <dt className="font-medium">Entry</dt>
                  <dd className="font-mono break-all">{a.id}</dd>
                </dl>
              </details>
            </li>
          ))}
        </ul>
      )}
    </TabSection>
  );
}
