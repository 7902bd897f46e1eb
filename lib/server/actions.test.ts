import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

// The action wrapper reads the request's headers through next/headers, which only works inside a request.
vi.mock("./request-context", () => ({ requestContext: async () => ({ ip: "127.0.0.1", userAgent: "vitest" }) }));

import { AppError } from "../errors";
import { checkbox, formInput, publicFormAction } from "./actions";

function formOf(entries: [string, string][]): FormData {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  return form;
}

describe("formInput", () => {
  const schema = z.object({
    name: z.string(),
    roles: z.array(z.string()),
    note: z.string().optional(),
    browserId: z.string().default("all"),
    ticked: checkbox(),
    trust: checkbox("1"),
  });

  it("reads text, every value of a repeated field, and absent fields as the schema says", () => {
    expect(formInput(schema, formOf([["roles", "A"]]))).toEqual({ name: "", roles: ["A"], browserId: "all", ticked: false, trust: false });
    const sent = formOf([
      ["name", "Ada"],
      ["roles", "A"],
      ["roles", "B"],
      ["note", ""],
      ["browserId", "b1"],
      ["ticked", "on"],
      ["trust", "1"],
    ]);
    expect(formInput(schema, sent)).toEqual({ name: "Ada", roles: ["A", "B"], note: "", browserId: "b1", ticked: true, trust: true });
  });

  it("a checkbox with a value is ticked only by that value", () => {
    expect(formInput(schema, formOf([["trust", "on"]])).trust).toBe(false);
  });
});

describe("publicFormAction", () => {
  const schema = z.object({ email: z.string(), password: z.string(), roles: z.array(z.string()) });
  const failing = async () => {
    throw new AppError("validation", "Some fields need attention.", { fieldErrors: { email: ["Enter an email address."] } });
  };
  const form = formOf([
    ["email", "ada@example.com"],
    ["password", "secret"],
    ["roles", "A"],
    ["roles", "B"],
  ]);

  it("hands the work the parsed input", async () => {
    const state = await publicFormAction({ schema, form }, async ({ input }) => ({ ok: true, message: input.roles.join("+") }));
    expect(state).toEqual({ ok: true, message: "A+B" });
  });

  it("keeps the declared fields of a failed form (repeated ones joined by commas), never the others", async () => {
    const state = await publicFormAction({ schema, form, keepFields: ["email", "roles"] }, failing);
    expect(state).toEqual({
      ok: false,
      message: "Some fields need attention.",
      fieldErrors: { email: ["Enter an email address."] },
      values: { email: "ada@example.com", roles: "A,B" },
    });
  });

  it("keeps more state of the submitted fields when asked", async () => {
    const state = await publicFormAction({ schema, form, keepState: (f) => ({ keepRoles: f.roles }) }, failing);
    expect(state).toMatchObject({ ok: false, keepRoles: ["A", "B"], values: undefined });
  });
});
