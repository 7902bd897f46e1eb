// A radio button or checkbox with its label and a line of advice under it (`<id>-advice` unless told), which
// describes the control: the kinds of app, grant types, APIs and company sign-up modes.

export function AdvisedChoice({
  type,
  id,
  name,
  value,
  label,
  advice,
  adviceId = `${id}-advice`,
  defaultChecked,
  shrink = true,
}: {
  type: "radio" | "checkbox";
  id: string;
  name: string;
  value: string;
  label: React.ReactNode;
  /** Without one, no line and no description. */
  advice?: React.ReactNode;
  adviceId?: string;
  defaultChecked?: boolean;
  /** The box keeps its size beside a long label. */
  shrink?: boolean;
}) {
  return (
    <>
      <input
        type={type}
        id={id}
        name={name}
        value={value}
        defaultChecked={defaultChecked}
        aria-describedby={advice ? adviceId : undefined}
        className={shrink ? "mt-1 h-4 w-4 shrink-0 accent-brand-600" : "mt-1 h-4 w-4 accent-brand-600"}
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {advice ? (
          <p id={adviceId} className="text-xs text-slate-600 dark:text-slate-400">
            {advice}
          </p>
        ) : null}
      </div>
    </>
  );
}
