import { figuresForPeriod, isCalendarDay } from "../modules/outcomes/index.js";
import type { CliCommand } from "./command.js";
import { withDatabase } from "./with-database.js";

export const outcomesCommand: CliCommand = {
  name: "outcomes",
  summary: "Print every outcome measure for a 12-month period",
  help: [
    "Usage: qpi outcomes --period-start YYYY-MM-DD [--site CODE] [--json]",
    "  --period-start DAY  the first day of the 12-month period",
    "  --site CODE         one area (a platform site or an imported site code); default: every area",
    "  --json              the figures as JSON",
    "suppressed: a count from 1 to 10 is hidden wherever the figure is shown outside the site's own staff.",
  ].join("\n"),
  options: { "period-start": { type: "string" }, site: { type: "string" }, json: { type: "boolean" } },
  async run(values) {
    const start = values["period-start"] as string | undefined;
    if (!start || !isCalendarDay(start)) throw new Error("--period-start must be a day YYYY-MM-DD");
    return withDatabase(async (db) => {
      const figures = await figuresForPeriod(db, start, values.site as string | undefined);
      if (!figures) {
        console.error(`There is no outcome area with code ${values.site}.`);
        return 1;
      }
      const { period, scope, children, measures: rows } = figures;
      if (values.json) {
        console.log(JSON.stringify({ period, scope, children, measures: rows }, null, 2));
        return 0;
      }
      console.log(`Outcomes ${period.start} – ${period.end}, ${scope}, ${children.toLocaleString("en-US")} children`);
      console.log(
        `${"measure".padEnd(28)} ${"numerator".padStart(12)} ${"denominator".padStart(14)} ` +
          `${"value".padStart(10)}  unit              suppressed`,
      );
      for (const r of rows) {
        const value = r.value === null ? "—" : String(Math.round(r.value * 100) / 100);
        console.log(
          `${r.measure.padEnd(28)} ${String(r.numerator ?? "—").padStart(12)} ` +
            `${String(r.denominator).padStart(14)} ${value.padStart(10)}  ${r.unit.padEnd(17)} ` +
            `${r.suppressed ? "yes" : "no"}`,
        );
      }
      return 0;
    });
  },
};
