// How the tables of HTML pages show in headless Chromium, at a phone's width and a desk's:
//   node cards.mjs PAGE.html...
// Prints one JSON object: {page: {width: [{cell, label, header, overflow}]}}: for each table,
// how its data cells are displayed, the label each shows before it, how tall its column
// headers are, and whether the table is wider than the page.
import { visit } from "./visit.mjs";

const results = await visit(process.argv.slice(2), [390, 1280], (tab) => tab.evaluate(
  () => [...document.querySelectorAll("table")].map((table) => {
    const cell = table.querySelector("tbody td");
    return {
      cell: getComputedStyle(cell).display,
      label: getComputedStyle(cell, "::before").content,
      header: table.querySelector("thead").getBoundingClientRect().height,
      overflow: table.getBoundingClientRect().width > document.documentElement.clientWidth,
    };
  })));
console.log(JSON.stringify(results));
