import { describe, expect, it } from "vitest";
import { dayOf, isoOf } from "../../../server/modules/outcomes/history/days.js";
import { calibrationPeriod } from "../../../server/synthetic/calibration-period.js";
import { BENCHMARK_COUNTY, geographyOf, nationalGeography } from "../../../server/synthetic/geography.js";
import { generateHistories } from "../../../server/synthetic/histories.js";

const shares = (cumulative: Float64Array) =>
  Array.from(cumulative, (c, i) => (c - (i ? cumulative[i - 1] : 0)) / cumulative[cumulative.length - 1]);

describe("the generator's geography", () => {
  const geo = nationalGeography();
  const share = shares(geo.cumulativeWeight);

  it("has every county equivalent of the 50 states and DC, with site codes the spec accepts", () => {
    expect(geo.sites).toHaveLength(3_143);
    expect(new Set(geo.sites).size).toBe(3_143);
    expect(new Set(geo.siteState).size).toBe(51);
    geo.sites.forEach((code, i) => {
      expect(code).toMatch(/^[A-Z0-9-]{2,32}$/);
      expect(code.startsWith(`${geo.siteState[i]}-`)).toBe(true);
    });
    expect(geo.sites).toContain("CA-06037");
    expect(geo.sites).toContain("DC-11001");
  });

  it(`is heavy-tailed: a few very large counties, many small ones, \
and the benchmark county at ≈5,000 of 3,000,000 children`, () => {
    // Roughly as people live: the largest county (Los Angeles) over 2 %, the 30 largest over a fifth, the median county
    // tiny.
    const sorted = [...share].sort((a, b) => b - a);
    expect(sorted[0]).toBeGreaterThan(0.02);
    expect(sorted.slice(0, 30).reduce((a, b) => a + b, 0)).toBeGreaterThan(0.2);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(0.0002);
    expect(share[geo.sites.indexOf("CA-06037")]).toBe(Math.max(...share.filter((_, i) => geo.siteState[i] === "CA")));
    expect(share[geo.sites.indexOf(BENCHMARK_COUNTY)] * 3_000_000).toBeCloseTo(5_000, -2);
  });

  it("is the same for every seed, and tilts states by CB's state profiles around a national mean of 1", () => {
    expect(nationalGeography()).toBe(geo);
    const mean = geo.effects.reduce((sum, e, i) => sum + e.permanency * share[i], 0);
    expect(mean).toBeCloseTo(1, 6);
    const il = geo.effects[geo.sites.indexOf("IL-17031")].permanency;
    const co = geo.effects[geo.sites.indexOf("CO-08001")].permanency;
    expect(il).toBeLessThan(co); // P1 23A23B: Illinois 0.42 × national, Colorado 1.46 ×
  });

  it("can be narrowed for tests: the n largest counties, or given site codes", () => {
    expect(geographyOf(5).sites).toContain("CA-06037");
    const custom = generateHistories({ children: 500, seed: 1, sites: ["CA-06019", "MN-27053", "TEST-A"] });
    expect(custom.sites).toEqual(["CA-06019", "MN-27053", "TEST-A"]);
    expect(custom.siteStates).toEqual(["CA", "MN", ""]);
    expect(new Set(custom.histories.map((h) => h.site))).toEqual(new Set([0, 1, 2]));
    expect(() => geographyOf(["lower-case"])).toThrow(/site code/);
  });

  it("calibrates on the federal fiscal year ending two years before the as-of day", () => {
    const fy = (asOf: string) => {
      const p = calibrationPeriod(dayOf(asOf));
      return `${isoOf(p.start)}..${isoOf(p.end)}`;
    };
    expect(fy("2025-09-30")).toBe("2022-10-01..2023-09-30");
    expect(fy("2025-09-29")).toBe("2021-10-01..2022-09-30");
    expect(fy("2026-06-30")).toBe("2022-10-01..2023-09-30");
  });
});
