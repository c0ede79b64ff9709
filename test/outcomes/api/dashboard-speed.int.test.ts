import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBundle } from "../../../server/modules/outcomes/import/import-bundle.js";
import { generateBundle } from "../../../server/synthetic/bundle.js";
import { accounts, type OutcomesWorld, outcomesWorld } from "./world.js";

// The dashboard of the README's figure answers right for a county of 5,000
// children (a generated history imported into the demo's Fresno County). Its
// speed is measured by `npm run bench -- dashboard` (bench/dashboard.ts), not
// asserted here: a wall clock on a shared CI machine is not a test of the code.
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

describe("a site dashboard for a county of 5,000 children", () => {
  it("answers the report with its 8-period trend, and every request of the whole dashboard", async () => {
    const session = await world.as(accounts.coordinator);
    const report = await world.get(session, "/api/outcomes/report?area=CA-FRESNO");
    expect(report.statusCode).toBe(200);
    expect(report.json().area.children).toBeGreaterThan(CHILDREN);
    // Everything the dashboard page asks for when it opens. How fast: `npm run bench -- dashboard`.
    const dashboard = await Promise.all(
      [
        "/api/outcomes/areas",
        "/api/outcomes/measures",
        "/api/outcomes/report?area=CA-FRESNO",
        "/api/outcomes/before-after?area=CA-FRESNO",
      ].map((url) => world.get(session, url)),
    );
    expect(dashboard.map((response) => response.statusCode)).toEqual([200, 200, 200, 200]);
  });
});
