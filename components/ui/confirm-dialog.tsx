"use client";
// Confirmations (Radix AlertDialog) for actions that stop tokens or remove access. The trigger sits in
// the action's form as a plain button: nothing is submitted until "Confirm" in the dialog, which
// submits that form. Cancel is focused when the dialog opens; Escape or Cancel close it; focus
// returns to the trigger.
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useEffect, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass, type Variant } from "./button-class";

const overlayClass = "fixed inset-0 z-40 bg-slate-950/60";
const contentClass =
  "fixed left-1/2 top-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-xl dark:border-slate-700 dark:bg-slate-900";

function DialogBody({
  title,
  children,
  confirmLabel,
  onConfirm,
  variant,
  onCloseAutoFocus,
}: {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  variant: Variant;
  onCloseAutoFocus?: (event: Event) => void;
}) {
  return (
    <AlertDialog.Portal>
      <AlertDialog.Overlay className={overlayClass} />
      <AlertDialog.Content className={contentClass} onCloseAutoFocus={onCloseAutoFocus}>
        <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
        <AlertDialog.Description asChild>
          <div className="space-y-2 text-sm text-slate-700 dark:text-slate-200">{children}</div>
        </AlertDialog.Description>
        <div className="flex flex-wrap justify-end gap-2">
          <AlertDialog.Cancel className={buttonClass("secondary")}>Cancel</AlertDialog.Cancel>
          <button type="button" className={buttonClass(variant)} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </AlertDialog.Content>
    </AlertDialog.Portal>
  );
}

/**
 * A button inside a <form> that asks first: it opens the dialog, and the dialog's confirm button
 * submits the form (with the form's own fields). Keeps the trigger focusable while pending, so focus
 * can return to it.
 */
export function ConfirmSubmit({
  children,
  title,
  description,
  confirmLabel,
  pendingLabel,
  variant = "danger",
  triggerVariant,
  triggerClassName = "",
  ariaLabel,
}: {
  children: React.ReactNode;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  variant?: Variant;
  triggerVariant?: Variant;
  triggerClassName?: string;
  ariaLabel?: string;
}) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const confirmed = useRef(false);
  const { pending } = useFormStatus();
  // Enter in a text field of the form (e.g. the typed name, a reason) submits it implicitly: ask first
  // then too. A native listener on the form runs before React's, so the action never starts unconfirmed.
  useEffect(() => {
    const form = trigger.current?.form;
    if (!form) return;
    const guard = (event: SubmitEvent) => {
      if (confirmed.current) {
        confirmed.current = false;
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      setOpen(true);
    };
    form.addEventListener("submit", guard);
    return () => form.removeEventListener("submit", guard);
  }, []);
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <AlertDialog.Trigger asChild>
        <button ref={trigger} type="button" aria-label={ariaLabel} aria-disabled={pending || undefined} className={buttonClass(triggerVariant ?? variant, triggerClassName)}>
          {pending ? (pendingLabel ?? children) : children}
        </button>
      </AlertDialog.Trigger>
      <DialogBody
        title={title}
        confirmLabel={confirmLabel}
        variant={variant}
        onConfirm={() => {
          confirmed.current = true;
          trigger.current?.form?.requestSubmit();
          setOpen(false);
        }}
      >
        {description}
      </DialogBody>
    </AlertDialog.Root>
  );
}

/**
 * A dialog opened by the server's answer (e.g. "removing this member suspends these apps"): confirm
 * submits `form` again (which then carries confirm=1); Cancel closes it and focus goes to `returnTo`.
 */
export function ServerConfirmDialog({
  open,
  onOpenChange,
  formRef,
  returnTo,
  title,
  children,
  confirmLabel,
  variant = "danger",
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  formRef: React.RefObject<HTMLFormElement | null>;
  returnTo: React.RefObject<HTMLElement | null>;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  variant?: Variant;
}) {
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <DialogBody
        onCloseAutoFocus={(event) => {
          // Opened by a server answer, the dialog has no Trigger: focus the control that started the flow.
          event.preventDefault();
          returnTo.current?.focus();
        }}
        title={title}
        confirmLabel={confirmLabel}
        variant={variant}
        onConfirm={() => {
          formRef.current?.requestSubmit();
          onOpenChange(false);
        }}
      >
        {children}
      </DialogBody>
    </AlertDialog.Root>
  );
}
