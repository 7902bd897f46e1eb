// `npm run docs:pdf`: prints the two printable guides (/docs/print/<guide>) of a RUNNING console to PDF
// with the system Chromium (Playwright's page.pdf), into DATA_DIR/guides/<guide>.pdf, where the console
// serves them at /docs/pdf/<guide> and shows the download link. Nothing is downloaded.
//   DOCS_BASE_URL  the console to print from (default CONSOLE_URL, else http://localhost:$PORT or 3000)
//   DATA_DIR       the console's data folder (default ./data), as for npm start
//   CHROMIUM_PATH  the browser (default /usr/bin/chromium)
import { mkdir, rename, stat } from "node:fs/promises";
import path from "node:path";
import { chromium } from "@playwright/test";
import { PRINTABLE_GUIDES } from "../lib/docs/manifest";

const base = (process.env.DOCS_BASE_URL ?? process.env.CONSOLE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
const outDir = path.join(path.resolve(process.env.DATA_DIR ?? "data"), "guides");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
  ],
});
try {
  await mkdir(outDir, { recursive: true });
  const page = await browser.newPage();
  await page.emulateMedia({ media: "print", colorScheme: "light" });
  for (const guide of PRINTABLE_GUIDES) {
    const url = `${base}/docs/print/${guide.id}`;
    const res = await page.goto(url, { waitUntil: "load" });
    if (!res || res.status() !== 200) throw new Error(`${url} answered ${res?.status() ?? "nothing"}: is the console running there?`);
    const file = path.join(outDir, `${guide.id}.pdf`);
    // Written beside, then renamed: the console never serves half a file.
    await page.pdf({
      path: `${file}.tmp`,
      format: "A4",
      printBackground: true,
      margin: { top: "18mm", bottom: "18mm", left: "16mm", right: "16mm" },
      displayHeaderFooter: true,
      headerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#555">${guide.title}</div>`,
      footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#555"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
    });
    await rename(`${file}.tmp`, file);
    console.log(`docs:pdf: ${guide.title} → ${file} (${Math.round((await stat(file)).size / 1024)} KiB)`);
  }
} finally {
  await browser.close();
}
