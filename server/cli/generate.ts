import { generateBundle } from "../synthetic/bundle.js";
import { DEFAULT_AS_OF } from "../synthetic/simulation.js";
import type { CliCommand } from "./command.js";

export const generateCommand: CliCommand = {
  name: "generate",
  summary: "Write a synthetic national outcomes bundle (CSV files) for tests, demos and benchmarks",
  help: [
    "Options:",
    "  --children N   number of children (required; 3000000 is about ten years of the country)",
    "  --seed S       generator seed (default 1); the same seed and options make byte-identical files",
    "  --out DIR      folder for children.csv, episodes.csv, placements.csv, maltreatment_reports.csv, homes.csv",
    `  --as-of DAY    the day histories end, YYYY-MM-DD (default ${DEFAULT_AS_OF})`,
    "Children are spread over the 3,143 counties of the 50 states and DC; the files follow",
    "docs/outcomes-csv-bundle.md and load with `qpi import DIR`. No database is used.",
  ].join("\n"),
  options: {
    children: { type: "string" },
    seed: { type: "string" },
    out: { type: "string" },
    "as-of": { type: "string" },
  },
  async run(values) {
    const children = Number(values.children);
    const seed = Number(values.seed ?? 1);
    const out = values.out as string | undefined;
    const asOf = (values["as-of"] as string | undefined) ?? DEFAULT_AS_OF;
    if (!Number.isInteger(children) || children < 1) throw new Error("--children must be a whole number ≥ 1");
    if (!Number.isInteger(seed) || seed < 0) throw new Error("--seed must be a whole number ≥ 0");
    if (!out) throw new Error("--out DIR is required");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
      throw new Error("--as-of must be YYYY-MM-DD");
    const made = await generateBundle({ children, seed, out, asOf });
    const seconds = made.elapsedMs / 1000;
    console.log(`Wrote ${out} (as of ${made.asOf}, seed ${seed}):`);
    console.log(
      `  ${made.children.toLocaleString("en-US")} children, ${made.episodes.toLocaleString("en-US")} ` +
        `episodes, ${made.placements.toLocaleString("en-US")} placements`,
    );
    console.log(
      `  ${made.reports.toLocaleString("en-US")} maltreatment reports, ${made.homes.toLocaleString("en-US")} ` +
        `homes (+ ${made.facilities.toLocaleString("en-US")} facilities)`,
    );
    console.log(
      `  ${(made.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s ` +
        `(${Math.round(made.children / seconds).toLocaleString("en-US")} children/s)`,
    );
    return 0;
  },
};
