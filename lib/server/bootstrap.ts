import "server-only";
// What the first start (and every start) makes sure exists: the catalog's Hello API, open to every
// company, and the current Terms of Service. Idempotent.
import { HELLO_OPENAPI } from "../apis/hello-openapi";
import { writeAudit } from "../audit";
import { db } from "../db";
import { newId } from "../ids";
import { TERMS_V1 } from "../terms/text";

export const HELLO_API_SLUG = "hello";
export const CURRENT_TERMS_SETTING = "terms.current";

export async function ensureCatalogDefaults(): Promise<void> {
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
  const terms = await client.termsVersion.findUnique({ where: { version: TERMS_V1.version } });
  if (!terms) await client.termsVersion.create({ data: TERMS_V1 });
  const current = await client.setting.findUnique({ where: { key: CURRENT_TERMS_SETTING } });
  if (!current) await client.setting.create({ data: { key: CURRENT_TERMS_SETTING, value: TERMS_V1.version } });
}
