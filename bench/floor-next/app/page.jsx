// The page floor: one dynamic page (it reads a cookie, so Next.js renders it per request) with about
// 14 KiB of text, the weight of the console's /terms, and nothing else. bench/pages.ts measures each
// console page's rate against this one in the same run.
import { cookies } from "next/headers";

const SENTENCE =
  "These terms describe how the platform may be used, what the operator provides and what each company and developer agrees to when registering applications and calling the APIs of the catalog. ";
// 24 paragraphs of 3 sentences: about 14 KiB of text.
const PARAGRAPHS = Array.from({ length: 24 }, (_, i) => `${i + 1}. ${SENTENCE.repeat(3)}`);

export default async function FloorPage() {
  const jar = await cookies();
  const who = jar.get("floor")?.value ?? "visitor";
  return (
    <main>
      <h1>Floor</h1>
      <p>Hello, {who}.</p>
      {PARAGRAPHS.map((text, i) => (
        <p key={i}>{text}</p>
      ))}
    </main>
  );
}
