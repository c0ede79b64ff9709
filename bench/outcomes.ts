import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { openDatabase } from "../server/db/engine.js";
import { migrateToLatest } from "../server/db/migrate.js";
import type { VisibleArea } from "../server/modules/outcomes/area-context.js";
import { computeForAreas } from "../server/modules/outcomes/area-results.js";
import { warmComputeWorker, workerMemoryMb } from "../server/modules/outcomes/compute/compute-pool.js";
import { addMonths, dayOf } from "../server/modules/outcomes/history/days.js";
import { importBundle } from "../server/modules/outcomes/import/import-bundle.js";
import { computeMeasures, periodStarting } from "../server/modules/outcomes/measures/engine.js";
import { listAreas } from "../server/modules/outcomes/read/areas.js";
import { readHistoryColumns, scanHistoryRows } from "../server/modules/outcomes/read/read-columns.js";
import { createFreshPostgresDatabase } from "../test/support/fresh-postgres.js";
import { makeBenchBundle } from "./bundle.js";

/**
 * The outcomes benchmark: a national bundle imported into a fresh PostgreSQL
 * database, against PostgreSQL's own COPY of the same CSV files, then read
 * back and computed. One run, one JSON (bench/results/outcomes.json).
 */
export interface OutcomesBenchResult {
  children: number;
  episodes: number;
  placements: number;
  reports: number;
  bundle_mb: number;
  engine: string;
  copy_seconds: number;
  import_seconds: number;
  /** import rate ÷ COPY rate (target ≥ 0.5). */
  import_vs_copy: number;
  scan_seconds: number;
  scan_mb: number;
  read_seconds: number;
  compute_seconds: number;
  /** compute ÷ scan (target ≤ 3). */
  compute_vs_scan: number;
  dashboard_children: number;
  dashboard_seconds: number;
  /** The longest event-loop stall while reading and computing on the calling thread (the path before the worker). */
  calling_thread_stall_ms: number;
  /** All measures for the period over every area, in the compute worker, not cached (worker already started). */
  worker_seconds: number;
  /** The longest event-loop stall of the main thread meanwhile. */
  worker_stall_ms: number;
  /** The worker's heap + array buffers at the end of the job, columns included. */
  worker_memory_mb: number;
  /** The same request again: a cache hit (data version unchanged). */
  cached_ms: number;
  /** The snapshots the import wrote with its rows (migration 0440): seconds of the import, and MB. */
  snapshot_write_seconds: number;
  snapshot_mb: number;
  /**
   * All measures for one period over every area through the compute worker, each path in a process of its own
   * (its peak RSS its own): from the snapshot, and from the rows (QPI_OUTCOMES_SNAPSHOT=off). Seconds end to end,
   * the worker's read and compute seconds.
   */
  snapshot: ComputeRun;
  rows: ComputeRun;
  /** rows.seconds ÷ snapshot.seconds, measured in this run. */
  snapshot_speedup: number;
  peak_rss_mb: number;
  period_start: string;
  node: string;
  cpus: number;
  measured_at: string;
}

export interface ComputeRun {
  path: string;
  seconds: number;
  read_seconds: number;
  compute_seconds: number;
  worker_memory_mb: number;
  peak_rss_mb: number;
  idle_rss_mb: number;
}

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

/** One national computation in a process of its own (bench/outcomes-compute.ts). */
async function computeRun(url: string, day: number, snapshot: boolean): Promise<ComputeRun> {
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", path.join(here, "outcomes-compute.ts"), url, String(day)],
    { env: { ...process.env, QPI_OUTCOMES_SNAPSHOT: snapshot ? "on" : "off" }, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split("\n").pop() as string) as ComputeRun;
}

const seconds = (since: number) => Math.round((performance.now() - since) / 10) / 100;

