import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/text-link";
import { getViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await getViewer()) redirect("/apps");
  return (
    <Card>
      <h1 className="mb-1 text-2xl font-semibold">Create an account</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        A Delegated Administrator of your company then gives you access to register apps.
      </p>
      <SignUpForm />
      <p className="mt-6 text-sm">
        Already have an account?{" "}
        <TextLink className="font-medium" href="/signin">
          Sign in
        </TextLink>
      </p>
    </Card>
  );
}
