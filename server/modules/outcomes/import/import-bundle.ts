import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/database.js";
import { bundleFiles, readHeader } from "./bundle-files.js";
import { CsvSyntaxError, fieldText, scanCsvFile } from "./csv-scanner.js";
import { FieldReader } from "./field-reader.js";
import type { HistoryLoader } from "./history-loader.js";
import type { ProgressMeter } from "./progress.js";
import { ImportFailed } from "./rejects.js";
import { type ImportOptions, type ImportResult, runImport } from "./run-import.js";

export type { ImportOptions, ImportResult } from "./run-import.js";

/**
 * Imports a CSV bundle (docs/outcomes-csv-bundle.md) in one transaction:
 * every row checked, the valid ones written by binary COPY while the files
 * are parsed, and the batch committed whole or not at all.
 */
export async function importBundle(
  db: Kysely<Database>,
  dir: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const present = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .sort();
  const known = new Set(bundleFiles.map((f) => f.name));
  const unknown = present.filter((f) => !known.has(f));
  const files = bundleFiles.filter((f) => present.includes(f.name)).map((f) => path.join(dir, f.name));
  return runImport(db, "csv_bundle", files, options, async (loader, _session, meter) => {
    const rejects: [string, string][] = [
      ...unknown.map((f): [string, string] => [f, `unknown file ${f} (a bundle has ${[...known].join(", ")})`]),
      ...bundleFiles
        .filter((f) => f.required && !present.includes(f.name))
        .map((f): [string, string] => [f.name, `${f.name} is missing`]),
    ];
    if (rejects.length) {
      for (const [file, reason] of rejects) loader.fileProblem(file, null, reason);
      throw new ImportFailed(rejects.map((r) => r[1]).join("; "), loader.rejectLog);
    }
    for (const file of bundleFiles) {
      if (!present.includes(file.name)) continue;
      await loadCsvFile(loader, path.join(dir, file.name), file, options.siteCode !== undefined, meter);
    }
  });
}

async function loadCsvFile(
  loader: HistoryLoader,
  filePath: string,
  file: (typeof bundleFiles)[number],
  withSite: boolean,
  meter: ProgressMeter,
) {
  let reader: FieldReader | null = null;
  let headerCount = 0;
  let problem: string | null = null;
  meter.startFile(file.name);
  try {
    await scanCsvFile(
      filePath,
      (record) => {
        if (problem) return;
        if (!reader) {
          const header = Array.from({ length: record.count }, (_, f) => fieldText(record, f).replace(/^\uFEFF/, ""));
          const read = readHeader(file, header, withSite);
          if ("problems" in read) {
            for (const p of read.problems) loader.fileProblem(file.name, p.column, p.reason, 1);
            problem = read.problems[0].reason;
            return;
          }
          headerCount = record.count;
          reader = new FieldReader(read.index, loader);
          loader.begin(file.name, file.target);
          return;
        }
        loader.read();
        meter.row();
        reader.record = record;
        if (record.count !== headerCount) {
          loader.reject(record.line, null, `the row has ${record.count} fields, the header ${headerCount}`);
          const id = reader.childId();
          if (id) loader.childRowRejected(id);
          return;
        }
        file.row(loader, reader);
      },
      async (bytesDone) => {
        meter.bytes(bytesDone);
        await loader.drain();
      },
    );
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    loader.fileProblem(file.name, null, `not valid CSV: ${error.message}`, error.line);
    problem = error.message;
  }
  if (!reader && !problem) {
    loader.fileProblem(file.name, null, `${file.name} is empty (it needs at least its header)`, 1);
    problem = "empty file";
  }
  if (problem) throw new ImportFailed(`${file.name}: ${problem}`, loader.rejectLog);
  if (file.name === "children.csv") await loader.endChildren();
  else if (file.name === "homes.csv") await loader.endHomes();
  else await loader.end();
}
