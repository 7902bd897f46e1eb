// The Terms of Service read through memory: the current version and the list are kept for
// TERMS_CACHE_TTL_MS, so a version published elsewhere (another instance, SQL) shows once they are
// forgotten or expire; a transaction's client always reads the database. Its own database: publishing
// a version would change the terms every other file registers apps under.
import { afterEach, describe, expect, it, vi } from "vitest";
import { catalog } from "../../tests/factories/domain";
import { ownDatabase } from "../../tests/own-database";
import { db } from "../db";
import { CURRENT_TERMS_SETTING, currentTerms, forgetTerms, listTermsVersions, TERMS_CACHE_TTL_MS } from "./index";

ownDatabase("terms");

afterEach(() => {
  vi.useRealTimers();
  forgetTerms();
});

async function publish(version: string) {
  await db().termsVersion.create({ data: { version, title: `Terms ${version}`, body: "## One\n\nText.", publishedAt: new Date() } });
  await db().setting.update({ where: { key: CURRENT_TERMS_SETTING }, data: { value: version } });
}

describe("the Terms of Service in memory", () => {
  it("keeps the current version and the list until forgotten or their time is up; a transaction reads fresh", async () => {
    await catalog(); // publishes the first version
    const first = await currentTerms();
    expect(first).not.toBeNull();
    const firstList = await listTermsVersions();
    expect(firstList.map((v) => v.version)).toEqual([first!.version]);

    await publish("2099-01-01");
    // Kept: the same answers without reading the database.
    expect((await currentTerms())!.version).toBe(first!.version);
    expect((await listTermsVersions()).map((v) => v.version)).toEqual([first!.version]);
    // A transaction's client reads the database.
    expect((await db().$transaction((tx) => currentTerms(tx)))!.version).toBe("2099-01-01");

    forgetTerms();
    expect((await currentTerms())!.version).toBe("2099-01-01");
    expect((await listTermsVersions()).map((v) => v.version)).toEqual(["2099-01-01", first!.version]);
  });

  it("reads again once TERMS_CACHE_TTL_MS has passed", async () => {
    await catalog();
    const before = (await currentTerms())!.version;
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    await publish("2099-02-01");
    vi.setSystemTime(Date.now() + TERMS_CACHE_TTL_MS - 1000);
    expect((await currentTerms())!.version).toBe(before);
    vi.setSystemTime(Date.now() + 2000);
    expect((await currentTerms())!.version).toBe("2099-02-01");
  });
});
