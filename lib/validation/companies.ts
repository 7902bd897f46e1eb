// zod schemas for companies, members, roles, invitations, app ownership and the audit log filters.
import { z } from "zod";
import { isRole, type Role, ROLE_LABELS, ROLES } from "../permissions";
import { emailSchema, nameField } from "./common";

export const MAX_NOMINATIONS = 20;

export const companyNameSchema = nameField({
  required: "Enter the company name.",
  tooLong: "A company name has at most 100 characters.",
  control: "Remove control characters from the company name.",
});

/** The key that makes two names differing only by case or inner spacing the same company. */
export function companyNameKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

/** One or more emails separated by commas, semicolons or spaces; each checked, duplicates dropped. */
export const emailListSchema = z
  .string({ error: "Enter the Delegated Administrator's email." })
  .max(MAX_NOMINATIONS * 260, "That is too long: nominate at most 20 people at once.")
  .transform((v, ctx) => {
    const parts = v.split(/[\s,;]+/).filter(Boolean);
    if (parts.length === 0) {
      ctx.addIssue({ code: "custom", message: "Enter the Delegated Administrator's email." });
      return z.NEVER;
    }
    if (parts.length > MAX_NOMINATIONS) {
      ctx.addIssue({ code: "custom", message: `Nominate at most ${MAX_NOMINATIONS} people at once.` });
      return z.NEVER;
    }
    const out: string[] = [];
    for (const part of parts) {
      const r = emailSchema.safeParse(part);
      if (!r.success) {
        const shown = part.length > 60 ? `${part.slice(0, 57)}…` : part;
        ctx.addIssue({ code: "custom", message: `“${shown}” is not an email address like name@example.com (at most 254 characters).` });
        return z.NEVER;
      }
      if (!out.includes(r.data)) out.push(r.data);
    }
    return out;
  });

export const createCompanySchema = z.object({ name: companyNameSchema, daEmails: emailListSchema });
export const nominateSchema = z.object({ daEmails: emailListSchema });

/** Role names from checkboxes: known roles only, at least one, no duplicates, in the table's order. */
export const rolesSchema = z
  .array(z.string(), { error: "Choose at least one role." })
  .max(ROLES.length * 2, "Too many roles.")
  .transform((values, ctx) => {
    const unknown = values.filter((v) => !isRole(v));
    if (unknown.length) {
      ctx.addIssue({ code: "custom", message: `Unknown role: ${unknown.join(", ").slice(0, 80)}.` });
      return z.NEVER;
    }
    const set = new Set(values as Role[]);
    if (set.size === 0) {
      ctx.addIssue({
        code: "custom",
        message: `Choose at least one role (${ROLES.map((r) => ROLE_LABELS[r]).join(" or ")}), or remove the member instead.`,
      });
      return z.NEVER;
    }
    return ROLES.filter((r) => set.has(r));
  });

export const addMemberSchema = z.object({ email: emailSchema, roles: rolesSchema });
export const setRolesSchema = z.object({ roles: rolesSchema });

export const companyStatusSchema = z.enum(["ACTIVE", "SUSPENDED"], { error: "Choose Active or Suspended." });

export const API_ACCESS_CHOICES = ["default", "allow", "deny"] as const;
export type ApiAccessChoice = (typeof API_ACCESS_CHOICES)[number];
export const apiAccessSchema = z.object({
  apiId: z.string({ error: "Choose an API." }).min(1, "Choose an API.").max(64, "Unknown API."),
  access: z.enum(API_ACCESS_CHOICES, { error: "Choose the catalog default, allowed or not allowed." }),
});

export const reassignSchema = z.object({
  toUserId: z
    .string({ error: "Choose the member who takes over the app." })
    .min(1, "Choose the member who takes over the app.")
    .max(64, "Unknown member."),
});

export const suspendAppSchema = z.object({
  reason: z
    .string()
    .trim()
    .max(200, "Use at most 200 characters for the reason.")
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Remove control characters.")
    .optional()
    .transform((v) => v || "Suspended by a Delegated Administrator"),
});

/** Ids in URLs and hidden fields: anything not shaped like one of ours is simply not found. */
export function looksLikeId(value: unknown, prefix: string): value is string {
  return typeof value === "string" && value.length <= 40 && new RegExp(`^${prefix}_[0-9A-Za-z]{20}$`).test(value);
}

const dateOnly = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-31.")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Use a real date.");

/** Audit log filters from a query string (every field optional; empty strings mean "any"). */
export const auditFilterSchema = z
  .object({
    event: z
      .string()
      .trim()
      .max(100, "An event name has at most 100 characters.")
      .regex(/^[a-z0-9_.]*$/, "Event names look like role.granted (lower case, dots).")
      .optional(),
    actor: z.string().trim().max(254, "An email address has at most 254 characters.").optional(),
    from: z.union([z.literal(""), dateOnly]).optional(),
    to: z.union([z.literal(""), dateOnly]).optional(),
    company: z.string().trim().max(40).optional(),
    cursor: z.string().trim().max(200).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end date comes before the start date." });
  });
export type AuditFilterInput = z.input<typeof auditFilterSchema>;

/** A form's state when the action asks to confirm first (the apps a change would suspend). */
export interface ConfirmFormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  confirm?: { apps: { id: string; name: string; status: string }[] };
}
