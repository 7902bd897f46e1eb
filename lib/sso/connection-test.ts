import "server-only";
// "Test connection": a Delegated Administrator runs a sign-in round trip through the company's
// provider without signing anyone in; the outcome is audited and shown on /company/sso.
import { writeAudit } from "../audit";
import { type Person, requireCompanyRole } from "../companies/guards";
import { db } from "../db";
import { AppError } from "../errors";
import type { RequestContext } from "../server/request-context";
import { connectionById } from "./connections";
import { beginSaml } from "./saml-signin";
import { beginOidc, type CompletedSignIn, type StartedSignIn } from "./signin";

export async function startSsoTest(actor: Person, companyId: string, connectionId: unknown): Promise<StartedSignIn> {
  await requireCompanyRole(db(), actor, companyId, "sso.manage.company");
  const connection = typeof connectionId === "string" && connectionId ? await connectionById(db(), connectionId) : null;
  if (!connection || connection.companyId !== companyId) throw new AppError("not_found", "That connection was not found in this company.");
  if (connection.protocol === "SAML") return beginSaml(connection.id, { returnTo: "/company/sso", purpose: "TEST", testedById: actor.id });
  return beginOidc(connection, { returnTo: "/company/sso", purpose: "TEST", testedById: actor.id });
}

/** Records a successful test round trip; where the DA's browser goes next. */
export async function finishSsoTest(done: CompletedSignIn, ctx: RequestContext | null): Promise<string> {
  const tester = done.testedById ? await db().user.findUnique({ where: { id: done.testedById }, select: { id: true, email: true } }) : null;
  await writeAudit(
    db(),
    tester,
    {
      event: "sso.connection.tested",
      targetType: "sso_connection",
      targetId: done.connection.id,
      companyId: done.connection.companyId,
      metadata: { protocol: done.connection.protocol, ok: true, email: done.email },
    },
    ctx,
  );
  return `/company/sso?tested=${encodeURIComponent(done.email)}`;
}
