import { DeleteAppForm, StatusForm } from "@/components/apps/manage-forms";
import { Alert } from "@/components/ui/alert";
import { deleteAppAction, setAppStatusAction } from "@/lib/actions/app";
import type { AppDetail } from "@/lib/apps/views";
import { type Can, TabSection } from "./shared";

export function DangerTab({ app, can }: { app: AppDetail; can: Can }) {
  return (
    <>
      {app.status === "ACTIVE" && can("deactivate") ? (
        <TabSection title="Deactivate">
          <p className="text-sm">An inactive app gets no tokens, and the tokens it holds are revoked. You can reactivate it later.</p>
          <StatusForm action={setAppStatusAction.bind(null, app.id, "INACTIVE")} label="Deactivate application" danger appName={app.name} />
        </TabSection>
      ) : null}
      {app.status === "INACTIVE" && can("reactivate") ? (
        <TabSection title="Reactivate">
          <p className="text-sm">The app can get tokens again with its Client ID and Client Secret.</p>
          <StatusForm action={setAppStatusAction.bind(null, app.id, "ACTIVE")} label="Reactivate application" />
        </TabSection>
      ) : null}
      {app.status === "SUSPENDED" ? (
        <Alert kind="info">This app is suspended: it gets no tokens until whoever suspended it restores it.</Alert>
      ) : null}
      {can("delete") ? (
        <TabSection title="Delete application">
          <DeleteAppForm action={deleteAppAction.bind(null, app.id)} name={app.name} />
        </TabSection>
      ) : null}
    </>
  );
}
