import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runDashboardBench } from "./dashboard.js";
import { runOutcomesBench } from "./outcomes.js";

/**
 * `npm run bench`: runs the benchmarks and writes bench/results/*.json (committed; the README cites them).
 * `npm run bench -- dashboard` or `-- outcomes` runs one of them.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

function write(name: string, result: object): string {
  const out = path.join(here, "results", `${name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(`${out}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
  fs.renameSync(`${out}.tmp`, out);
  return out;
}

async function dashboard(): Promise<boolean> {
  const result = await runDashboardBench();
  const out = write(`dashboard-${result.engine.startsWith("PGlite") ? "pglite" : "postgres"}`, result);
  console.log(
    `\ndashboard, ${result.children.toLocaleString("en-US")} children (${result.engine}): report + trend ` +
      `${result.report_ms} ms, whole dashboard ${result.dashboard_ms} ms (medians; target < ${result.target_ms} ms)` +
      (result.within_target ? "" : "  OVER TARGET"),
  );
  console.log(`written: ${path.relative(process.cwd(), out)}`);
  return result.within_target;
}

async function main() {
  const only = process.argv[2];
  if (only && only !== "dashboard" && only !== "outcomes") throw new Error(`Unknown benchmark ${only}`);
  let ok = true;
  if (!only || only === "dashboard") ok = (await dashboard()) && ok;
  if (!only || only === "outcomes") await outcomes();
  if (!ok) process.exit(1);
}

async function outcomes() {
  const result = await runOutcomesBench();
  const out = write("outcomes", result);
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
