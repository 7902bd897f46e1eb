"use client";
// Confirmations for actions that stop tokens or remove access: an alert dialog on the browser's own
// <dialog> (components/ui/modal-dialog.tsx; no dialog library, to keep page JavaScript small). The trigger sits in
// the action's form as a plain button: nothing is submitted until "Confirm" in the dialog, which
// submits that form. Cancel is focused when the dialog opens; Escape or Cancel close it; focus
// returns to the trigger.
import { useEffect, useId, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass, type Variant } from "./button-class";
import { ModalDialog } from "./modal-dialog";

const contentClass =
  "fixed inset-0 m-auto h-fit max-h-[calc(100vh-2rem)] w-[calc(100vw-2rem)] max-w-md space-y-4 overflow-auto rounded-lg border border-slate-200 bg-white p-5 shadow-xl dark:border-slate-700 dark:bg-slate-900";

function DialogBody({
  open,
  onDismiss,
  returnFocus,
  title,
  children,
  confirmLabel,
  onConfirm,
  variant,
}: {
  open: boolean;
  onDismiss: () => void;
  returnFocus: () => HTMLElement | null | undefined;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  variant: Variant;
}) {
  const id = useId();
  return (
    <ModalDialog
      open={open}
      onDismiss={onDismiss}
      role="alertdialog"
      labelledBy={`${id}-title`}
      describedBy={`${id}-description`}
      returnFocus={returnFocus}
      className={contentClass}
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <div id={`${id}-description`} className="space-y-2 text-sm text-slate-700 dark:text-slate-200">
        {children}
      </div>
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" data-autofocus className={buttonClass("secondary")} onClick={onDismiss}>
          Cancel
        </button>
        <button type="button" className={buttonClass(variant)} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
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
    <>
      <button
        ref={trigger}
        type="button"
        aria-label={ariaLabel}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-disabled={pending || undefined}
        onClick={() => !pending && setOpen(true)}
        className={buttonClass(triggerVariant ?? variant, triggerClassName)}
      >
        {pending ? (pendingLabel ?? children) : children}
      </button>
      <DialogBody
        open={open}
        onDismiss={() => !pending && setOpen(false)}
        returnFocus={() => trigger.current}
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
    </>
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
    <DialogBody
      open={open}
      onDismiss={() => onOpenChange(false)}
      // Opened by a server answer, the dialog has no trigger: focus the control that started the flow.
      returnFocus={() => returnTo.current}
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
  );
}
