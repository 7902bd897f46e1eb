"use client";
// Below 768 px the sidebar is hidden; the "Menu" button opens it as a drawer: a modal dialog on the
// browser's own <dialog> (components/ui/modal-dialog.tsx: the rest of the page inert, Tab kept inside,
// Escape or a click beside it closes, focus back on the button). No dialog library: it kept ~30 KiB of JavaScript on every page.
import { usePathname } from "next/navigation";
import { useRef, useState } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { NavSection } from "@/lib/server/session";
import { SidebarNav } from "./sidebar-nav";

export function MobileDrawer({ sections, children }: { sections: NavSection[]; children?: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  // Closes on navigation: reset while rendering when the path changed (React's "adjusting state on a prop change").
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  return (
    <>
      <button
        ref={trigger}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
        className="inline-flex items-center gap-2 rounded-md border border-slate-500 px-3 py-1.5 text-sm font-medium md:hidden dark:border-slate-400"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />
        </svg>
        Menu
      </button>
      <ModalDialog
        open={open}
        onDismiss={() => setOpen(false)}
        labelledBy="drawer-title"
        describedBy="drawer-description"
        closeOnBackdrop
        returnFocus={() => trigger.current}
        className="fixed inset-y-0 left-0 m-0 h-full max-h-none w-72 max-w-[85vw] bg-white shadow-xl dark:bg-slate-900"
      >
        <div className="flex h-full flex-col gap-4 overflow-y-auto p-4">
          <div className="flex items-center justify-between">
            <h2 id="drawer-title" className="text-base font-semibold">
              Menu
            </h2>
            <button
              type="button"
              onClick={() => setOpen(false)}
              className="rounded-md border border-slate-500 px-2 py-1 text-sm dark:border-slate-400"
            >
              Close
            </button>
          </div>
          <p id="drawer-description" className="sr-only">
            Pages of the console
          </p>
          {children}
          <SidebarNav sections={sections} onNavigate={() => setOpen(false)} />
        </div>
      </ModalDialog>
    </>
  );
}
