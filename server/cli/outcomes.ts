import { listAreas } from "../modules/outcomes/data/areas.js";
import { readHistoryColumns } from "../modules/outcomes/data/read-columns.js";
import { dayOf, isoOf } from "../modules/outcomes/history/days.js";
import { measureCatalogue, measureIds } from "../modules/outcomes/measures/catalogue.js";
import { computeMeasures, periodStarting } from "../modules/outcomes/measures/engine.js";
import { hiddenParts } from "../modules/outcomes/suppression.js";
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
    if (!start || !/^\d{4}-\d{2}-\d{2}$/.test(start) || isoOf(dayOf(start)) !== start)
      throw new Error("--period-start must be a day YYYY-MM-DD");
    return withDatabase(async (db) => {
      const areas = await listAreas(db);
      const area = values.site ? areas.find((a) => a.code === values.site) : undefined;
      if (values.site && !area) {
        console.error(`There is no outcome area with code ${values.site}.`);
        return 1;
      }
      const columns = await readHistoryColumns(db, area ? { areaIds: [area.id] } : {});
      const period = periodStarting(dayOf(start));
      const [results] = computeMeasures(columns, [period]);
      const rows = measureIds.map((id) => {
        const t = results.total[id];
        const hidden = hiddenParts(t, measureCatalogue[id].unit);
        return {
          measure: id,
          unit: measureCatalogue[id].unit,
          numerator: t.numerator,
          denominator: t.denominator,
          value: t.value,
          suppressed: hidden.numerator || hidden.denominator || hidden.value,
        };
      });
      const scope = area ? area.code : `${areas.length} areas`;
      if (values.json) {
        console.log(
          JSON.stringify(
            {
              period: { start: isoOf(period.start), end: isoOf(period.end) },
              scope,
              children: columns.childCount,
              measures: rows,
            },
            null,
            2,
          ),
        );
        return 0;
      }
      console.log(
        `Outcomes ${isoOf(period.start)} – ${isoOf(period.end)}, ${scope}, ${columns.childCount.toLocaleString("en-US")} children`,
      );
      console.log(
        `${"measure".padEnd(28)} ${"numerator".padStart(12)} ${"denominator".padStart(14)} ${"value".padStart(10)}  unit              suppressed`,
      );
      for (const r of rows) {
        const value = r.value === null ? "—" : String(Math.round(r.value * 100) / 100);
        console.log(
          `${r.measure.padEnd(28)} ${String(r.numerator ?? "—").padStart(12)} ${String(r.denominator).padStart(14)} ${value.padStart(10)}  ${r.unit.padEnd(17)} ${r.suppressed ? "yes" : "no"}`,
        );
      }
      return 0;
    });
  },
};
