// The console's email and password fields (sign-in, sign-up, account, re-checks): the same type, name and
// autocomplete everywhere, so password managers and getByLabel("Email") / getByLabel("Password") find them.
import { Field } from "@/components/ui/field";

/** A required "Email" field named `email`. */
export function EmailField({
  id = "email",
  label = "Email",
  autoComplete = "email",
  defaultValue,
  errors,
  hint,
  maxLength,
}: {
  id?: string;
  label?: string;
  autoComplete?: string;
  defaultValue?: string;
  errors?: string[];
  hint?: string;
  maxLength?: number;
}) {
  return (
    <Field
      id={id}
      name="email"
      label={label}
      type="email"
      autoComplete={autoComplete}
      required
      maxLength={maxLength}
      defaultValue={defaultValue}
      hint={hint}
      errors={errors}
    />
  );
}

/** A password field ("Password" named `password` unless told), required unless told. */
export function PasswordField({
  id = "password",
  name = "password",
  label = "Password",
  autoComplete,
  required = true,
  errors,
  hint,
}: {
  id?: string;
  name?: string;
  label?: string;
  autoComplete: "current-password" | "new-password";
  required?: boolean;
  errors?: string[];
  hint?: string;
}) {
  return (
    <Field id={id} name={name} label={label} type="password" autoComplete={autoComplete} required={required} hint={hint} errors={errors} />
  );
}
