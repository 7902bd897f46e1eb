import "server-only";
import { writeAudit } from "../audit";
import { db, isUniqueViolation } from "../db";
import { newId } from "../ids";
import { ensureDefaultPlan } from "../plans/plans";
import { CURRENT_TERMS_SETTING } from "../terms";
import { TERMS_V1 } from "../terms/text";
// What the first start (and every start) makes sure exists: the catalog's Hello API, open to every
// company, and the current Terms of Service. Idempotent.
import { HELLO_OPENAPI } from "./hello-openapi";

export const HELLO_API_SLUG = "hello";

/**
 * The Hello API, its document, every API's default plan and the first Terms of Service, made once. Instances
 * started together on one PostgreSQL may race here: the loser of an insert meets a unique violation and
 * runs the whole (idempotent) pass again, finding what the winner made.
 */
export async function ensureCatalogDefaults(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ensureCatalogDefaultsOnce();
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

async function ensureCatalogDefaultsOnce(): Promise<void> {
  const client = db();
  const hello = await client.api.findUnique({ where: { slug: HELLO_API_SLUG } });
  if (!hello) {
    await client.$transaction(async (tx) => {
      const api = await tx.api.create({
        data: {
          id: newId("api"),
          slug: HELLO_API_SLUG,
          name: "Hello API",
          version: "1.0",
          summary: "A sample API that greets your app: the whole loop from token to call.",
          documentation: [
            "# Hello API",
            "",
            "`GET /api/hello` answers a JSON greeting naming your app and how long your access token still lives.",
            "",
            "Send your access token as `Authorization: Bearer <token>`.",
          ].join("\n"),
          endpoint: "/api/hello",
          status: "PUBLISHED",
          openToAll: true,
        },
      });
      await writeAudit(tx, null, { event: "api.created", targetType: "api", targetId: api.id, metadata: { slug: api.slug } });
    });
  }
  // The Hello API's OpenAPI document, unless the platform administrator already set or removed one.
  const helloNow = await client.api.findUnique({
    where: { slug: HELLO_API_SLUG },
    select: { id: true, openapi: true, openapiUpdatedAt: true },
  });
  if (helloNow && helloNow.openapi === null && helloNow.openapiUpdatedAt === null) {
    await client.$transaction(async (tx) => {
      await tx.api.update({ where: { id: helloNow.id }, data: { openapi: JSON.stringify(HELLO_OPENAPI), openapiUpdatedAt: new Date() } });
      await writeAudit(tx, null, {
        event: "api.openapi_updated",
        targetType: "api",
        targetId: helloNow.id,
        metadata: { slug: HELLO_API_SLUG, version: HELLO_OPENAPI.openapi, seeded: true },
      });
    });
  }
  // Every API has a default plan (the Hello API's first start included).
  for (const api of await client.api.findMany({ where: { plans: { none: { isDefault: true } } }, select: { id: true } })) {
    await ensureDefaultPlan(client, api.id);
  }
  // Upserts (INSERT … ON CONFLICT): instances started together on one PostgreSQL may both get here first.
  await client.termsVersion.upsert({ where: { version: TERMS_V1.version }, create: TERMS_V1, update: {} });
  await client.setting.upsert({
    where: { key: CURRENT_TERMS_SETTING },
    create: { key: CURRENT_TERMS_SETTING, value: TERMS_V1.version },
    update: {},
  });
}
