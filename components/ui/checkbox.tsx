// A checkbox with its label (so getByLabel / getByRole("checkbox", { name }) find it) and an optional hint.
export function Checkbox({
  id,
  name,
  value,
  label,
  defaultChecked,
  hint,
  describedBy,
}: {
  id: string;
  name: string;
  value: string;
  label: string;
  defaultChecked?: boolean;
  hint?: string;
  describedBy?: string;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        name={name}
        value={value}
        type="checkbox"
        defaultChecked={defaultChecked}
        aria-describedby={[hintId, describedBy].filter(Boolean).join(" ") || undefined}
        className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600 dark:border-slate-600"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {hint ? (
          <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** The errors of a group of controls (e.g. role checkboxes), referenced by aria-describedby. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="text-sm text-red-700 dark:text-red-400">
      {errors.join(" ")}
    </p>
  );
}