/** The CSV files as plain tables of their own columns: what PostgreSQL's COPY does on its own. */
const plainTables: Record<string, string> = {
  "children.csv":
    "child_id text, site text, state text, birth_date date, sex text, race_ethnicity text, sibling_group text",
  "homes.csv":
    "home_id text, site text, state text, kind text, inquiry_date date, approved_date date, closed_date date, " +
    "closure_reason text",
  "episodes.csv": "child_id text, removal_date date, exit_date date, exit_reason text",
  "placements.csv":
    "child_id text, removal_date date, start_date date, end_date date, setting text, change_kind text, home_id text",
  "maltreatment_reports.csv": "child_id text, report_date date, incident_date date, disposition text",
};

async function postgresCopy(url: string, dir: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const [file, columns] of Object.entries(plainTables))
      await client.query(`CREATE TABLE plain_${file.replace(".csv", "")} (${columns})`);
    const started = performance.now();
    await client.query("BEGIN");
    for (const file of Object.keys(plainTables)) {
      if (!fs.existsSync(path.join(dir, file))) continue;
      const firstLine = (await firstLineOf(path.join(dir, file))).trim();
      await pipeline(
        fs.createReadStream(path.join(dir, file), { highWaterMark: 1 << 20 }),
        client.query(
          copyFrom(`COPY plain_${file.replace(".csv", "")} (${firstLine}) FROM STDIN (FORMAT csv, HEADER true)`),
        ),
      );
    }
    await client.query("COMMIT");
    return seconds(started);
  } finally {
    await client.end();
  }
}

async function firstLineOf(file: string): Promise<string> {
  const handle = await fs.promises.open(file, "r");
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, 4096, 0);
    return buffer.subarray(0, bytesRead).toString("utf8").split("\n")[0];
  } finally {
    await handle.close();
  }
}

