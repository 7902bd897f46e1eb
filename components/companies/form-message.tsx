"use client";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { toast } from "@/components/ui/toaster";

/** The outcome of a form's last submission: success as a status (and a toast), failure as an alert. */
export function FormMessage({ state }: { state: { ok?: boolean; message?: string } }) {
  useEffect(() => {
    if (state.ok && state.message) toast.success(state.message);
  }, [state]);
  if (!state.message) return null;
  return <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert>;
}

/** Role checkboxes in the order people read them: API Developer, then Delegated Administrator. */
export const ROLE_ORDER = ["API_DEVELOPER", "DELEGATED_ADMIN"] as const;
