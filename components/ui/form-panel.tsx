"use client";
// "Create company", "Add user" …: the form in a panel above the list, open on arrival (the contract's
// fields are where people and scripts find them, with one button of that name). "Cancel" or Escape folds
// it away behind a primary button of the same name and gives that button the focus; the button opens it
// again and moves the focus to its first field.
import { useEffect, useId, useRef, useState } from "react";
import { buttonClass, type Variant } from "./button-class";

export function FormPanel({
  trigger,
  title,
  description,
  triggerVariant = "primary",
  children,
}: {
  trigger: string;
  title: string;
  description?: React.ReactNode;
  triggerVariant?: Variant;
  children: React.ReactNode;
}) {
  const [open, onOpenChange] = useState(true); // open on arrival, and after a success (the form stays mounted)
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);
  const wasOpen = useRef(open);
  useEffect(() => {
    if (open && !wasOpen.current) panel.current?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea")?.focus();
    if (!open && wasOpen.current) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <div className="flex flex-col items-end gap-4">
      <button
        ref={button}
        type="button"
        hidden={open}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => onOpenChange(true)}
        className={buttonClass(triggerVariant)}
      >
        {trigger}
      </button>
      <section
        id={id}
        ref={panel}
        hidden={!open}
        aria-labelledby={`${id}-title`}
        onKeyDown={(e) => {
          if (e.key === "Escape") onOpenChange(false);
        }}
        className="w-full space-y-4 rounded-lg border border-slate-300 bg-white p-5 shadow-sm dark:border-slate-600 dark:bg-slate-900"
      >
        <div className="flex items-start justify-between gap-4">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            {title}
          </h2>
          <button type="button" onClick={() => onOpenChange(false)} className={buttonClass("ghost", "px-2 py-1")}>
            Cancel
          </button>
        </div>
        {description ? <p className="text-sm text-slate-600 dark:text-slate-300">{description}</p> : null}
        {children}
      </section>
    </div>
  );
}
