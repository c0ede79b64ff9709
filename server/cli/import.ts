import { type ImportProgress, type ImportResult, importAfcars, importBundle } from "../modules/outcomes/index.js";
import type { CliCommand } from "./command.js";
import { withDatabase } from "./with-database.js";

const SHOWN_REJECTS = 50;

/** One updating line on a terminal; nothing when the output is a file or a pipe. */
function progressLine(p: ImportProgress) {
  if (!process.stdout.isTTY) return;
  const line =
    `${p.file}: ${p.rows.toLocaleString("en-US")} rows, ${p.rowsPerSecond.toLocaleString("en-US")} rows/s, ` +
    `${p.percent.toFixed(1)} % of ${(p.bytesTotal / 1e6).toFixed(0)} MB`;
  process.stdout.write(`\r${line.padEnd(process.stdout.columns ? process.stdout.columns - 1 : 100)}`);
  if (p.done) process.stdout.write("\n");
}

export function printImportResult(result: ImportResult): number {
  if (result.status === "unchanged") {
    console.log(
      `Unchanged: this bundle (SHA-256 ${result.sha256.slice(0, 12)}…) is the one batch ${result.batchId} ` +
        `imported; nothing was written.`,
    );
    return 0;
  }
  // A failed batch wrote nothing: its rows are "valid", not "written".
  const kept = result.status === "failed" ? "valid" : "written";
  // What each file does to the stored rows ("would" for a batch that was not written).
  const would = result.status === "failed" ? "would " : "";
  const n = (value: number, width: number) => value.toLocaleString("en-US").padStart(width);
  for (const [file, c] of Object.entries(result.counts)) {
    const change = result.changes[file];
    const changes = change
      ? `   ${would}add ${n(change.added, 9)}, replace ${n(change.replaced, 9)}, remove ${n(change.removed, 9)} stored`
      : "";
    console.log(
      `  ${file.padEnd(26)} ${String(c.read).padStart(10)} read ${String(c.written).padStart(10)} ${kept} ` +
        `${String(c.rejected).padStart(8)} rejected${changes}`,
    );
  }
  if (result.keptChildren)
    console.log(
      `${result.keptChildren.toLocaleString("en-US")} ` +
        `${result.keptChildren === 1 ? "child keeps its" : "children keep their"} stored history: a row of ` +
        `theirs was rejected.`,
    );
  if (result.rejectedCount) {
    const which =
      result.rejectedCount > SHOWN_REJECTS
        ? ` (the first ${SHOWN_REJECTS}; all are kept with batch ${result.batchId})`
        : "";
    console.log(`${result.rejectedCount} rejected row${result.rejectedCount === 1 ? "" : "s"}${which}:`);
    for (const r of result.rejects.slice(0, SHOWN_REJECTS))
      console.log(`  ${r.file}:${r.line}${r.column ? ` ${r.column}` : ""}: ${r.reason}`);
  }
  if (result.status === "failed") {
    console.error(`Import failed, nothing was written (batch ${result.batchId}): ${result.error}`);
    return 1;
  }
  console.log(`Imported batch ${result.batchId} in ${result.seconds.toFixed(1)} s.`);
  return 0;
}

export const importCommand: CliCommand = {
  name: "import",
  summary: "Import outcome histories: a CSV bundle folder, or legacy AFCARS files with --afcars",
  help: [
    "Usage: qpi import DIR [--site CODE] [--max-rejects N] [--max-removals P | --allow-removals]",
    "       qpi import --afcars FILE... [same options]",
    "",
    "  DIR              a CSV bundle (docs/outcomes-csv-bundle.md): children.csv, episodes.csv, placements.csv,",
    "                   maltreatment_reports.csv and homes.csv (the last two optional)",
    "  --afcars         the arguments are AFCARS foster care files (1993 layout), oldest first; the latest wins",
    "  --site CODE      every row goes to this platform site (the files' site and state columns may be left out)",
    "  --max-rejects N  write the batch even with up to N rejected rows (default 0: every row must be valid);",
    "                   a child named again with a rejected row keeps its stored history",
    "  --max-removals P refuse the batch when a file would remove more than P % of its stored rows in the",
    "                   batch's areas (default 1)",
    "  --allow-removals write the batch whatever it removes",
    "The batch is written whole or not at all; the same bundle again changes nothing. Each file's line says how many",
    'stored rows it adds, replaces and removes (docs/outcomes-csv-bundle.md, "Sending a bundle again").',
  ].join("\n"),
  options: {
    site: { type: "string" },
    "max-rejects": { type: "string" },
    "max-removals": { type: "string" },
    "allow-removals": { type: "boolean" },
    afcars: { type: "boolean" },
  },
  async run(values, positionals) {
    const maxRejects = values["max-rejects"] === undefined ? 0 : Number(values["max-rejects"]);
    if (!Number.isInteger(maxRejects) || maxRejects < 0) throw new Error("--max-rejects must be a whole number ≥ 0");
    const maxRemovals = values["max-removals"] === undefined ? 1 : Number(values["max-removals"]);
    if (values["max-removals"] === "" || !(maxRemovals >= 0 && maxRemovals <= 100))
      throw new Error("--max-removals must be a percentage from 0 to 100");
    const allowRemovals = values["allow-removals"] === true;
    if (allowRemovals && values["max-removals"] !== undefined)
      throw new Error("Give --max-removals or --allow-removals, not both.");
    if (positionals.length === 0)
      throw new Error(values.afcars ? "Name the AFCARS files to import." : "Name the bundle folder to import.");
    if (!values.afcars && positionals.length > 1)
      throw new Error("Name one bundle folder (or use --afcars for files).");
    const options = {
      siteCode: values.site as string | undefined,
      maxRejects,
      maxRemovalsPercent: maxRemovals,
      allowRemovals,
      onProgress: progressLine,
    };
    return withDatabase(async (db) => {
      const result = values.afcars
        ? await importAfcars(db, positionals, options)
        : await importBundle(db, positionals[0], options);
      return printImportResult(result);
    });
  },
};
