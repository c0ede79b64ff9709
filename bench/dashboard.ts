import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { importBundle } from "../server/modules/outcomes/index.js";
import { generateBundle } from "../server/synthetic/bundle.js";
import { accounts, outcomesWorld } from "../test/outcomes/api/world.js";

/**
 * The README's dashboard figure: a county of 5,000 children (a generated history imported into the demo's Fresno
 * County), the requests the site dashboard makes, medians of several calls on a warm server. In-memory PGlite, or
 * PostgreSQL when TEST_DATABASE_URL names a server (a fresh database on it). Target: under a second each.
 * (test/outcomes/api/dashboard-speed.int.test.ts checks the same answers are right; the time is measured here.)
 */
export interface DashboardBenchResult {
  children: number;
  area_children: number;
  engine: string;
  report_ms: number;
  dashboard_ms: number;
  target_ms: number;
  within_target: boolean;
  node: string;
  cpus: number;
  measured_at: string;
}

const CHILDREN = 5_000;
const TARGET_MS = 1000;
const DASHBOARD = [
  "/api/outcomes/areas",
  "/api/outcomes/measures",
  "/api/outcomes/report?area=CA-FRESNO",
  "/api/outcomes/before-after?area=CA-FRESNO",
];

async function median(times: number, call: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await call();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)];
}

export async function runDashboardBench(): Promise<DashboardBenchResult> {
  const world = await outcomesWorld();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qpi-dashboard-bench-"));
  try {
    const asOf = new Date().toISOString().slice(0, 10);
    await generateBundle({ out: dir, children: CHILDREN, seed: 5, sites: ["CA-FRESNO"], asOf });
    const imported = await importBundle(world.database.db, dir, { siteCode: "CA-FRESNO" });
    if (imported.status !== "completed") throw new Error(`The bundle import ended ${imported.status}`);
    const session = await world.as(accounts.coordinator);
    const report = await world.get(session, "/api/outcomes/report?area=CA-FRESNO");
    if (report.statusCode !== 200) throw new Error(`The report answered ${report.statusCode}`);
    const reportMs = await median(7, () => world.get(session, "/api/outcomes/report?area=CA-FRESNO"));
    const dashboardMs = await median(5, () => Promise.all(DASHBOARD.map((url) => world.get(session, url))));
    return {
      children: CHILDREN,
      area_children: report.json().area.children,
      engine: world.database.kind === "pglite" ? "PGlite (in memory)" : "PostgreSQL",
      report_ms: Math.round(reportMs),
      dashboard_ms: Math.round(dashboardMs),
      target_ms: TARGET_MS,
      within_target: reportMs < TARGET_MS && dashboardMs < TARGET_MS,
      node: process.version,
      cpus: os.cpus().length,
      measured_at: new Date().toISOString(),
    };
  } finally {
    await world.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
