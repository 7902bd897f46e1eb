"use client";
import { useFormStatus } from "react-dom";

import { buttonClass, type Variant } from "./button-class";

export { buttonClass };

/** A submit button that shows a pending state and cannot be pressed twice while its form runs. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
  className = "",
}: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: Variant;
  className?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={buttonClass(variant, className)}>
      {pending ? (pendingLabel ?? children) : children}
    </button>
  );
}
