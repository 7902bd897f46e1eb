// The field family of the console: a labelled input, textarea, select and checkbox, each with its hint
// and errors tied to it (aria-describedby), so getByLabel finds it and screen readers read the error
// with the field; plus the error summary that lists and links every field with an error. Field,
// TextareaField and SelectField share one block (FieldBlock: label, control, hint, errors).

import type { FormState } from "@/lib/validation/form-state";

/**
 * A field's name, value and errors from its form's last submission, to spread on Field, TextareaField or
 * SelectField: the value typed is kept after a failure and emptied after a success (or when `cleared`).
 */
export function fromState(state: FormState, name: string, cleared = state.ok) {
  return { name, defaultValue: cleared ? "" : state.values?.[name], errors: state.fieldErrors?.[name] };
}

/** As fromState, but the value kept after a success too, and `fallback` when none was sent (a suggested default). */
export function keptFromState(state: FormState, name: string, fallback?: string) {
  return { name, defaultValue: state.values?.[name] || fallback, errors: state.fieldErrors?.[name] };
}

/** The outline of every form control: ≥ 3:1 against the page in both themes (slate-500 / slate-400). */
export const controlClass =
  "block rounded-md border border-slate-500 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600 dark:border-slate-400 dark:bg-slate-900 dark:aria-[invalid=true]:border-red-400";

const hintClass = "text-xs text-slate-600 dark:text-slate-300";
const errorClass = "text-sm text-red-700 dark:text-red-400";

