import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBundle } from "../../../server/modules/outcomes/import/import-bundle.js";
import { generateBundle } from "../../../server/synthetic/bundle.js";
import { accounts, type OutcomesWorld, outcomesWorld } from "./world.js";

// The README's dashboard figure: a county of 5,000 children (a generated
// history imported into the demo's Fresno County), the requests the site
// dashboard makes, median of several calls on a warm server.
let world: OutcomesWorld;
let dir: string;
const CHILDREN = 5_000;

beforeAll(async () => {
  world = await outcomesWorld();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qpi-dashboard-"));
  await generateBundle({
    out: dir,
    children: CHILDREN,
    seed: 5,
    sites: ["CA-FRESNO"],
    asOf: new Date().toISOString().slice(0, 10),
  });
  const result = await importBundle(world.database.db, dir, { siteCode: "CA-FRESNO" });
  expect(result.status).toBe("completed");
}, 240_000);
afterAll(async () => {
  await world?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

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

describe("a site dashboard for a county of 5,000 children", () => {
  it("answers the report with its 8-period trend, and the whole dashboard, in under a second", async () => {
    const session = await world.as(accounts.coordinator);
    const report = await world.get(session, "/api/outcomes/report?area=CA-FRESNO");
    expect(report.statusCode).toBe(200);
    expect(report.json().area.children).toBeGreaterThan(CHILDREN);
    const reportMs = await median(7, () => world.get(session, "/api/outcomes/report?area=CA-FRESNO"));
    // Everything the dashboard page asks for when it opens.
    const dashboardMs = await median(5, () =>
      Promise.all(
        [
          "/api/outcomes/areas",
          "/api/outcomes/measures",
          "/api/outcomes/report?area=CA-FRESNO",
          "/api/outcomes/before-after?area=CA-FRESNO",
        ].map((url) => world.get(session, url)),
      ),
    );
    console.log(
      `dashboard, ${CHILDREN} children (${world.database.kind}): report + trend ${reportMs.toFixed(0)} ms, whole dashboard ${dashboardMs.toFixed(0)} ms (medians)`,
    );
    expect(reportMs).toBeLessThan(1000);
    expect(dashboardMs).toBeLessThan(1000);
  });
});
