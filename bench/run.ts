import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runApiBench } from "./api.js";
import { runDashboardBench } from "./dashboard.js";
import { runMatchingBench } from "./matching.js";
import { runOutcomesBench } from "./outcomes.js";
import { runSignInBench } from "./sign-in.js";
import { runTrainingSearchBench } from "./training-search.js";

/**
 * `npm run bench`: runs the benchmarks and writes bench/results/*.json (committed; the README cites them).
 * `npm run bench -- dashboard sign-in` runs only the named ones (outcomes, dashboard, sign-in, api).
 */
const here = path.dirname(fileURLToPath(import.meta.url));

function write(name: string, result: unknown): string {
  const out = path.join(here, "results", `${name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(`${out}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
  fs.renameSync(`${out}.tmp`, out);
  console.log(`\nwritten: ${path.relative(process.cwd(), out)}`);
  return out;
}

const table = (rows: [string, string, string][]) =>
  console.log(`\n${rows.map(([a, b, c]) => `${a.padEnd(44)} ${b.padStart(14)}   ${c}`).join("\n")}`);

async function outcomes() {
  const result = await runOutcomesBench();
  const rows: [string, string, string][] = [
    [
      "children / placements",
      `${result.children.toLocaleString("en-US")} / ${result.placements.toLocaleString("en-US")}`,
      "",
    ],
    ["PostgreSQL COPY of the CSV files", `${result.copy_seconds} s`, ""],
    ["import (importBundle)", `${result.import_seconds} s`, `rate ${result.import_vs_copy} × COPY's (target ≥ 0.8)`],
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
    [
      "event loop, read + compute on it",
      `${result.calling_thread_stall_ms} ms`,
      "longest stall of the calling thread (the path before the worker)",
    ],
    [
      "request path: compute worker, not cached",
      `${result.worker_seconds} s`,
      `event loop stalled ≤ ${result.worker_stall_ms} ms; worker ${result.worker_memory_mb} MB`,
    ],
    ["request path: cached (same data version)", `${result.cached_ms} ms`, ""],
    [
      "snapshot written by the import",
      `${result.snapshot_write_seconds} s`,
      `${result.snapshot_mb} MB, in the import's transaction (counted in its time)`,
    ],
    [
      "all measures, one period: from the snapshot",
      `${result.snapshot.seconds} s`,
      `read ${result.snapshot.read_seconds} s + compute ${result.snapshot.compute_seconds} s; peak RSS ` +
        `${result.snapshot.peak_rss_mb} MB (target < 1 s, < 1 GB)`,
    ],
    [
      "all measures, one period: from the rows",
      `${result.rows.seconds} s`,
      `read ${result.rows.read_seconds} s + compute ${result.rows.compute_seconds} s; peak RSS ` +
        `${result.rows.peak_rss_mb} MB; snapshot ${result.snapshot_speedup} × faster`,
    ],
    ["peak RSS", `${result.peak_rss_mb} MB`, result.engine],
  ];
  table(rows);
  write("outcomes", result);
}

async function signIn() {
  const result = await runSignInBench();
  table([
    ["sign-in, quiet (median)", `${result.quiet_median_seconds} s`, ""],
    [
      `sign-in during a ${result.flood_clients}-client flood (median)`,
      `${result.flood_legit_median_seconds} s`,
      `max ${result.flood_legit_max_seconds} s, target < 2 s`,
    ],
    ["legitimate sign-ins refused or timed out", JSON.stringify(result.flood_legit_failed), ""],
    ["flood answers by status", JSON.stringify(result.flood_answers), ""],
  ]);
  write("sign-in", result);
}

/** The site dashboard's answer time (a county of 5,000 children); the exit code says whether it met its target. */
async function dashboard() {
  const result = await runDashboardBench();
  write(`dashboard-${result.engine.startsWith("PGlite") ? "pglite" : "postgres"}`, result);
  console.log(
    `\ndashboard, ${result.children.toLocaleString("en-US")} children (${result.engine}): report + trend ` +
      `${result.report_ms} ms, whole dashboard ${result.dashboard_ms} ms (medians; target < ${result.target_ms} ms)` +
      (result.within_target ? "" : "  OVER TARGET"),
  );
  if (!result.within_target) process.exitCode = 1;
}

/** The API under load: reads, writes, /healthz and paced runs (bench/api.ts); a table, then bench/results/api.json. */
async function api() {
  const result = await runApiBench();
  const cell = (x: number | null | undefined) => (x === null || x === undefined ? "-" : String(x));
  console.log(
    `\nAPI on ${result.engine} (${result.accounts} accounts, ${result.sessions} sessions, scheduler ` +
      `${result.scheduler ? "on" : "off"}, load ${result.load_average.join(" ")})`,
  );
  console.log("mode            conn  target   req/s   p50 ms   p95 ms   p99 ms  errors  audit+  rss MB");
  for (const r of result.runs)
    console.log(
      `${r.mode.padEnd(14)} ${String(r.connections).padStart(5)} ${cell(r.target_rps).padStart(7)} ` +
        `${String(r.rps).padStart(7)} ${cell(r.p50_ms).padStart(8)} ${cell(r.p95_ms).padStart(8)} ` +
        `${cell(r.p99_ms).padStart(8)} ${String(r.errors).padStart(7)} ${String(r.audit_rows).padStart(7)} ` +
        `${String(r.rss_mb).padStart(7)}`,
    );
  console.log(
    `queries per request: ${Object.entries(result.queries_per_request)
      .map(([route, n]) => `${route} ${n}`)
      .join(", ")}`,
  );
  console.log(
    `a session's first child list ${result.first_request_ms.first} ms, the next ${result.first_request_ms.second} ms`,
  );
  write("api", result);
  write(`api-${result.engine}`, result);
}

/** Placement matching: a sibling group ranked over 5,000 homes through the API; the exit code says whether on target. */
async function matching() {
  const result = await runMatchingBench();
  write(`matching-${result.engine === "PGlite" ? "pglite" : "postgres"}`, result);
  console.log(
    `\nmatching, ${result.homes_considered.toLocaleString("en-US")} homes, group of ${result.group_size} ` +
      `(${result.engine}): median ${result.median_ms} ms, max ${result.max_ms} ms (target < ${result.target_ms} ms)` +
      (result.within_target ? "" : "  OVER TARGET"),
  );
  if (!result.within_target) process.exitCode = 1;
}

/** The training library's search over 20,000 items (bench/training-search.ts); target p95 < 50 ms. */
async function trainingSearch() {
  const result = await runTrainingSearchBench();
  write(`training-search-${result.engine}`, result);
  console.log(
    `\ntraining search, ${result.items.toLocaleString("en-US")} items (${result.engine}), ${result.searches} searches: ` +
      `p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms (target < ${result.target_ms} ms); before migration 0720 ` +
      `p50 ${result.before_0720.p50_ms} ms, p95 ${result.before_0720.p95_ms} ms` +
      (result.within_target ? "" : "  OVER TARGET"),
  );
  if (!result.within_target) process.exitCode = 1;
}

const benches: Record<string, () => Promise<void>> = {
  outcomes,
  dashboard,
  "sign-in": signIn,
  api,
  matching,
  "training-search": trainingSearch,
};

async function main() {
  const chosen = process.argv.slice(2);
  for (const name of chosen) if (!benches[name]) throw new Error(`unknown bench ${name}: ${Object.keys(benches)}`);
  for (const name of chosen.length ? chosen : Object.keys(benches)) await benches[name]();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
