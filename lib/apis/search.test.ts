import { describe, expect, it } from "vitest";
import { highlight, type Searchable, searchCatalog, searchIndex } from "./search";

const api = (slug: string, name: string, summary: string, documentation: string): Searchable => ({
  id: slug,
  slug,
  name,
  summary,
  documentation,
});

describe("catalog search", () => {
  const items = [
    api("hello", "Hello API", "Greets your app", "# Hello\nAnswers a greeting with the token lifetime."),
    api("payments", "Payments", "Take card payments", "Refunds and **chargebacks** are covered."),
    api("weather", "Weather", "Forecasts", "Say hello to the clouds."),
  ];

  it("finds by name, summary and documentation text, best first", () => {
    expect(searchCatalog(items, "hello").map((h) => h.slug)).toEqual(["hello", "weather"]);
    expect(searchCatalog(items, "card").map((h) => h.slug)).toEqual(["payments"]);
    expect(searchCatalog(items, "CHARGEBACKS").map((h) => h.slug)).toEqual(["payments"]);
    expect(searchCatalog(items, "nothing-like-this")).toEqual([]);
    expect(searchCatalog(items, "   ")).toEqual([]);
  });

  it("needs every term to match and highlights each", () => {
    expect(searchCatalog(items, "hello token").map((h) => h.slug)).toEqual(["hello"]);
    const hit = searchCatalog(items, "chargebacks")[0]!;
    expect(hit.snippet?.filter((s) => s.match).map((s) => s.text)).toEqual(["chargebacks"]);
  });

  it("splits text into matched segments, keeping the original case", () => {
    expect(highlight("Hello hello", ["hello"])).toEqual([
      { text: "Hello", match: true },
      { text: " ", match: false },
      { text: "hello", match: true },
    ]);
  });

  it("ranks a whole-word name match first among 1,000 APIs", () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      api(`api-${i}`, `Service ${i}`, `Summary ${i}`, `Docs for service ${i} `.repeat(50)),
    );
    const hits = searchCatalog(many, "service 99");
    expect(hits[0]?.slug).toBe("api-99");
  });

  it("answers from a prepared index as from the list, at most `limit` hits, ties by slug", () => {
    const many = Array.from({ length: 300 }, (_, i) => api(`api-${String(i).padStart(3, "0")}`, `Ledger ${i}`, "Books", "Entries."));
    const index = searchIndex(many);
    for (const q of ["ledger", "ledger 1", "books", "entries ledger", "nothing"])
      expect(searchCatalog(index, q)).toEqual(searchCatalog(many, q));
    const hits = searchCatalog(index, "ledger", 20);
    expect(hits).toHaveLength(20);
    // Every name matches "ledger" as a whole word at its start: equal scores, so slug order.
    expect(hits.map((h) => h.slug)).toEqual(many.slice(0, 20).map((a) => a.slug));
    expect(hits[0]!.name).toEqual([
      { text: "Ledger", match: true },
      { text: " 0", match: false },
    ]);
  });
});
