import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/database.js";
import { ChangeKind } from "../history/codes.js";
import { type ChildSeen, foldRecord, placementsOf } from "./afcars-fold.js";
import { AFCARS_DETAIL_LENGTH, AFCARS_SUMMARY_LENGTH } from "./afcars-layout.js";
import { CHILD_TARGET, type Column, EPISODE_TARGET, PLACEMENT_TARGET } from "./copy-targets.js";
import type { HistoryLoader } from "./history-loader.js";
import { spanOf } from "./id-span.js";
import { ImportFailed } from "./rejects.js";
import { type ImportOptions, type ImportResult, runImport } from "./run-import.js";

/**
 * Legacy AFCARS foster care files (1993 rule) as outcome histories. A
 * semi-annual file has one record per child: the child, the latest removal
 * episode (LATREMDT, DODFCDT, DISREASN), the current placement (CURSETDT,
 * CURPLSET) and how many placements the episode had (NUMPLEP). What it cannot
 * tell, and how the import handles it (README "Outcomes"):
 *
 * - Earlier placements' dates and settings are not in the file. Each file in
 *   which the episode appears adds its current placement; a placement ends
 *   the day the next one seen starts when NUMPLEP rose by one between the two
 *   files, else on the day after the report period it was last seen in (the
 *   days between are days without placement information, which W1 leaves
 *   out). Before the first placement seen, one placement of unknown setting
 *   from the removal is written only when NUMPLEP says exactly one came
 *   before it — the one case whose dates are known.
 * - Moves are therefore counted from NUMPLEP: the episode keeps it
 *   (reported_placements) and a move count is NUMPLEP − 1 when that is more
 *   than the placements written show.
 * - Earlier episodes: DLSTFCDT ends the previous episode. Its removal date is
 *   known only when TOTALREM is 2 (REM1DT) or an earlier file had it as the
 *   latest episode; its discharge reason only from that earlier file.
 * - Files are given oldest first; for the same child and episode the later
 *   file wins ("latest submission wins", CB DD general note), and an earlier
 *   episode that a later one overlaps is dropped.
 */
const rename: Partial<Record<Column, string>> = {
  child_id: "RECNUMBR",
  site: "FIPSCODE",
  state: "STATE",
  birth_date: "DOB",
  sex: "SEX",
  race_ethnicity: "RACE",
  removal_date: "LATREMDT",
  exit_date: "DODFCDT",
  exit_reason: "DISREASN",
  start_date: "CURSETDT",
  end_date: "DODFCDT",
  setting: "CURPLSET",
};

export async function importAfcars(
  db: Kysely<Database>,
  files: string[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  return runImport(
    db,
    "afcars",
    files,
    options,
    async (loader, _session, meter) => {
      const children = new Map<string, ChildSeen>();
      loader.begin("afcars", null);
      for (const file of files) {
        meter.startFile(path.basename(file));
        await readFile(file, loader, children, () => meter.row());
      }
      await writeHistories(loader, children, options.siteCode !== undefined);
    },
    rename,
  );
}

async function readFile(file: string, loader: HistoryLoader, children: Map<string, ChildSeen>, onRecord: () => void) {
  const name = path.basename(file);
  loader.setFile(name);
  const lines = readline.createInterface({
    input: fs.createReadStream(file, { encoding: "latin1" }),
    crlfDelay: Infinity,
  });
  let line = 0;
  let section: "before" | "summary" | "detail" | "after" = "before";
  for await (const raw of lines) {
    line++;
    let text = raw;
    if (section === "after" || text.trim() === "") continue;
    if (text.startsWith("#")) {
      section = "after"; // the adoption file follows
      continue;
    }
    if (text.startsWith("@")) {
      text = text.slice(1);
      section = "summary";
      if (text.trim() === "") continue;
    }
    if (section === "summary" && text.length <= AFCARS_SUMMARY_LENGTH) {
      section = "detail";
      continue;
    }
    section = "detail";
    onRecord();
    loader.read();
    if (text.length > AFCARS_DETAIL_LENGTH) {
      loader.reject(
        line,
        null,
        `the record is ${text.length} characters; a foster care detail record has ${AFCARS_DETAIL_LENGTH}`,
      );
      continue;
    }
    foldRecord(text.padEnd(AFCARS_DETAIL_LENGTH), line, name, loader, children);
  }
  if (section === "before") {
    loader.fileProblem(name, null, `${name} has no foster care records`);
    throw new ImportFailed(`${name} has no foster care records`, loader.rejectLog);
  }
}

/** The folded histories through the loader's checks: children, then episodes, then placements, each one COPY. */
async function writeHistories(loader: HistoryLoader, children: Map<string, ChildSeen>, withSite: boolean) {
  let rows = 0;
  const pace = async () => {
    if (++rows % 4096 === 0) await loader.drain();
  };
  loader.begin("children", CHILD_TARGET);
  for (const c of children.values()) {
    loader.setFile(c.file);
    loader.read();
    loader.child(
      c.line,
      spanOf(c.id),
      spanOf(withSite ? "" : c.site),
      spanOf(withSite ? "" : c.state),
      c.birth,
      c.sex,
      c.race,
      spanOf(""),
    );
    await pace();
  }
  await loader.endChildren();
  loader.begin("episodes", EPISODE_TARGET);
  for (const c of children.values()) {
    for (const e of c.episodes.sort((a, b) => a.removal - b.removal)) {
      loader.setFile(e.file);
      loader.read();
      loader.episode(e.line, spanOf(c.id), e.removal, e.exit, e.reason, e.numplep);
      await pace();
    }
  }
  await loader.end();
  loader.begin("placements", PLACEMENT_TARGET);
  for (const c of children.values()) {
    for (const e of c.episodes) {
      for (const p of placementsOf(e)) {
        loader.setFile(p.file);
        loader.read();
        loader.placement(p.line, spanOf(c.id), e.removal, p.start, p.end, p.setting, ChangeKind.unknown, spanOf(""));
        await pace();
      }
    }
  }
  await loader.end();
}
