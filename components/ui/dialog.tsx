"use client";
// A form in a dialog (Radix Dialog): list-first pages open "Create company", "Add user" … here.
// Focus is trapped inside while open; Escape or "Close" close it; focus returns to the trigger.
import * as Dialog from "@radix-ui/react-dialog";
import { buttonClass, type Variant } from "./button-class";

export function FormDialog({
  trigger,
  title,
  description,
  open,
  onOpenChange,
  triggerVariant = "primary",
  children,
}: {
  trigger: string;
  title: string;
  description?: React.ReactNode;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  triggerVariant?: Variant;
  children: React.ReactNode;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger className={buttonClass(triggerVariant)}>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-950/60" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 space-y-4 overflow-y-auto rounded-lg border border-slate-200 bg-white p-5 shadow-xl dark:border-slate-700 dark:bg-slate-900">
          <div className="flex items-start justify-between gap-4">
            <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
            <Dialog.Close className={buttonClass("ghost", "px-2 py-1")}>Close</Dialog.Close>
          </div>
          {description ? (
            <Dialog.Description className="text-sm text-slate-600 dark:text-slate-300">{description}</Dialog.Description>
          ) : (
            <Dialog.Description className="sr-only">{title}</Dialog.Description>
          )}
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
