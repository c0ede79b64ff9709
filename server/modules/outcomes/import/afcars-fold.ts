import { UNKNOWN_SETTING } from "../history/codes.js";
import { NO_DAY } from "../history/days.js";
import { afcarsFields, stateByFips } from "./afcars-layout.js";
import type { Column } from "./copy-targets.js";
import { dayFromParts, INVALID } from "./field-values.js";
import type { HistoryLoader } from "./history-loader.js";
import { spanOf } from "./id-span.js";

/**
 * AFCARS detail records folded, file after file, into each child's history
 * (the rules and what the records cannot tell: afcars-import.ts).
 */
export interface PlacementSeen {
  start: number;
  setting: number;
  numplep: number;
  /** The last day of the report period of the file that saw it. */
  seenUntil: number;
  file: string;
  line: number;
}

export interface EpisodeSeen {
  removal: number;
  exit: number;
  reason: number;
  numplep: number;
  placements: PlacementSeen[];
  file: string;
  line: number;
}

export interface ChildSeen {
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

/** One detail record into the child's history so far (later files overwrite earlier ones). */
export function foldRecord(
  record: string,
  line: number,
  file: string,
  loader: HistoryLoader,
  children: Map<string, ChildSeen>,
) {
  const id = field(record, "RECNUMBR");
  if (id === "") return loader.reject(line, "child_id", "RECNUMBR is required");
  // A refused record: its child keeps its stored history.
  const refuse = (column: Column, reason: string) => {
    loader.childRowRejected(spanOf(id));
    loader.reject(line, column, reason);
  };
  const days: Record<string, number> = {};
  for (const name of ["DOB", "REM1DT", "DLSTFCDT", "LATREMDT", "CURSETDT", "DODFCDT"]) {
    days[name] = afcarsDay(field(record, name));
    if (days[name] === INVALID) {
      loader.childRowRejected(spanOf(id));
      return loader.rejectAs(line, name, `${name} "${field(record, name)}" is not a date CCYYMMDD`);
    }
  }
  if (days.LATREMDT === NO_DAY) return refuse("removal_date", "LATREMDT is required");
  const sex = { "": 0, "1": 1, "2": 2 }[field(record, "SEX")];
  if (sex === undefined) return refuse("sex", `SEX "${field(record, "SEX")}" is not 1 or 2`);
  const setting = field(record, "CURPLSET");
  if (setting !== "" && !/^[1-8]$/.test(setting)) return refuse("setting", `CURPLSET "${setting}" is not 1–8`);
  const reason = field(record, "DISREASN");
  if (reason !== "" && !/^[0-8]$/.test(reason)) return refuse("exit_reason", `DISREASN "${reason}" is not 0–8`);
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
