import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/database.js";
import { ChangeKind, UNKNOWN_SETTING } from "../history/codes.js";
import { NO_DAY } from "../history/days.js";
import { AFCARS_DETAIL_LENGTH, AFCARS_SUMMARY_LENGTH, afcarsFields, stateByFips } from "./afcars-layout.js";
import { dayFromParts, INVALID } from "./field-values.js";
import { CHILD_TARGET, type Column, EPISODE_TARGET, type HistoryLoader, PLACEMENT_TARGET } from "./history-loader.js";
import { spanOf } from "./id-span.js";
import { type ImportOptions, type ImportResult, runImport } from "./import-bundle.js";
import { ImportFailed } from "./rejects.js";

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
interface PlacementSeen {
  start: number;
  setting: number;
  numplep: number;
  /** The last day of the report period of the file that saw it. */
  seenUntil: number;
  file: string;
  line: number;
}

interface EpisodeSeen {
  removal: number;
  exit: number;
  reason: number;
  numplep: number;
  placements: PlacementSeen[];
  file: string;
  line: number;
}

interface ChildSeen {
  id: string;
  site: string;
  state: string;
  birth: number;
  sex: number;
  race: number;
  episodes: EpisodeSeen[];
  file: string;
  line: number;
}

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

const field = (record: string, name: string) => {
  const f = afcarsFields[name];
  return record.slice(f.start, f.start + f.size).trim();
};

/** CCYYMMDD; NO_DAY when blank; INVALID otherwise. */
function afcarsDay(text: string): number {
  if (text === "") return NO_DAY;
  if (!/^\d{8}$/.test(text)) return INVALID;
  return dayFromParts(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)));
}

function raceOf(record: string): number {
  if (field(record, "HISORGIN") === "1") return 7; // hispanic of any race
  const flags = ["AMIAKN", "ASIAN", "BLKAFRAM", "HAWAIIPI", "WHITE"].map((n) => field(record, n) === "1");
  const count = flags.filter(Boolean).length;
  if (count === 0) return 0;
  return count > 1 ? 6 : flags.indexOf(true) + 1;
}

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

