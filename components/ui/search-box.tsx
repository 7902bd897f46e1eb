// A GET search form with one field named `q` and a label only screen readers hear (the catalog, the
// console search, the docs' header). Each place keeps its own look through the class names.

export function SearchBox({
  action,
  id,
  label,
  placeholder,
  q,
  className,
  inputClassName,
  buttonClassName,
}: {
  action: string;
  id: string;
  label: string;
  placeholder: string;
  q?: string;
  className: string;
  inputClassName: string;
  /** A "Search" button, where the form shows one. */
  buttonClassName?: string;
}) {
  return (
    <form role="search" action={action} className={className}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input id={id} name="q" type="search" defaultValue={q} maxLength={100} placeholder={placeholder} className={inputClassName} />
      {buttonClassName ? (
        <button type="submit" className={buttonClassName}>
          Search
        </button>
      ) : null}
    </form>
  );
}
