"use client";
// A modal dialog on the browser's own <dialog> (showModal): the rest of the page is inert, Escape
// closes, the top layer needs no portal tricks. What the element leaves to us: Tab and Shift+Tab wrap
// inside it, the first control marked data-autofocus (or the first control) gets focus, and focus goes
// back to the opener when it closes. Rendered into <body> while open, so it inherits no styles from
// where it was opened. Replaces Radix Dialog / AlertDialog, which cost ~30 KiB of JavaScript per page.
import { useEffect, useLayoutEffect, useRef } from "react";
import { createPortal } from "react-dom";

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tab and Shift+Tab wrap around inside `container` (a modal dialog lets them leave for the browser's own controls). */
export function keepTabInside(event: React.KeyboardEvent, container: HTMLElement | null) {
  if (event.key !== "Tab" || !container) return;
  const items = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
  if (!items.length) return;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !container.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !container.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

export interface ModalDialogProps {
  open: boolean;
  /** Escape, or a click on the backdrop when `closeOnBackdrop`: the owner decides whether to close. */
  onDismiss: () => void;
  /** "alertdialog" for a confirmation that interrupts (WAI-ARIA). */
  role?: "dialog" | "alertdialog";
  labelledBy: string;
  describedBy?: string;
  closeOnBackdrop?: boolean;
  /** Where focus goes when the dialog closes (the control that opened it). */
  returnFocus: () => HTMLElement | null | undefined;
  className?: string;
  children: React.ReactNode;
}

export function ModalDialog(props: ModalDialogProps) {
  if (!props.open) return null;
  return createPortal(<OpenDialog {...props} />, document.body);
}

function OpenDialog({
  onDismiss,
  role = "dialog",
  labelledBy,
  describedBy,
  closeOnBackdrop = false,
  returnFocus,
  className = "",
  children,
}: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const dismiss = useRef(onDismiss);
  const back = useRef(returnFocus);
  // The latest callbacks, for the listeners below (kept in step after each render, before any event).
  useLayoutEffect(() => {
    dismiss.current = onDismiss;
    back.current = returnFocus;
  });
  useEffect(() => {
    const d = ref.current!;
    d.showModal();
    (d.querySelector<HTMLElement>("[data-autofocus]") ?? d.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    return () => {
      if (d.open) d.close();
      back.current()?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      role={role === "alertdialog" ? "alertdialog" : undefined}
      aria-modal="true"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(e) => {
        // Escape: the owner closes it (or keeps it open, e.g. while its action runs).
        e.preventDefault();
        dismiss.current();
      }}
      // Closed by the browser itself anyway (it may refuse to keep it open): keep the owner in step.
      onClose={() => dismiss.current()}
      onKeyDown={(e) => keepTabInside(e, ref.current)}
      // A click on the backdrop lands on the <dialog> itself when its content fills it.
      onClick={(e) => closeOnBackdrop && e.target === ref.current && dismiss.current()}
      // The caller places and sizes it (the browser's defaults centre it with a border of 0 here, Tailwind's reset).
      className={`text-slate-900 backdrop:bg-slate-950/50 dark:text-slate-100 ${className}`}
    >
      {children}
    </dialog>
  );
}
