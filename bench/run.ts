import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runOutcomesBench } from "./outcomes.js";

/** `npm run bench`: runs the benchmarks and writes bench/results/*.json (committed; the README cites them). */
const here = path.dirname(fileURLToPath(import.meta.url));

async function main() {
  const result = await runOutcomesBench();
  const out = path.join(here, "results", "outcomes.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(`${out}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
  fs.renameSync(`${out}.tmp`, out);
  const rows: [string, string, string][] = [
    [
      "children / placements",
      `${result.children.toLocaleString("en-US")} / ${result.placements.toLocaleString("en-US")}`,
      "",
    ],
    ["PostgreSQL COPY of the CSV files", `${result.copy_seconds} s`, ""],
    ["import (importBundle)", `${result.import_seconds} s`, `rate ${result.import_vs_copy} × COPY's (target ≥ 0.5)`],
    ["scan (rows read once, not decoded)", `${result.scan_seconds} s`, `${result.scan_mb} MB`],
    [
      "read + compute, one 12-month period",
      `${result.compute_seconds} s`,
      `${result.compute_vs_scan} × scan (target ≤ 3, < 10 s)`,
    ],
    [
      `dashboard (${result.dashboard_children.toLocaleString("en-US")} children, 8 periods)`,
      `${result.dashboard_seconds} s`,
      "target < 1 s",
    ],
    ["peak RSS", `${result.peak_rss_mb} MB`, result.engine],
  ];
  console.log(`\n${rows.map(([a, b, c]) => `${a.padEnd(44)} ${b.padStart(14)}   ${c}`).join("\n")}`);
  console.log(`\nwritten: ${path.relative(process.cwd(), out)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
