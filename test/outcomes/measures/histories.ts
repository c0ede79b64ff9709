/**
 * Hand-written histories for the worked examples, in words and ISO dates.
 * `measure` runs the engine and, as a cross-check, the reference on them.
 */
import { expect } from "vitest";
import {
  changeKindNames,
  type ExitReasonName,
  exitReasonNames,
  type SettingName,
  settingNames,
  UNKNOWN_SETTING,
} from "../../../server/modules/outcomes/history/codes.js";
import { columnsFromHistories } from "../../../server/modules/outcomes/history/columns.js";
import { dayOf, NO_DAY } from "../../../server/modules/outcomes/history/days.js";
import type { ChildHistory, HomeRecord, PlacementRecord } from "../../../server/modules/outcomes/history/model.js";
import type { MeasureId } from "../../../server/modules/outcomes/measures/catalogue.js";
import { computeMeasures, periodStarting } from "../../../server/modules/outcomes/measures/engine.js";
import { defaultMeasureOptions } from "../../../server/modules/outcomes/measures/options.js";
import type { MeasureOptions, PeriodResults, Tally } from "../../../server/modules/outcomes/measures/types.js";
import { firstDifference } from "./compare-results.js";
import { referenceMeasures } from "./reference.js";

export interface PlacementSpec {
  start: string;
  end?: string;
  /** "unknown": a placement of unknown setting (code 0), as the AFCARS import writes one. */
  setting?: SettingName | "unknown";
  kind?: (typeof changeKindNames)[number] | "unknown";
  home?: number;
}
export interface EpisodeSpec {
  removal: string;
  exit?: string;
  /** null: an exit without a recorded reason. */
  reason?: ExitReasonName | null;
  /** Default: one non-relative foster home for the whole episode. */
  placements?: PlacementSpec[];
  /** AFCARS NUMPLEP: the places the episode had, the current one included. */
  numplep?: number;
}
export interface ChildSpec {
  birth?: string | null;
  site?: number;
  siblingGroup?: number;
  sex?: number;
  race?: number;
  episodes?: EpisodeSpec[];
  reports?: { report: string; incident?: string; substantiated?: boolean }[];
}

const day = (iso: string | undefined): number => (iso === undefined ? NO_DAY : dayOf(iso));

export function history(spec: ChildSpec, key = 0): ChildHistory {
  return {
    key,
    birthDay: spec.birth === null ? NO_DAY : dayOf(spec.birth ?? "2012-06-15"),
    sex: spec.sex ?? 1,
    race: spec.race ?? 5,
    site: spec.site ?? 0,
    siblingGroup: spec.siblingGroup ?? -1,
    episodes: (spec.episodes ?? []).map((e) => ({
      removalDay: dayOf(e.removal),
      exitDay: day(e.exit),
      exitReason:
        e.exit === undefined || e.reason === null ? 0 : exitReasonNames.indexOf(e.reason ?? "reunification") + 1,
      placements: (e.placements ?? [{ start: e.removal, end: e.exit, home: 100 + key }]).map(
        (p): PlacementRecord => ({
          startDay: dayOf(p.start),
          endDay: day(p.end),
          setting:
            p.setting === "unknown"
              ? UNKNOWN_SETTING
              : settingNames.indexOf(p.setting ?? "nonrelative_family_home") + 1,
          changeKind: p.kind === "unknown" ? 9 : changeKindNames.indexOf(p.kind ?? "planned"),
          homeKey: p.home ?? -1,
        }),
      ),
      ...(e.numplep !== undefined ? { reportedPlacements: e.numplep } : {}),
    })),
    reports: (spec.reports ?? []).map((r) => ({
      reportDay: dayOf(r.report),
      incidentDay: day(r.incident),
      substantiated: r.substantiated ?? true,
    })),
  };
}

/** All measures for the 12 months from `start`, checked to agree with the reference. */
export function measure(
  children: ChildSpec[],
  start: string,
  options: Partial<MeasureOptions> = {},
  homes: HomeRecord[] = [],
): PeriodResults {
  const histories = children.map((c, i) => history(c, i));
  const sites = ["SITE-A", "SITE-B"];
  const periods = [periodStarting(dayOf(start))];
  const resolved = { ...defaultMeasureOptions, ...options };
  const results = computeMeasures(columnsFromHistories(histories, sites, homes), periods, resolved);
  expect(firstDifference(results, referenceMeasures({ histories, sites, homes }, periods, resolved))).toBeNull();
  return results[0];
}

/** [numerator, denominator] of a measure's total. */
export function counts(results: PeriodResults, id: MeasureId): [number | null, number] {
  const tally: Tally = results.total[id];
  return [tally.numerator, tally.denominator];
}
