// A labelled input with its hint and errors tied to it (aria-describedby), so getByLabel finds it
// and screen readers read the error with the field.
export function Field({
  id,
  label,
  name,
  type = "text",
  defaultValue,
  errors,
  hint,
  required,
  autoComplete,
  maxLength,
  inputMode,
}: {
  id: string;
  label: string;
  name: string;
  type?: string;
  defaultValue?: string;
  errors?: string[];
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  maxLength?: number;
  inputMode?: "email" | "url" | "text";
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="space-y-1">
      {/* The required mark sits outside the <label>, so the label's text is exactly the contract's
          (getByLabel("Redirect URL", { exact: true }) beside "Post-logout redirect URL"). */}
      <div className="text-sm font-medium">
        <label htmlFor={id}>{label}</label>
        {required ? <span aria-hidden="true" className="text-red-700 dark:text-red-400"> *</span> : null}
      </div>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        required={required}
        autoComplete={autoComplete}
        maxLength={maxLength}
        inputMode={inputMode}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-900"
      />
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {errorId ? (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-400">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
