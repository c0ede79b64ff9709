import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { qpiCli } from "../../support/qpi-cli.js";
import { submission } from "./afcars-fixture.js";
import { removeWrittenBundles, sampleBundle, writeBundle } from "./bundle-fixture.js";

// `qpi import` and `qpi outcomes` run as a user runs them (a separate process),
// on the embedded database in a temporary folder or a fresh PostgreSQL database.
const cli = qpiCli("qpi_ocli", removeWrittenBundles);
const qpi = cli.run;

describe("qpi import and qpi outcomes", () => {
  it("prints the first 50 rejected rows and their count, and writes nothing", () => {
    const bundle = sampleBundle();
    for (let i = 0; i < 60; i++) bundle["episodes.csv"].push({ child_id: `NOBODY${i}`, removal_date: "2020-01-01" });
    const { code, out } = qpi("import", writeBundle(bundle));
    expect(code).toBe(1);
    expect(out).toMatch(/^60 rejected rows \(the first 50; all are kept with batch \d+\):$/m);
    expect(out).toMatch(/episodes\.csv\s+65 read\s+5 valid\s+60 rejected/);
    expect(out).toContain("episodes.csv:7 child_id: child_id NOBODY0 is not in the children file");
    expect(out).toContain("episodes.csv:56 child_id: child_id NOBODY49 is not in the children file");
    expect(out).not.toContain("NOBODY50 ");
    expect(out).toMatch(/Import failed, nothing was written \(batch \d+\): 60 rejected rows/);
  });

  it("imports a bundle, says so when it is the same again, and prints every measure of a period", () => {
    const dir = writeBundle(sampleBundle());
    const first = qpi("import", dir);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toMatch(/placements\.csv\s+5 read\s+5 written\s+0 rejected/);
    const batch = /Imported batch (\d+) in/.exec(first.out)![1];
    const again = qpi("import", dir);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(
      new RegExp(`^Unchanged: this bundle .* is the one batch ${batch} imported; nothing was written\\.`, "m"),
    );

    const json = qpi("outcomes", "--period-start", "2020-01-01", "--json");
    expect(json.code, json.out).toBe(0);
    const figures = JSON.parse(json.out) as {
      period: { start: string; end: string };
      children: number;
      measures: { measure: string; numerator: number | null; denominator: number; suppressed: boolean }[];
    };
    expect(figures.period).toEqual({ start: "2020-01-01", end: "2020-12-31" });
    expect(figures.children).toBe(4);
    const entries = figures.measures.find((m) => m.measure === "entries")!;
    expect(entries.numerator ?? entries.denominator).toBeGreaterThan(0);
    // Counts of 1 to 10 are suppressed outside the site's own staff: every figure of four children is.
    expect(entries.suppressed).toBe(true);
    expect(figures.measures).toHaveLength(22);

    const table = qpi("outcomes", "--period-start", "2020-01-01", "--site", "TX-TRAVIS");
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^Outcomes 2020-01-01 – 2020-12-31, TX-TRAVIS, 2 children/m);
    expect(table.out).toMatch(/^placement_stability\s+\S+\s+\S+\s+\S+\s+per_1000_days\s+(yes|no)$/m);
    expect(qpi("outcomes", "--period-start", "2020-02-30").out).toMatch(/--period-start must be a day/);
    expect(qpi("outcomes", "--period-start", "2020-01-01", "--site", "NOWHERE").code).toBe(1);
  });

  it("imports legacy AFCARS files", () => {
    const file = path.join(cli.dataDir, "2021A.dat");
    fs.writeFileSync(
      file,
      submission("202103", [
        {
          RECNUMBR: "R1",
          DOB: "20100101",
          SEX: "1",
          LATREMDT: "20200601",
          CURSETDT: "20200601",
          NUMPLEP: "01",
          CURPLSET: "2",
        },
      ]),
    );
    const { code, out } = qpi("import", "--afcars", file);
    expect(code, out).toBe(0);
    expect(out).toMatch(/children\s+1 read\s+1 written/);
    expect(qpi("import").out).toMatch(/Name the bundle folder/);
  });

  it(`refuses a bundle that would remove stored rows unless \
asked, and says what each file adds, replaces, removes`, () => {
    const bundle = sampleBundle();
    expect(qpi("import", writeBundle(bundle)).code).toBe(0);
    const headerOnly = writeBundle({ ...bundle, "placements.csv": "child_id,removal_date,start_date,setting\n" });
    const refused = qpi("import", headerOnly);
    expect(refused.code, refused.out).toBe(1);
    expect(refused.out).toMatch(
      /placements\.csv\s+0 read\s+0 valid\s+0 rejected\s+would add\s+0, replace\s+0, remove\s+5 stored/,
    );
    expect(refused.out).toMatch(
      new RegExp(
        /Import failed, nothing was written \(batch \d+\): placements\.csv would remove 5 of the 5 stored /.source +
          /placements of its areas \(100 %, more than the 1 % allowed\); /.source +
          /check the bundle, or import it with --allow-removals/.source,
      ),
    );
    const allowed = qpi("import", headerOnly, "--allow-removals");
    expect(allowed.code, allowed.out).toBe(0);
    expect(allowed.out).toMatch(
      /episodes\.csv\s+5 read\s+5 written\s+0 rejected\s+add\s+0, replace\s+5, remove\s+0 stored/,
    );
    expect(allowed.out).toMatch(
      /placements\.csv\s+0 read\s+0 written\s+0 rejected\s+add\s+0, replace\s+0, remove\s+5 stored/,
    );
    expect(qpi("import", headerOnly, "--allow-removals", "--max-removals", "5").out).toMatch(/not both/);
  });
});
