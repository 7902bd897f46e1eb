import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CompanyRequestForm } from "@/components/plans/company-signup-forms";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { mayRequestCompany } from "@/lib/plans/company-requests";
import { requireViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Request a company" };

export default async function CompanyRequestPage() {
  const viewer = await requireViewer("/companies/request");
  const { mode, allowed, waiting } = await mayRequestCompany(viewer.user.id);
  if (mode === "nomination") notFound();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">{mode === "open" ? "Create your company" : "Request a company"}</h1>
      <Card>
        {waiting ? (
          <Alert kind="info">Your request waits for the platform administrator. You will get an email when it is decided.</Alert>
        ) : allowed ? (
          <>
            <p className="mb-4 text-sm">
              {mode === "open"
                ? "Your company is created at once, with you as its Delegated Administrator."
                : "The platform administrator reviews your request; once approved, the company exists with you as its Delegated Administrator."}
            </p>
            <CompanyRequestForm mode={mode} />
          </>
        ) : (
          <Alert kind="info">Only a person with a verified email address who is not yet in a company can ask for one.</Alert>
        )}
      </Card>
    </div>
  );
}
