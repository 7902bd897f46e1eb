// Shared zod pieces used by forms and route handlers.
import { z } from "zod";
import { AppError, zodFieldErrors } from "../errors";
import { PASSWORD_RULE_TEXT } from "./rules";

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "An email address has at most 254 characters.")
  .pipe(z.email({ error: "Enter an email address like name@example.com." }))
  .transform((v) => v.toLowerCase());

/** A required one-line name: trimmed, 1 to 100 characters, no control characters; the messages are the form's. */
export function nameField(messages: { required: string; tooLong: string; control?: string }) {
  return z
    .string({ error: messages.required })
    .trim()
    .min(1, messages.required)
    .max(100, messages.tooLong)
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), messages.control ?? "Remove control characters.");
}

export const nameSchema = nameField({ required: "Enter your full name.", tooLong: "Use at most 100 characters." });

export const newPasswordSchema = z.string({ error: "Enter a password." }).min(12, PASSWORD_RULE_TEXT).max(128, PASSWORD_RULE_TEXT);

export const signUpSchema = z.object({ name: nameSchema, email: emailSchema, password: newPasswordSchema }).superRefine((v, ctx) => {
  if (v.password.trim().toLowerCase() === v.email) {
    ctx.addIssue({ code: "custom", path: ["password"], message: PASSWORD_RULE_TEXT });
  }
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1024, "That password is too long."),
});

/** Parses input with a schema; a failure becomes AppError("validation") with the message per field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError("validation", "Some fields need attention.", { fieldErrors: zodFieldErrors(result.error) });
}
