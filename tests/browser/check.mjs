// Check HTML pages in headless Chromium, as the tests ask:
//   node check.mjs OUT_DIR PAGE.html...
// For each page and each width (390 and 1280 CSS pixels, or CHECK_WIDTHS=320,1280): run
// axe-core (WCAG 2.1 A and AA rules and best practices), measure whether the page scrolls
// sideways, and save a screenshot to OUT_DIR. Prints one JSON object: {page: {width:
// {violations, overflow, screenshot}}}.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { visit } from "./visit.mjs";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [out, ...pages] = process.argv.slice(2);
const WIDTHS = (process.env.CHECK_WIDTHS || "390,1280").split(",").map(Number);

const results = await visit(pages, WIDTHS, async (tab, page, width) => {
  await tab.addScriptTag({ content: axeSource });
  const violations = await tab.evaluate(async () => {
    const found = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                       "best-practice"] },
    });
    return found.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
  });
  const overflow = await tab.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const screenshot = join(out, `${basename(page, ".html")}-${width}.png`);
  await tab.screenshot({ path: screenshot, fullPage: true });
  return { violations, overflow, screenshot };
});
console.log(JSON.stringify(results));
