"use client";
import { useFormStatus } from "react-dom";
import { buttonClass, type Variant } from "./button-class";

// Re-exported for client components; server components import it from ./button-class.
export { buttonClass };

/** A submit button that shows a pending state and cannot be pressed twice while its form runs. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
  className = "",
  unstyled = false,
  buttonRef,
  ...rest
}: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: Variant;
  className?: string;
  /** Use only `className` (for buttons styled like links, e.g. "Sign out" in the header). */
  unstyled?: boolean;
  name?: string;
  value?: string;
  "aria-label"?: string;
  buttonRef?: React.Ref<HTMLButtonElement>;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      ref={buttonRef}
      {...rest}
      disabled={pending}
      aria-disabled={pending}
      className={unstyled ? `disabled:cursor-not-allowed disabled:opacity-60 ${className}` : buttonClass(variant, className)}
    >
      {pending ? (pendingLabel ?? children) : children}
    </button>
  );
}