function describedBy(...ids: (string | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}

function HintAndErrors({ id, hint, errors }: { id: string; hint?: string; errors?: string[] }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className={errorClass}>
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

/** The attributes that tie a control to its hint and errors (`<id>-hint`, `<id>-error`). */
function describedControl(id: string, hint?: string, errors?: string[], extra?: string) {
  const invalid = Boolean(errors?.length);
  return {
    "aria-invalid": invalid ? true : undefined,
    "aria-describedby": describedBy(hint ? `${id}-hint` : undefined, invalid ? `${id}-error` : undefined, extra),
  } as const;
}

// The required mark sits outside the <label>, so the label's text is exactly the contract's
// (getByLabel("Redirect URL", { exact: true }) beside "Post-logout redirect URL").
function Label({ id, label, required }: { id: string; label: string; required?: boolean }) {
  return (
    <div className="text-sm font-medium">
      <label htmlFor={id}>{label}</label>
      {required ? (
        <span aria-hidden="true" className="text-red-700 dark:text-red-400">
          {" "}
          *
        </span>
      ) : null}
    </div>
  );
}

/** What every labelled control takes: its id (also the stem of `<id>-hint` and `<id>-error`), label, name and value. */
interface ControlProps {
  id: string;
  label: string;
  name: string;
  defaultValue?: string;
  errors?: string[];
  hint?: string;
}

/** The block every labelled control shares: label above, the control, then its hint and errors. */
function FieldBlock({
  id,
  label,
  required,
  hint,
  errors,
  children,
}: Omit<ControlProps, "name"> & { required?: boolean; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <Label id={id} label={label} required={required} />
      {children}
      <HintAndErrors id={id} hint={hint} errors={errors} />
    </div>
  );
}

export function Field({
  type = "text",
  ...props
}: ControlProps & {
  type?: string;
  required?: boolean;
  autoComplete?: string;
  maxLength?: number;
  inputMode?: "email" | "url" | "text";
  placeholder?: string;
  /** The id of a <datalist> of suggestions. */
  list?: string;
}) {
  const { id, label: _label, hint, errors, ...input } = props;
  return (
    <FieldBlock {...props}>
      <input id={id} type={type} {...input} {...describedControl(id, hint, errors)} className={`${controlClass} w-full`} />
    </FieldBlock>
  );
}

export function TextareaField({
  rows = 3,
  mono,
  ...props
}: ControlProps & {
  maxLength?: number;
  rows?: number;
  /** Monospaced text (code, Markdown). */
  mono?: boolean;
}) {
  const { id, label: _label, hint, errors, ...textarea } = props;
  return (
    <FieldBlock {...props}>
      <textarea
        id={id}
        rows={rows}
        {...textarea}
        {...describedControl(id, hint, errors)}
        className={mono ? `${controlClass} w-full font-mono` : `${controlClass} w-full`}
      />
    </FieldBlock>
  );
}

/** The choices of a select as [value, text]. */
export type OptionList = readonly (readonly [value: string | number, text: React.ReactNode])[];

/** The <option>s of a select, one per [value, text]. */
export function Options({ options }: { options: OptionList }) {
  return options.map(([value, text]) => (
    <option key={value} value={value}>
      {text}
    </option>
  ));
}

export function SelectField({
  value,
  onChange,
  full,
  options,
  children,
  ...props
}: ControlProps & {
  /** With onChange: a controlled select. */
  value?: string;
  onChange?: (value: string) => void;
  /** As wide as the form (otherwise as wide as its longest option). */
  full?: boolean;
  /** The choices, drawn after the children. */
  options?: OptionList;
  /** <option>s of their own (e.g. "Any" before the options). */
  children?: React.ReactNode;
}) {
  const { id, name, defaultValue, hint, errors } = props;
  return (
    <FieldBlock {...props}>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        value={value}
        onChange={onChange ? (e) => onChange(e.target.value) : undefined}
        {...describedControl(id, hint, errors)}
        className={full ? `${controlClass} w-full` : controlClass}
      >
        {children}
        {options ? <Options options={options} /> : null}
      </select>
    </FieldBlock>
  );
}

/** A checkbox with its label (so getByLabel / getByRole("checkbox", { name }) find it) and an optional hint. */
export function Checkbox({
  id,
  name,
  value,
  label,
  defaultChecked,
  disabled,
  hint,
  describedBy: extra,
}: {
  id: string;
  name: string;
  /** Without one the browser sends "on" when checked. */
  value?: string;
  label: string;
  defaultChecked?: boolean;
  disabled?: boolean;
  hint?: string;
  describedBy?: string;
}) {
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        name={name}
        value={value}
        type="checkbox"
        defaultChecked={defaultChecked}
        disabled={disabled}
        aria-describedby={describedControl(id, hint, undefined, extra)["aria-describedby"]}
        className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-500 accent-brand-600 dark:border-slate-400"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        <HintAndErrors id={id} hint={hint} />
      </div>
    </div>
  );
}

/** The errors of a group of controls (e.g. role checkboxes), referenced by aria-describedby. */
export function FieldErrorList({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className={errorClass}>
      {errors.join(" ")}
    </p>
  );
}

/**
 * Checkboxes under a legend (roles, scopes, events), with an optional line under the legend and the group's
 * errors below the boxes (`errorId`, for their aria-describedby).
 */
export function CheckboxGroup({
  legend,
  hint,
  hintId,
  errorId,
  errors,
  describeErrors = false,
  children,
}: {
  legend: string;
  hint?: string;
  /** With a hint: the group is described by it. */
  hintId?: string;
  errorId: string;
  errors?: string[];
  /** Describe the group by its errors while it has some. */
  describeErrors?: boolean;
  /** The checkboxes. */
  children: React.ReactNode;
}) {
  return (
    <fieldset className="space-y-2" aria-describedby={hintId ?? (describeErrors && errors ? errorId : undefined)}>
      <legend className="text-sm font-medium">{legend}</legend>
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}

/**
 * The summary above a form whose submission failed: the message, then each field with an error as a
 * link to it (`#<prefix><field>`), so keyboard and screen-reader users reach every problem.
 */
export function ErrorSummary({
  message,
  fieldErrors,
  fields,
}: {
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** field name → [element id, label] */
  fields: Record<string, [string, string]>;
}) {
  // In the form's order (the order of `fields`), not the order the errors were found in.
  const listed = Object.keys(fields)
    .filter((name) => fieldErrors?.[name]?.length)
    .map((name) => [name, fieldErrors![name]] as const);
  if (!message && !listed.length) return null;
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <p className="font-medium">{message ?? "Some fields need attention."}</p>
      {listed.length ? (
        <ul className="mt-2 list-disc pl-5">
          {listed.map(([name, errs]) => (
            <li key={name}>
              <a href={`#${fields[name]![0]}`} className="underline">
                {fields[name]![1]}
              </a>
              : {errs!.join(" ")}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
