import type { ChildHistory, HomeRecord } from "./model.js";

/**
 * A dataset of histories in columns: typed arrays, children in order, each
 * child's episodes, placements and reports contiguous. At national scale (3 M
 * children, 7 M placements) this is about 200 MB and one linear pass computes
 * every measure; no per-child objects are made.
 *
 *  child c         episodes episodeStart[c] .. episodeStart[c+1]-1, reports reportStart[c] .. reportStart[c+1]-1
 *  episode e       placements placementStart[e] .. placementStart[e+1]-1
 */
export interface HistoryColumns {
  /** Site codes, in the order child.site indexes them. */
  sites: string[];
  childCount: number;
  childKey: Int32Array;
  birthDay: Int32Array;
  sex: Uint8Array;
  race: Uint8Array;
  site: Uint16Array;
  siblingGroup: Int32Array;
  episodeStart: Int32Array; // childCount + 1
  reportStart: Int32Array; // childCount + 1

  episodeCount: number;
  removalDay: Int32Array;
  exitDay: Int32Array;
  exitReason: Uint8Array;
  placementStart: Int32Array; // episodeCount + 1
  /**
   * Per episode, the places the source says it had (AFCARS NUMPLEP), 0 when
   * not reported (every placement is then listed). A legacy AFCARS file lists
   * only the current placement, so its moves are NUMPLEP − 1 (outcomes/import/afcars-import.ts;
   * measures/stability.ts). Set by the database reader (NULL read as 0), and by
   * columnsFromHistories when an episode carries it; absent otherwise, which
   * means 0 for every episode. NUMPLEP has two digits, so a byte holds it.
   */
  reportedPlacements?: Uint8Array;

  placementCount: number;
  startDay: Int32Array;
  endDay: Int32Array;
  setting: Uint8Array;
  changeKind: Uint8Array;
  homeKey: Int32Array;

  reportCount: number;
  reportDay: Int32Array;
  incidentDay: Int32Array;
  substantiated: Uint8Array;

  homes: HomeRecord[];
}

/** Columns from plain histories (tests, the generator, small sites). */
export function columnsFromHistories(
  histories: readonly ChildHistory[],
  sites: string[],
  homes: HomeRecord[] = [],
): HistoryColumns {
  const childCount = histories.length;
  let episodeCount = 0;
  let placementCount = 0;
  let reportCount = 0;
  for (const h of histories) {
    episodeCount += h.episodes.length;
    reportCount += h.reports.length;
    for (const e of h.episodes) placementCount += e.placements.length;
  }
  const cols = emptyColumns(sites, childCount, episodeCount, placementCount, reportCount);
  cols.homes = homes;
  const reported = histories.some((h) => h.episodes.some((episode) => (episode.reportedPlacements ?? 0) > 0));
  if (reported) cols.reportedPlacements = new Uint8Array(episodeCount);
  let e = 0;
  let p = 0;
  let r = 0;
  histories.forEach((h, c) => {
    cols.childKey[c] = h.key;
    cols.birthDay[c] = h.birthDay;
    cols.sex[c] = h.sex;
    cols.race[c] = h.race;
    cols.site[c] = h.site;
    cols.siblingGroup[c] = h.siblingGroup;
    cols.episodeStart[c] = e;
    cols.reportStart[c] = r;
    for (const episode of h.episodes) {
      cols.removalDay[e] = episode.removalDay;
      cols.exitDay[e] = episode.exitDay;
      cols.exitReason[e] = episode.exitReason;
      if (cols.reportedPlacements) cols.reportedPlacements[e] = Math.min(255, episode.reportedPlacements ?? 0);
      cols.placementStart[e] = p;
      for (const pl of episode.placements) {
        cols.startDay[p] = pl.startDay;
        cols.endDay[p] = pl.endDay;
        cols.setting[p] = pl.setting;
        cols.changeKind[p] = pl.changeKind;
        cols.homeKey[p] = pl.homeKey;
        p++;
      }
      e++;
    }
    for (const report of h.reports) {
      cols.reportDay[r] = report.reportDay;
      cols.incidentDay[r] = report.incidentDay;
      cols.substantiated[r] = report.substantiated ? 1 : 0;
      r++;
    }
  });
  cols.episodeStart[childCount] = e;
  cols.reportStart[childCount] = r;
  cols.placementStart[episodeCount] = p;
  return cols;
}

export function emptyColumns(
  sites: string[],
  childCount: number,
  episodeCount: number,
  placementCount: number,
  reportCount: number,
): HistoryColumns {
  return {
    sites,
    childCount,
    childKey: new Int32Array(childCount),
    birthDay: new Int32Array(childCount),
    sex: new Uint8Array(childCount),
    race: new Uint8Array(childCount),
    site: new Uint16Array(childCount),
    siblingGroup: new Int32Array(childCount),
    episodeStart: new Int32Array(childCount + 1),
    reportStart: new Int32Array(childCount + 1),
    episodeCount,
    removalDay: new Int32Array(episodeCount),
    exitDay: new Int32Array(episodeCount),
    exitReason: new Uint8Array(episodeCount),
    placementStart: new Int32Array(episodeCount + 1),
    placementCount,
    startDay: new Int32Array(placementCount),
    endDay: new Int32Array(placementCount),
    setting: new Uint8Array(placementCount),
    changeKind: new Uint8Array(placementCount),
    homeKey: new Int32Array(placementCount),
    reportCount,
    reportDay: new Int32Array(reportCount),
    incidentDay: new Int32Array(reportCount),
    substantiated: new Uint8Array(reportCount),
    homes: [],
  };
}

/** One child back as a plain history (drill-down, debugging, tests). */
export function historyAt(cols: HistoryColumns, c: number): ChildHistory {
  const episodes = [];
  for (let e = cols.episodeStart[c]; e < cols.episodeStart[c + 1]; e++) {
    const placements = [];
    for (let p = cols.placementStart[e]; p < cols.placementStart[e + 1]; p++) {
      placements.push({
        startDay: cols.startDay[p],
        endDay: cols.endDay[p],
        setting: cols.setting[p],
        changeKind: cols.changeKind[p],
        homeKey: cols.homeKey[p],
      });
    }
    const reported = cols.reportedPlacements?.[e] ?? 0;
    episodes.push({
      removalDay: cols.removalDay[e],
      exitDay: cols.exitDay[e],
      exitReason: cols.exitReason[e],
      placements,
      ...(reported > 0 ? { reportedPlacements: reported } : {}),
    });
  }
  const reports = [];
  for (let r = cols.reportStart[c]; r < cols.reportStart[c + 1]; r++) {
    reports.push({
      reportDay: cols.reportDay[r],
      incidentDay: cols.incidentDay[r],
      substantiated: cols.substantiated[r] === 1,
    });
  }
  return {
    key: cols.childKey[c],
    birthDay: cols.birthDay[c],
    sex: cols.sex[c],
    race: cols.race[c],
    site: cols.site[c],
    siblingGroup: cols.siblingGroup[c],
    episodes,
    reports,
  };
}
