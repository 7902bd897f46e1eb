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

export const nameSchema = z
  .string({ error: "Enter your full name." })
  .trim()
  .min(1, "Enter your full name.")
  .max(100, "Use at most 100 characters.")
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Remove control characters.");

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