/** One detail record into the child's history so far (later files overwrite earlier ones). */
function foldRecord(
  record: string,
  line: number,
  file: string,
  loader: HistoryLoader,
  children: Map<string, ChildSeen>,
) {
  const id = field(record, "RECNUMBR");
  if (id === "") return loader.reject(line, "child_id", "RECNUMBR is required");
  const days: Record<string, number> = {};
  for (const name of ["DOB", "REM1DT", "DLSTFCDT", "LATREMDT", "CURSETDT", "DODFCDT"]) {
    days[name] = afcarsDay(field(record, name));
    if (days[name] === INVALID)
      return loader.rejectAs(line, name, `${name} "${field(record, name)}" is not a date CCYYMMDD`);
  }
  if (days.LATREMDT === NO_DAY) return loader.reject(line, "removal_date", "LATREMDT is required");
  const sex = { "": 0, "1": 1, "2": 2 }[field(record, "SEX")];
  if (sex === undefined) return loader.reject(line, "sex", `SEX "${field(record, "SEX")}" is not 1 or 2`);
  const setting = field(record, "CURPLSET");
  if (setting !== "" && !/^[1-8]$/.test(setting))
    return loader.reject(line, "setting", `CURPLSET "${setting}" is not 1–8`);
  const reason = field(record, "DISREASN");
  if (reason !== "" && !/^[0-8]$/.test(reason))
    return loader.reject(line, "exit_reason", `DISREASN "${reason}" is not 0–8`);
  const numplep = Number(field(record, "NUMPLEP") || 0);
  const period = field(record, "REPDAT");
  const seenUntil = /^\d{6}$/.test(period)
    ? dayFromParts(
        Number(period.slice(0, 4)),
        Number(period.slice(4, 6)) + 1 > 12 ? 1 : Number(period.slice(4, 6)) + 1,
        1,
      )
    : INVALID;
  const periodEnd =
    seenUntil === INVALID
      ? NO_DAY
      : Number(period.slice(4, 6)) === 12
        ? dayFromParts(Number(period.slice(0, 4)) + 1, 1, 1) - 1
        : seenUntil - 1;
  const stateText = field(record, "STATE");
  const state = stateByFips[stateText] ?? stateText.toUpperCase();
  const fips = field(record, "FIPSCODE");
  const child: ChildSeen = children.get(id) ?? {
    id,
    site: "",
    state,
    birth: NO_DAY,
    sex: 0,
    race: 0,
    episodes: [],
    file,
    line,
  };
  Object.assign(child, {
    site: /^\d{5}$/.test(fips) && fips !== "00000" ? `${state}-${fips}` : state,
    state,
    birth: days.DOB,
    sex,
    race: raceOf(record),
    file,
    line,
  });
  children.set(id, child);
  const exit = days.DODFCDT;
  let episode = child.episodes.find((e) => e.removal === days.LATREMDT);
  // A later submission's episode replaces earlier ones it overlaps (a corrected removal date).
  child.episodes = child.episodes.filter(
    (e) =>
      e === episode ||
      !(e.removal <= (exit === NO_DAY ? Infinity : exit) && days.LATREMDT <= (e.exit === NO_DAY ? Infinity : e.exit)),
  );
  if (!episode) {
    episode = { removal: days.LATREMDT, exit, reason: 0, numplep, placements: [], file, line };
    child.episodes.push(episode);
  }
  Object.assign(episode, { exit, reason: Number(reason || 0), numplep, file, line });
  if (setting !== "" && days.CURSETDT !== NO_DAY) {
    episode.placements = episode.placements.filter((p) => p.start !== days.CURSETDT);
    episode.placements.push({
      start: days.CURSETDT,
      setting: Number(setting),
      numplep,
      seenUntil: periodEnd,
      file,
      line,
    });
  }
  previousEpisode(child, days, Number(field(record, "TOTALREM") || 0), file, line);
}

/** DLSTFCDT: the discharge that ended the episode before this one. */
function previousEpisode(
  child: ChildSeen,
  days: Record<string, number>,
  totalRemovals: number,
  file: string,
  line: number,
) {
  const discharged = days.DLSTFCDT;
  if (discharged === NO_DAY || discharged >= days.LATREMDT) return;
  const earlier = child.episodes.filter((e) => e.removal < days.LATREMDT).sort((a, b) => b.removal - a.removal)[0];
  if (earlier) {
    if (earlier.exit === NO_DAY || earlier.exit > discharged) earlier.exit = discharged;
    return;
  }
  if (totalRemovals === 2 && days.REM1DT !== NO_DAY && days.REM1DT <= discharged) {
    child.episodes.push({ removal: days.REM1DT, exit: discharged, reason: 0, numplep: 0, placements: [], file, line });
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

/** The placements an episode's records show (see the module comment for what they cannot). */
export function placementsOf(
  e: EpisodeSeen,
): { start: number; end: number; setting: number; file: string; line: number }[] {
  const seen = [...e.placements].sort((a, b) => a.start - b.start);
  const out: { start: number; end: number; setting: number; file: string; line: number }[] = [];
  if (seen.length && seen[0].start > e.removal && seen[0].numplep === 2) {
    out.push({
      start: e.removal,
      end: seen[0].start,
      setting: UNKNOWN_SETTING,
      file: seen[0].file,
      line: seen[0].line,
    });
  }
  seen.forEach((p, i) => {
    const next = seen[i + 1];
    let end = e.exit;
    if (next) {
      const unseenBetween = p.numplep > 0 && next.numplep > 0 && next.numplep - p.numplep > 1;
      end = unseenBetween && p.seenUntil !== NO_DAY ? Math.min(next.start, p.seenUntil + 1) : next.start;
    }
    out.push({ start: p.start, end, setting: p.setting, file: p.file, line: p.line });
  });
  return out;
}
