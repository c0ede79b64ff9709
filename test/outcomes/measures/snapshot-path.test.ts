import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnsFromHistories } from "../../../server/modules/outcomes/history/columns.js";
import { computeMeasures } from "../../../server/modules/outcomes/measures/engine.js";
import { defaultMeasureOptions } from "../../../server/modules/outcomes/measures/options.js";
import {
  encodeSite,
  readHeader,
  SnapshotAssembler,
  siteMembers,
  throughSnapshots,
} from "../../../server/modules/outcomes/snapshot/format.js";
import { checkEngineAgainstReference } from "./check-engine.js";
import { optionsArbitrary, worldArbitrary } from "./worlds.js";

// The columnar snapshot path (snapshot/format.ts): each site's columns encoded into one blob, the blobs assembled
// again (sites one after another, not children in key order). The reference and property tests again through it,
// and its results byte for byte the row path's.

describe("the snapshot path", () => {
  it("engine = reference through the snapshot, default options", () =>
    checkEngineAgainstReference(fc.constant({ ...defaultMeasureOptions }), 400, throughSnapshots));

  it("engine = reference through the snapshot, random options", () =>
    checkEngineAgainstReference(optionsArbitrary, 400, throughSnapshots));

  it("gives byte-identical results to the columns it was made from", () => {
    fc.assert(
      fc.property(worldArbitrary, optionsArbitrary, (world, options) => {
        const columns = columnsFromHistories(world.histories, world.sites, world.homes);
        const rows = JSON.stringify(computeMeasures(columns, world.periods, options));
        const snapshot = JSON.stringify(computeMeasures(throughSnapshots(columns), world.periods, options));
        expect(snapshot).toBe(rows);
      }),
      { numRuns: 400 },
    );
  });

  it("refuses a blob that is not one, or whose rows do not fit the counts it was sized for", () => {
    fc.assert(
      fc.property(worldArbitrary, (world) => {
        const columns = columnsFromHistories(world.histories, world.sites, world.homes);
        const [first] = siteMembers(columns);
        const body = encodeSite(columns, first.members, first.homes);
        expect(typeof readHeader(body)).toBe("object");
        expect(readHeader(body.subarray(0, body.length - 8))).toBe("its length does not match its counts");
        const wrong = body.slice();
        wrong[0] = 0;
        expect(readHeader(wrong)).toBe("not a snapshot");
        const counts = readHeader(body);
        if (typeof counts === "string" || counts.children === 0) return;
        const small = new SnapshotAssembler(columns.sites, { ...counts, children: counts.children - 1 });
        expect(() => small.add(0, body)).toThrow(/more rows than its counts said/);
      }),
      { numRuns: 50 },
    );
  });
});
