// A plan's fields (the admin form, the management API): blank limits mean unlimited.
import { z } from "zod";

const limit = (label: string) =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? null : typeof v === "string" ? Number(v.trim()) : v),
    z
      .number({ error: `${label}: enter a whole number, or leave it blank for unlimited.` })
      .int(`${label}: enter a whole number, or leave it blank for unlimited.`)
      .min(1, `${label}: at least 1, or leave it blank for unlimited.`)
      .max(1_000_000_000, `${label}: at most 1,000,000,000.`)
      .nullable(),
  );

export const planInputSchema = z.object({
  name: z.string().trim().min(1, "Enter the plan's name.").max(60, "Use at most 60 characters."),
  ratePerMinute: limit("Requests per minute"),
  callsPerDay: limit("Calls per day"),
  callsPerMonth: limit("Calls per month"),
  isDefault: z.boolean().default(false),
});

export type PlanInput = z.infer<typeof planInputSchema>;

export const reasonSchema = z.string().trim().max(1000, "Keep the reason under 1,000 characters.").default("");
