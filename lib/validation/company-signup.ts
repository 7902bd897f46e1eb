// Company sign-up: the platform setting and the form at /companies/request (client-safe).
import { z } from "zod";

export const COMPANY_SIGNUP_MODES = ["nomination", "request", "open"] as const;
export type CompanySignUpMode = (typeof COMPANY_SIGNUP_MODES)[number];

export const COMPANY_SIGNUP_LABELS: Record<CompanySignUpMode, string> = {
  nomination: "Nomination only",
  request: "On request",
  open: "Open",
};

export const companySignUpModeSchema = z.enum(COMPANY_SIGNUP_MODES, { error: "Choose Nomination only, On request or Open." });

export const companyRequestSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Enter the company's name (2 to 80 characters).")
    .max(80, "Enter the company's name (2 to 80 characters)."),
  website: z
    .string()
    .trim()
    .max(200, "Use at most 200 characters.")
    .refine((v) => v === "" || /^https?:\/\/[^\s]+\.[^\s]+$/.test(v), "Enter the website as https://example.com, or leave it blank.")
    .default(""),
  why: z.string().trim().max(1000, "Keep it under 1,000 characters.").default(""),
});
