import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isoOf, NO_DAY } from "../../../server/modules/outcomes/history/days.js";
import { generateBundle } from "../../../server/synthetic/bundle.js";
import { generateHistories } from "../../../server/synthetic/histories.js";

const files = ["children.csv", "episodes.csv", "placements.csv", "maltreatment_reports.csv", "homes.csv"];
const root = fs.mkdtempSync(path.join(os.tmpdir(), "qpi-generate-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const digest = (dir: string, file: string) =>
  createHash("sha256")
    .update(fs.readFileSync(path.join(dir, file)))
    .digest("hex");
const rows = (dir: string, file: string) =>
  fs.readFileSync(path.join(dir, file), "utf8").trimEnd().split("\n").slice(1);

describe("qpi generate is deterministic", () => {
  const options = { children: 5_000, seed: 41, asOf: "2025-09-30" };
  const dir = (name: string) => path.join(root, name);

  it("writes byte-identical files for the same seed, and different ones for another seed", async () => {
    const a = await generateBundle({ ...options, out: dir("a") });
    const b = await generateBundle({ ...options, out: dir("b") });
    const _c = await generateBundle({ ...options, seed: 42, out: dir("c") });
    expect(b).toMatchObject({
      children: a.children,
      episodes: a.episodes,
      placements: a.placements,
      reports: a.reports,
      homes: a.homes,
    });
    expect(a.children).toBe(5_000);
    for (const file of files) {
      expect(digest(dir("a"), file), file).toBe(digest(dir("b"), file));
      expect(digest(dir("a"), file), file).not.toBe(digest(dir("c"), file));
    }
    // The benchmark's spelling (folder first) is the same bundle.
    await generateBundle(dir("d"), options);
    for (const file of files) expect(digest(dir("d"), file), file).toBe(digest(dir("a"), file));
  });

  it("gives in memory the same children it writes to the files (one simulation)", () => {
    const { histories, homes } = generateHistories(options);
    expect(histories).toHaveLength(5_000);
    expect(rows(dir("a"), "children.csv").map((r) => r.split(",")[0])).toEqual(histories.map((h) => `C${h.key}`));
    const episodes = histories.flatMap((h) =>
      h.episodes.map((e) => [`C${h.key}`, isoOf(e.removalDay), e.exitDay === NO_DAY ? "" : isoOf(e.exitDay)].join(",")),
    );
    expect(rows(dir("a"), "episodes.csv").map((r) => r.split(",").slice(0, 3).join(","))).toEqual(episodes);
    const placementStarts = histories.flatMap((h) =>
      h.episodes.flatMap((e) => e.placements.map((p) => `C${h.key},${isoOf(p.startDay)}`)),
    );
    expect(
      rows(dir("a"), "placements.csv").map((r) => {
        const f = r.split(",");
        return `${f[0]},${f[2]}`;
      }),
    ).toEqual(placementStarts);
    expect(rows(dir("a"), "maltreatment_reports.csv")).toHaveLength(
      histories.reduce((n, h) => n + h.reports.length, 0),
    );
    expect(rows(dir("a"), "homes.csv")).toHaveLength(homes.length);
  });

  it("ends every history on the as-of day", () => {
    const { histories, firstDay, asOfDay } = generateHistories({ children: 2_000, seed: 3, asOf: "2019-06-30" });
    expect(isoOf(asOfDay)).toBe("2019-06-30");
    for (const h of histories) {
      for (const e of h.episodes) {
        expect(e.removalDay).toBeGreaterThanOrEqual(firstDay);
        expect(e.removalDay).toBeLessThanOrEqual(asOfDay);
        if (e.exitDay !== NO_DAY) expect(e.exitDay).toBeLessThanOrEqual(asOfDay);
      }
      for (const r of h.reports) expect(r.reportDay).toBeLessThanOrEqual(asOfDay);
    }
  });

  it("refuses options it cannot honour", async () => {
    expect(() => generateHistories({ children: -1, seed: 1 })).toThrow(/children/);
    expect(() => generateHistories({ children: 10, seed: 1.5 })).toThrow(/seed/);
    expect(() => generateHistories({ children: 10, seed: 1, asOf: "30/09/2025" })).toThrow(/asOf/);
    await expect(generateBundle({ children: 10, seed: 1, out: dir("bad"), sites: ["NOSTATE"] })).rejects.toThrow(
      /state/,
    );
  });
});
