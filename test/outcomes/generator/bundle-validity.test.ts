import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BundleCounts, generateBundle } from "../../../server/synthetic/bundle.js";
import { type BundleCheck, checkBundle } from "./bundle-checker.js";

// Every row of a generated bundle keeps docs/outcomes-csv-bundle.md, as read
// by an independent checker (bundle-checker.ts), and the data gaps real
// files have are there, but rare.
const AS_OF = "2025-09-30";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qpi-generate-valid-"));
let made: BundleCounts;
let check: BundleCheck;

beforeAll(async () => {
  made = await generateBundle({ children: 25_000, seed: 9, out: dir, asOf: AS_OF });
  check = checkBundle(dir, AS_OF);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("a generated bundle", () => {
  it(`keeps every rule of the spec: codes, dates in order, placements \
inside their episode, no overlaps, homes open while used`, () => {
    expect(check.problems).toEqual([]);
  });

  it("has rows in every file and reports what it wrote", () => {
    expect(check.rows).toEqual({
      children: made.children,
      episodes: made.episodes,
      placements: made.placements,
      reports: made.reports,
      homes: made.homes,
    });
    expect(made.children).toBe(25_000);
    expect(made.episodes).toBeGreaterThan(made.children);
    expect(made.placements).toBeGreaterThan(2 * made.episodes);
    expect(made.reports).toBeGreaterThan(made.children);
    expect(made.bytes).toBe(
      ["children.csv", "episodes.csv", "placements.csv", "maltreatment_reports.csv", "homes.csv"].reduce(
        (n, f) => n + fs.statSync(path.join(dir, f)).size,
        0,
      ),
    );
  });

  it("has the gaps real data have — exits without a reason, missing birth dates — but few", () => {
    expect(check.exitsWithoutReason).toBeGreaterThan(0);
    expect(check.exitsWithoutReason).toBeLessThan(0.015 * made.episodes);
    expect(check.childrenWithoutBirthDate).toBeGreaterThan(0);
    expect(check.childrenWithoutBirthDate).toBeLessThan(0.01 * made.children);
    expect(check.familyPlacementsWithoutHome).toBeLessThan(0.01 * made.placements);
  });

  it("spreads the children over all 50 states and DC with valid site codes", () => {
    const lines = fs.readFileSync(path.join(dir, "children.csv"), "utf8").trimEnd().split("\n").slice(1);
    const states = new Set(lines.map((l) => l.split(",")[2]));
    const sites = new Set(lines.map((l) => l.split(",")[1]));
    expect(states.size).toBe(51);
    expect(sites.size).toBeGreaterThan(1_500);
  });

  it(`places siblings together in the same home, and has trial \
home visits, runaways, congregate care and kin homes`, () => {
    const placements = fs
      .readFileSync(path.join(dir, "placements.csv"), "utf8")
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
    const bySetting = new Map<string, number>();
    for (const p of placements) bySetting.set(p[4], (bySetting.get(p[4]) ?? 0) + 1);
    for (const setting of [
      "trial_home_visit",
      "runaway",
      "group_home",
      "institution",
      "relative_family_home",
      "pre_adoptive_home",
      "supervised_independent_living",
    ]) {
      expect(bySetting.get(setting) ?? 0, setting).toBeGreaterThan(0);
    }
    const childrenPerHomeStart = new Map<string, Set<string>>();
    for (const p of placements) {
      if (!p[6]) continue;
      const key = `${p[6]}|${p[2]}`;
      childrenPerHomeStart.set(key, (childrenPerHomeStart.get(key) ?? new Set()).add(p[0]));
    }
    const sharedArrivals = [...childrenPerHomeStart.values()].filter((c) => c.size > 1).length;
    expect(sharedArrivals).toBeGreaterThan(1_000);
  });
});
