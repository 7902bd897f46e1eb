import "server-only";
// Company sign-up, a platform setting ("Company sign-up"): "Nomination only" (the default: only the
// platform administrator creates companies), "On request" (a verified person without a company asks at
// /companies/request; approving the request in the inbox creates the company with them as its
// Delegated Administrator) or "Open" (the company is created at once).
import { writeAudit } from "../audit";
import { createCompanyForFounder } from "../companies/companies";
import { type Person, requirePlatformActor } from "../companies/guards";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import type { RequestContext } from "../server/request-context";
import { parseInput } from "../validation/common";
import { companyRequestSchema, type CompanySignUpMode, companySignUpModeSchema } from "../validation/company-signup";
import { mailAdminsAboutRequest } from "./admin-mail";
import { newRequestId } from "./plans";

const SETTING = "company.signup";

export async function companySignUpMode(): Promise<CompanySignUpMode> {
  const row = await db().setting.findUnique({ where: { key: SETTING } });
  const parsed = companySignUpModeSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : "nomination";
}

/** Changes the setting (settings.manage, audited). */
export async function setCompanySignUpMode(actor: Person, mode: unknown, ctx: RequestContext): Promise<CompanySignUpMode> {
  const value = parseInput(companySignUpModeSchema, mode);
  await db().$transaction(async (tx) => {
    await requirePlatformActor(tx, actor, "settings.manage");
    await tx.setting.upsert({ where: { key: SETTING }, create: { key: SETTING, value }, update: { value } });
    await writeAudit(
      tx,
      actor,
      { event: "settings.updated", targetType: "setting", targetId: SETTING, metadata: { companySignUp: value } },
      ctx,
    );
  });
  return value;
}

/** Whether the person may ask for (or make) a company now: the setting allows it, they are verified and in no company. */
export async function mayRequestCompany(userId: string): Promise<{ mode: CompanySignUpMode; allowed: boolean; waiting: boolean }> {
  const mode = await companySignUpMode();
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { emailVerifiedAt: true, status: true, _count: { select: { memberships: true } } },
  });
  const waiting = Boolean(
    await db().accessRequest.findFirst({ where: { kind: "company", requesterId: userId, status: "PENDING" }, select: { id: true } }),
  );
  const allowed =
    mode !== "nomination" && Boolean(user?.emailVerifiedAt) && user?.status === "ACTIVE" && user._count.memberships === 0 && !waiting;
  return { mode, allowed, waiting };
}

/** /companies/request: asks for a company (On request) or creates it at once (Open). */
export async function requestCompany(
  person: Person,
  input: unknown,
  ctx: RequestContext,
): Promise<{ outcome: "requested"; id: string } | { outcome: "created"; companyId: string }> {
  const data = parseInput(companyRequestSchema, input);
  const { mode, allowed } = await mayRequestCompany(person.id);
  if (!allowed)
    throw new AppError(
      "forbidden",
      mode === "nomination" ? "Companies are created by the platform administrator." : "You cannot ask for a company now.",
    );
  return db().$transaction(async (tx) => {
    if (mode === "open") {
      const company = await createCompanyForFounder(tx, person, person.email, data.name, ctx);
      return { outcome: "created" as const, companyId: company.id };
    }
    if (await tx.company.findFirst({ where: { name: data.name }, select: { id: true } })) {
      const message = `A company named “${data.name}” already exists.`;
      throw new AppError("conflict", message, { fieldErrors: { name: [message] } });
    }
    const id = newRequestId();
    await tx.accessRequest.create({
      data: { id, kind: "company", requesterId: person.id, reason: data.why, details: JSON.stringify(data) },
    });
    await writeAudit(
      tx,
      person,
      { event: "request.created", targetType: "request", targetId: id, metadata: { kind: "company", name: data.name } },
      ctx,
    );
    await mailAdminsAboutRequest(tx, `${person.email} asks for the company ${data.name}`, [
      ["Company name", data.name],
      ["Website", data.website || "(none)"],
      ["Why", data.why || "(none given)"],
    ]);
    return { outcome: "requested" as const, id };
  });
}

/** Deciding a company request (lib/plans/requests.ts decideRequest): approval creates the company; its id. */
export async function decideCompanyRequest(
  tx: Tx,
  request: { requesterId: string | null; details: string },
  decision: "approve" | "reject",
  actor: Person,
  ctx: RequestContext,
): Promise<string | null> {
  if (decision === "reject") return null;
  const requester = request.requesterId ? await tx.user.findUnique({ where: { id: request.requesterId }, select: { email: true } }) : null;
  if (!requester) throw new AppError("conflict", "The person who asked for this company no longer exists.");
  const details = companyRequestSchema.parse(JSON.parse(request.details));
  const company = await createCompanyForFounder(tx, actor, requester.email, details.name, ctx);
  return company.id;
}