export async function runOutcomesBench(log: (line: string) => void = console.log): Promise<OutcomesBenchResult> {
  const children = Number(process.env.QPI_BENCH_CHILDREN ?? 3_000_000);
  const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
  sampler.unref();

  const dir = process.env.QPI_BENCH_BUNDLE ?? path.join(os.tmpdir(), `qpi-bench-${children}`);
  const bundle = await makeBenchBundle(dir, children, log);
  const bundleBytes = fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);

  const fresh = await createFreshPostgresDatabase(serverUrl, "qpi_bench");
  const database = await openDatabase({ databaseUrl: fresh.url, poolSize: 8 });
  try {
    await migrateToLatest(database.db);
    log("PostgreSQL COPY of the CSV files into plain tables …");
    const copySeconds = await postgresCopy(fresh.url, dir);
    log(`  ${copySeconds} s`);
    log("importBundle …");
    let started = performance.now();
    const imported = await importBundle(database.db, dir, {
      onProgress: (p) =>
        process.stdout.isTTY &&
        process.stdout.write(
          `\r  ${p.file} ${p.rows.toLocaleString("en-US")} rows, ` +
            `${p.rowsPerSecond.toLocaleString("en-US")}/s, ${p.percent.toFixed(0)} %   `,
        ),
    });
    const importSeconds = seconds(started);
    if (process.stdout.isTTY) process.stdout.write("\n");
    if (imported.status !== "completed")
      throw new Error(`import ${imported.status}: ${imported.error} ${JSON.stringify(imported.rejects.slice(0, 5))}`);
    log(`  ${importSeconds} s (${JSON.stringify(imported.timings)})`);
    const snapshotBytes = Number(
      (
        await database.db
          .selectFrom("outcome_history_snapshot")
          .select((eb) => eb.fn.sum<number>(eb.fn("octet_length", ["body"])).as("n"))
          .executeTakeFirst()
      )?.n ?? 0,
    );

    // The national computation from the snapshot, then from the rows, each in its own process (one run: ratios).
    const day = addMonths(dayOf(bundle.asOf), -24) + 1;
    const snapshotRun = await computeRun(fresh.url, day, true);
    log(`snapshot path: ${JSON.stringify(snapshotRun)}`);
    const rowsRun = await computeRun(fresh.url, day, false);
    log(`row path: ${JSON.stringify(rowsRun)}`);

    started = performance.now();
    const scanBytes = await scanHistoryRows(database.db);
    const scanSeconds = seconds(started);
    log(`scan ${scanSeconds} s (${(scanBytes / 1e6).toFixed(0)} MB)`);

    const periodStart = addMonths(dayOf(bundle.asOf), -24) + 1;
    let loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    started = performance.now();
    const columns = await readHistoryColumns(database.db);
    const readSeconds = seconds(started);
    computeMeasures(columns, [periodStarting(periodStart)]);
    const computeSeconds = seconds(started);
    loop.disable();
    const callingThreadStall = Math.round(loop.max / 1e6);
    log(
      `read ${readSeconds} s, read + compute ${computeSeconds} s (event loop stalled up to ${callingThreadStall} ms)`,
    );

    // The request path: the compute worker, then the cache.
    await warmComputeWorker();
    const allAreas = (await database.db.selectFrom("outcome_area").select("id").execute()) as VisibleArea[];
    loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    started = performance.now();
    await computeForAreas(database.db, allAreas, [periodStarting(periodStart)]);
    const workerSeconds = seconds(started);
    loop.disable();
    const workerStall = Math.round(loop.max / 1e6);
    started = performance.now();
    await computeForAreas(database.db, allAreas, [periodStarting(periodStart)]);
    const cachedMs = Math.round((performance.now() - started) * 100) / 100;
    log(
      `worker: read + compute ${workerSeconds} s (event loop stalled up to ${workerStall} ms, worker ` +
        `${workerMemoryMb} MB); cached ${cachedMs} ms`,
    );

    // The dashboard's county: the one closest to 5,000 children (a large county's QPI site).
    const areas = await listAreas(database.db);
    const county = areas.reduce((a, b) => (Math.abs(b.children - 5000) < Math.abs(a.children - 5000) ? b : a));
    started = performance.now();
    const countyColumns = await readHistoryColumns(database.db, { areaIds: [county.id] });
    const halfYears = Array.from({ length: 8 }, (_, i) => periodStarting(addMonths(periodStart, -6 * i)));
    computeMeasures(countyColumns, halfYears);
    const dashboardSeconds = seconds(started);
    log(`dashboard (${county.code}, ${county.children} children, 8 periods) ${dashboardSeconds} s`);

    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    return {
      children: columns.childCount,
      episodes: columns.episodeCount,
      placements: columns.placementCount,
      reports: columns.reportCount,
      bundle_mb: Math.round(bundleBytes / 1e6),
      engine: "PostgreSQL 15 · binary COPY in and out · TypeScript streaming pass · columnar snapshot per area",
      copy_seconds: copySeconds,
      import_seconds: importSeconds,
      import_vs_copy: Math.round((copySeconds / importSeconds) * 100) / 100,
      scan_seconds: scanSeconds,
      scan_mb: Math.round(scanBytes / 1e6),
      read_seconds: readSeconds,
      compute_seconds: computeSeconds,
      compute_vs_scan: Math.round((computeSeconds / scanSeconds) * 100) / 100,
      dashboard_children: county.children,
      dashboard_seconds: dashboardSeconds,
      calling_thread_stall_ms: callingThreadStall,
      worker_seconds: workerSeconds,
      worker_stall_ms: workerStall,
      worker_memory_mb: workerMemoryMb,
      cached_ms: cachedMs,
      snapshot_write_seconds: imported.timings?.snapshot ?? 0,
      snapshot_mb: Math.round(snapshotBytes / 1e6),
      snapshot: snapshotRun,
      rows: rowsRun,
      snapshot_speedup: Math.round((rowsRun.seconds / snapshotRun.seconds) * 100) / 100,
      peak_rss_mb: Math.round(peakRss / 1e6),
      period_start: new Date(periodStart * 86_400_000).toISOString().slice(0, 10),
      node: process.version,
      cpus: os.cpus().length,
      measured_at: new Date().toISOString(),
    };
  } finally {
    clearInterval(sampler);
    await database.close();
    await fresh.drop();
  }
}
