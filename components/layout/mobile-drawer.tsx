"use client";
// Below 768 px the sidebar is hidden; the "Menu" button opens it as a drawer (Radix Dialog: focus
// trapped inside, Escape closes, focus returns to the button).
import * as Dialog from "@radix-ui/react-dialog";
import { usePathname } from "next/navigation";
import { useState } from "react";
import type { NavSection } from "@/lib/server/session";
import { SidebarNav } from "./sidebar-nav";

export function MobileDrawer({ sections, children }: { sections: NavSection[]; children?: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  // Closed again on every new page (state adjusted while rendering, not in an effect).
  const [shownAt, setShownAt] = useState(pathname);
  if (shownAt !== pathname) {
    setShownAt(pathname);
    setOpen(false);
  }
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className="inline-flex items-center gap-2 rounded-md border border-slate-500 px-3 py-1.5 text-sm font-medium md:hidden dark:border-slate-400">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />
        </svg>
        Menu
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-950/50" />
        <Dialog.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-4 overflow-y-auto bg-white p-4 shadow-xl dark:bg-slate-900">
          <div className="flex items-center justify-between">
            <Dialog.Title className="text-base font-semibold">Menu</Dialog.Title>
            <Dialog.Close className="rounded-md border border-slate-500 px-2 py-1 text-sm dark:border-slate-400">Close</Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">Pages of the console</Dialog.Description>
          {children}
          <SidebarNav sections={sections} onNavigate={() => setOpen(false)} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
