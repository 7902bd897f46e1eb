import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../../lib/apis/catalog";
import { db } from "../../lib/db";
import { signUp, verifyCredentials } from "../../lib/users/accounts";
import { makeUser } from "../factories/people";
import { expectClientErrorOrSuccess, fuzzTally, hostileRecord, RUNS } from "../fuzz-kit";

const ctx = { ip: "198.51.100.7", userAgent: "fuzz" };
let actor: { id: string; email: string };
beforeAll(async () => {
  actor = await makeUser(db(), { isPlatformAdmin: true }); // the catalog is the platform administrator's (catalog.manage)
});

afterAll(() => console.log(`[fuzz] accounts and catalog: ${fuzzTally.inputs} hostile inputs tried, none answered 5xx`));

describe("hostile input to accounts and the catalog", () => {
  it("sign-up refuses or accepts cleanly and never writes a half-made account", async () => {
    await fc.assert(
      fc.asyncProperty(hostileRecord(["name", "email", "password"]), async (input) => {
        fuzzTally.inputs++;
        const before = await db().user.count();
        const outcome = await expectClientErrorOrSuccess(() => signUp(input, ctx));
        const after = await db().user.count();
        expect(after - before).toBe(outcome === "ok" ? 1 : 0);
      }),
      { numRuns: RUNS },
    );
  });

  it("sign-in answers only client errors for any input", async () => {
    await fc.assert(
      fc.asyncProperty(hostileRecord(["email", "password"]), async (input) => {
        fuzzTally.inputs++;
        const outcome = await expectClientErrorOrSuccess(() =>
          verifyCredentials(input, { ip: `203.0.113.${fuzzTally.inputs % 250}`, userAgent: "fuzz" }),
        );
        expect(outcome).toBe("refused");
      }),
      { numRuns: RUNS },
    );
  });

  it("the catalog form refuses bad API definitions and writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileRecord(["name", "slug", "version", "summary", "documentation", "endpoint", "status", "openToAll"]),
        async (input) => {
          fuzzTally.inputs++;
          const before = await db().api.count();
          const outcome = await expectClientErrorOrSuccess(() => createApi(input, actor, ctx));
          expect((await db().api.count()) - before).toBe(outcome === "ok" ? 1 : 0);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
