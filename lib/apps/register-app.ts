import "server-only";
// Registering an app: the rules of lib/validation/app-registration.ts checked again on the server,
// the APIs the company may use, the current Terms of Service, a unique name in the company; then
// the app, its subscriptions and its first secret in one transaction, audited.
import { companyMayUse } from "../apis/catalog";
import { writeAudit } from "../audit";
import { db, isUniqueViolation } from "../db";
import { AppError, forbidden } from "../errors";
import { newId } from "../ids";
import { can } from "../permissions";
import { addSubscriptions } from "../plans/plans";
import type { RequestContext } from "../server/request-context";
import { currentTerms } from "../terms";
import { APP_RULE_TEXT, appRegistrationSchema } from "../validation/app-registration";
import { parseInput } from "../validation/common";
import { actorUnderLock, type AppActor } from "./access";
import { generateClientId } from "./credentials";
import { createSecret } from "./secrets";

export interface RegisteredApp {
  id: string;
  clientId: string;
}

const nameTaken = () => new AppError("conflict", APP_RULE_TEXT.nameTaken, { fieldErrors: { name: [APP_RULE_TEXT.nameTaken] } });

export async function registerApp(actor: AppActor, input: unknown, ctx: RequestContext | null): Promise<RegisteredApp> {
  if (!can(actor.roles, "apps.register")) throw forbidden("Only API Developers of the company can register applications.");
  if (actor.companyStatus !== "ACTIVE") throw forbidden("Your company is suspended: no applications can be registered for it.");
  const data = parseInput(appRegistrationSchema, input);
  const terms = await currentTerms();
  if (!terms) throw new AppError("unavailable", "The Terms of Service are not published yet. Ask the platform administrator.");
  if (data.termsVersion && data.termsVersion !== terms.version) {
    throw new AppError("validation", APP_RULE_TEXT.termsChanged, { fieldErrors: { acceptTerms: [APP_RULE_TEXT.termsChanged] } });
  }
  if (!(await companyMayUse(actor.companyId, data.apiIds))) {
    throw new AppError("validation", APP_RULE_TEXT.apiUnknown, { fieldErrors: { apiIds: [APP_RULE_TEXT.apiUnknown] } });
  }
  const taken = await db().app.findUnique({
    where: { companyId_nameKey: { companyId: actor.companyId, nameKey: data.nameKey } },
    select: { id: true },
  });
  if (taken) throw nameTaken();

  const now = new Date();
  try {
    return await db().$transaction(async (tx) => {
      // Roles and company status again, under the company lock, so a concurrent demotion or suspension wins.
      const fresh = await actorUnderLock(tx, actor);
      if (!can(fresh.roles, "apps.register")) throw forbidden("Only API Developers of the company can register applications.");
      const app = await tx.app.create({
        data: {
          id: newId("app"),
          clientId: generateClientId(),
          companyId: actor.companyId,
          createdById: actor.user.id,
          name: data.name,
          nameKey: data.nameKey,
          description: data.description,
          grantTypes: data.grantTypes,
          redirectUri: data.redirectUri,
          termsVersion: terms.version,
          termsAcceptedAt: now,
          createdAt: now,
          kind: data.kind,
          clientType: data.clientType,
          requirePkce: data.requirePkce,
          postLogoutRedirectUri: data.postLogoutRedirectUri,
          allowedOrigins: data.allowedOrigins.join(" "),
        },
        select: { id: true, clientId: true },
      });
      await addSubscriptions(tx, { id: app.id, companyId: actor.companyId }, data.apiIds, actor.user.id, now);
      // A public app (Single-page, Native / mobile, Device or CLI) gets no Client Secret.
      const secret = data.clientType === "public" ? null : await createSecret(tx, app.id, actor.user.id);
      await writeAudit(
        tx,
        actor.user,
        {
          event: "app.registered",
          targetType: "app",
          targetId: app.id,
          companyId: actor.companyId,
          metadata: {
            name: data.name,
            clientId: app.clientId,
            grantTypes: data.grantTypes,
            redirectUri: data.redirectUri,
            apiIds: data.apiIds,
            termsVersion: terms.version,
            credentialId: secret?.id ?? null,
            kind: data.kind,
            clientType: data.clientType,
            requirePkce: data.requirePkce,
            postLogoutRedirectUri: data.postLogoutRedirectUri,
            allowedOrigins: data.allowedOrigins,
          },
        },
        ctx,
      );
      return { id: app.id, clientId: app.clientId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}
