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

export interface Choice {
  value: string;
  label: React.ReactNode;
  advice?: React.ReactNode;
  adviceId?: string;
}

/**
 * A group's choices, each an AdvisedChoice (`<idPrefix>-<value>`) beside its box: items of a list with that
 * class, or (without one) blocks one after another.
 */
export function AdvisedChoices({
  type,
  name,
  idPrefix = name,
  choices,
  checked,
  listClassName,
  shrink,
}: {
  type: "radio" | "checkbox";
  name: string;
  /** The ids' stem (the name unless told). */
  idPrefix?: string;
  choices: readonly Choice[];
  checked: (value: string) => boolean | undefined;
  listClassName?: string;
  shrink?: boolean;
}) {
  const items = choices.map(({ value, ...choice }) => {
    const Item = listClassName ? "li" : "div";
    return (
      <Item key={value} className="flex gap-3">
        <AdvisedChoice
          type={type}
          id={`${idPrefix}-${value}`}
          name={name}
          value={value}
          defaultChecked={checked(value)}
          shrink={shrink}
          {...choice}
        />
      </Item>
    );
  });
  return listClassName ? <ul className={listClassName}>{items}</ul> : items;
}
