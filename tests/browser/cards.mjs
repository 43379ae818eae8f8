// How the tables of HTML pages show in headless Chromium, at a phone's width and a desk's:
//   node cards.mjs PAGE.html...
// Prints one JSON object: {page: {width: [{cell, label, header, overflow}]}}: for each table,
// how its data cells are displayed, the label each shows before it, how tall its column
// headers are, and whether the table is wider than the page.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const pages = process.argv.slice(2);
const WIDTHS = [390, 1280];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const results = {};
try {
  for (const page of pages) {
    results[page] = {};
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const tab = await context.newPage();
      await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });
      results[page][width] = await tab.evaluate(() => [...document.querySelectorAll("table")]
        .map((table) => {
          const cell = table.querySelector("tbody td");
          return {
            cell: getComputedStyle(cell).display,
            label: getComputedStyle(cell, "::before").content,
            header: table.querySelector("thead").getBoundingClientRect().height,
            overflow: table.getBoundingClientRect().width > document.documentElement.clientWidth,
          };
        }));
      await context.close();
    }
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(results));
