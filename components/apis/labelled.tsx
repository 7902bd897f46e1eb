// A control with its label above it, as the API tools (Try it, the OpenAPI editor) lay out their
// controls; `children` is the control (and any hint), whose id the label names.
import type { ReactNode } from "react";

export function Labelled({ id, label, className, children }: { id: string; label: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div className={className ? `space-y-1 ${className}` : "space-y-1"}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}
