// Open each HTML page in headless Chromium at each width and ask ``look`` about it:
// the one loop the browser checks share. Returns {page: {width: whatever look returns}}.
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export async function visit(pages, widths, look) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const results = {};
  try {
    for (const page of pages) {
      results[page] = {};
      for (const width of widths) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        const tab = await context.newPage();
        await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });
        results[page][width] = await look(tab, page, width);
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return results;
}
