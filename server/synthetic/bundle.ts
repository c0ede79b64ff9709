import fs from "node:fs";
import path from "node:path";
import type { HomeRecord } from "../modules/outcomes/index.js";
import {
  changeKindNames,
  dayOf,
  exitReasonNames,
  homeClosureNames,
  isoOf,
  NO_DAY,
  raceNames,
  settingNames,
  sexNames,
} from "../modules/outcomes/index.js";
import { CsvFile } from "./csv-file.js";
import type { GeneratedChild } from "./family.js";
import { FACILITY_KEY_BASE, PARENTS_HOME_KEY_BASE } from "./homes.js";
import { dispositionNames } from "./reports.js";
import { type GeneratorOptions, HistorySimulation } from "./simulation.js";

/** The bundle's files and columns, as docs/outcomes-csv-bundle.md publishes them. */
export const bundleColumns = {
  "children.csv": ["child_id", "site", "state", "birth_date", "sex", "race_ethnicity", "sibling_group"],
  "episodes.csv": ["child_id", "removal_date", "exit_date", "exit_reason"],
  "placements.csv": ["child_id", "removal_date", "start_date", "end_date", "setting", "change_kind", "home_id"],
  "maltreatment_reports.csv": ["child_id", "report_date", "incident_date", "disposition"],
  "homes.csv": ["home_id", "site", "state", "kind", "inquiry_date", "approved_date", "closed_date", "closure_reason"],
} as const;
type BundleFile = keyof typeof bundleColumns;

export interface BundleCounts {
  /** The as-of day the histories end on (YYYY-MM-DD). */
  asOf: string;
  children: number;
  episodes: number;
  placements: number;
  reports: number;
  homes: number;
  /** Group homes and institutions referenced by placements (no homes.csv row). */
  facilities: number;
  bytes: number;
  elapsedMs: number;
}

/**
 * The CSV spelling of identifiers: children C…, homes H…, facilities F…, birth families' homes P…, sibling groups S….
 */
export const childId = (key: number) => `C${key}`;
export function homeId(key: number): string {
  if (key < 0) return "";
  if (key >= FACILITY_KEY_BASE) return `F${key - FACILITY_KEY_BASE}`;
  if (key >= PARENTS_HOME_KEY_BASE) return `P${key - PARENTS_HOME_KEY_BASE}`;
  return `H${key}`;
}

export type BundleOptions = GeneratorOptions & { out: string };

const BATCH = 2_000;

/**
 * Writes a synthetic bundle of `children` children into `out` (created if
 * missing; the five files are replaced). Deterministic: the same options give
 * byte-identical files.
 */
export async function generateBundle(options: BundleOptions): Promise<BundleCounts>;
/** The same, with the folder first (the benchmark's spelling). */
export async function generateBundle(out: string, options: GeneratorOptions): Promise<BundleCounts>;
export async function generateBundle(first: BundleOptions | string, rest?: GeneratorOptions): Promise<BundleCounts> {
  const options: BundleOptions = typeof first === "string" ? { ...rest!, out: first } : first;
  const started = Date.now();
  // The row writers are the simulation's sink; the files open once the options are known to be writable.
  let files = {} as Record<BundleFile, CsvFile>;
  const day = dayWriter();
  const writeChild = ({ history: h, dispositions }: GeneratedChild) => {
    const id = childId(h.key);
    files["children.csv"].add(
      `${id},${sites[h.site]},${states[h.site]},${day(h.birthDay)},${sexNames[h.sex]},${raceNames[h.race]},` +
        `${h.siblingGroup < 0 ? "" : `S${h.siblingGroup}`}\n`,
    );
    for (const e of h.episodes) {
      const removal = day(e.removalDay);
      files["episodes.csv"].add(
        `${id},${removal},${day(e.exitDay)},${e.exitReason ? exitReasonNames[e.exitReason - 1] : ""}\n`,
      );
      for (const p of e.placements) {
        files["placements.csv"].add(
          `${id},${removal},${day(p.startDay)},${day(p.endDay)},${settingNames[p.setting - 1]},` +
            `${changeKindNames[p.changeKind] ?? ""},${homeId(p.homeKey)}\n`,
        );
      }
    }
    h.reports.forEach((r, i) =>
      files["maltreatment_reports.csv"].add(
        `${id},${day(r.reportDay)},${day(r.incidentDay)},${dispositionNames[dispositions[i]]}\n`,
      ),
    );
  };
  const writeHome = (home: HomeRecord) => {
    const reason = home.closureReason ? homeClosureNames[home.closureReason - 1] : "";
    files["homes.csv"].add(
      `${homeId(home.key)},${sites[home.site]},${states[home.site]},${home.kin ? "relative" : "resource_family"},` +
        `${day(home.inquiryDay)},${day(home.approvedDay)},${day(home.closedDay)},${reason}\n`,
    );
  };
  const simulation = new HistorySimulation(options, { child: writeChild, home: writeHome });
  const sites = simulation.geography.sites;
  const states = simulation.geography.siteState;
  if (states.some((s) => s === ""))
    throw new Error("every site code needs a state prefix (e.g. CA-06019) to write a bundle");
  fs.mkdirSync(options.out, { recursive: true });
  files = Object.fromEntries(
    Object.entries(bundleColumns).map(([name, header]) => [name, new CsvFile(path.join(options.out, name), header)]),
  ) as Record<BundleFile, CsvFile>;
  while (!simulation.done) {
    simulation.advance(BATCH);
    for (const file of Object.values(files)) await file.drain();
  }
  for (const file of Object.values(files)) await file.close();
  return {
    asOf: isoOf(simulation.asOfDay),
    children: files["children.csv"].rows,
    episodes: files["episodes.csv"].rows,
    placements: files["placements.csv"].rows,
    reports: files["maltreatment_reports.csv"].rows,
    homes: files["homes.csv"].rows,
    facilities: simulation.homes.facilities,
    bytes: Object.values(files).reduce((sum, f) => sum + f.bytes, 0),
    elapsedMs: Date.now() - started,
  };
}

/** YYYY-MM-DD of a day, cached: a bundle writes tens of millions of dates over some twenty thousand distinct days. */
function dayWriter(): (day: number) => string {
  const first = dayOf("1900-01-01");
  const cache: string[] = [];
  return (day) => {
    if (day === NO_DAY) return "";
    const i = day - first;
    if (i < 0) return isoOf(day);
    return (cache[i] ??= isoOf(day));
  };
}
