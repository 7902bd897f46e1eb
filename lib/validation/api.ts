// The catalog's API fields, checked on the server and shown in the admin form.
import { z } from "zod";

export const API_STATUSES = ["PUBLISHED", "DEPRECATED", "RETIRED"] as const;

export const apiInputSchema = z.object({
  name: z.string().trim().min(1, "Enter the API's name.").max(80, "Use at most 80 characters."),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(2, "Use 2 to 40 characters.")
    .max(40, "Use 2 to 40 characters.")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens (e.g. payments-v2)."),
  version: z.string().trim().min(1, "Enter a version such as 1.0.").max(20, "Use at most 20 characters."),
  summary: z.string().trim().max(280, "Keep the summary under 280 characters.").default(""),
  documentation: z.string().max(100_000, "Documentation is limited to 100,000 characters.").default(""),
  endpoint: z
    .string()
    .trim()
    .min(1, "Enter the endpoint: a path such as /api/hello or an https URL.")
    .max(500, "Use at most 500 characters.")
    .refine((v) => /^\/[\w\-./]*$/.test(v) || /^https:\/\/[^\s]+$/.test(v), "Use a path starting with / or an https:// URL."),
  status: z.enum(API_STATUSES, { error: "Choose Published, Deprecated or Retired." }),
  openToAll: z.boolean().default(false),
});

export type ApiInput = z.infer<typeof apiInputSchema>;
