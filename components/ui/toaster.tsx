"use client";
// Toasts (sonner): short confirmations of a change, announced politely; the changed card shows it too.
import { Toaster as Sonner } from "sonner";
import { useDarkTheme } from "@/components/layout/theme-toggle";

export { toast } from "sonner";

export function Toaster() {
  const [dark] = useDarkTheme();
  return <Sonner theme={dark ? "dark" : "light"} position="bottom-right" closeButton richColors={false} />;
}
