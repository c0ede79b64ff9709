import fs from "node:fs";
import path from "node:path";

/**
 * An independent reading of docs/outcomes-csv-bundle.md: every rule the
 * generator's bundle must keep, checked from the files alone (no generator
 * code). Returns the problems found, at most a few per rule, and counts.
 * Codes are copied from the spec on purpose, not imported.
 */
const spec = {
  "children.csv": ["child_id", "site", "state", "birth_date", "sex", "race_ethnicity", "sibling_group"],
  "episodes.csv": ["child_id", "removal_date", "exit_date", "exit_reason"],
  "placements.csv": ["child_id", "removal_date", "start_date", "end_date", "setting", "change_kind", "home_id"],
  "maltreatment_reports.csv": ["child_id", "report_date", "incident_date", "disposition"],
  "homes.csv": ["home_id", "site", "state", "kind", "inquiry_date", "approved_date", "closed_date", "closure_reason"],
};
const sexes = new Set(["male", "female", "unknown"]);
const races = new Set([
  "american_indian_alaska_native",
  "asian",
  "black",
  "native_hawaiian_pacific_islander",
  "white",
  "two_or_more",
  "hispanic",
  "unknown",
]);
const exitReasons = new Set([
  "reunification",
  "relative",
  "adoption",
  "emancipation",
  "guardianship",
  "transfer",
  "runaway",
  "death",
]);
const settings = new Set([
  "pre_adoptive_home",
  "relative_family_home",
  "nonrelative_family_home",
  "group_home",
  "institution",
  "supervised_independent_living",
  "runaway",
  "trial_home_visit",
]);
const changeKinds = new Set(["initial", "planned", "emergency", "unplanned"]);
const dispositions = new Set(["substantiated", "indicated", "unsubstantiated", "alternative_response", "other"]);
const homeKinds = new Set(["resource_family", "relative"]);
const closureReasons = new Set([
  "adopted",
  "guardianship",
  "family_request",
  "moved",
  "agency_decision",
  "transferred",
  "other",
]);
const SITE = /^[A-Z0-9-]{2,32}$/;

export interface BundleCheck {
  problems: string[];
  rows: Record<string, number>;
  /** Placements in a family setting without a home id (allowed by the spec; should be rare). */
  familyPlacementsWithoutHome: number;
  exitsWithoutReason: number;
  childrenWithoutBirthDate: number;
}

function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * The file's rows split into fields, read in 16 MB chunks (a national placements.csv is larger than a string can be).
 */
function readRows(dir: string, file: keyof typeof spec, problems: string[]): string[][] {
  const fd = fs.openSync(path.join(dir, file), "r");
  const buffer = Buffer.alloc(1 << 24);
  const rows: string[][] = [];
  let rest = "";
  let header: string | undefined;
  let quoted = false;
  for (let n: number; (n = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
    const lines = (rest + buffer.toString("latin1", 0, n)).split("\n");
    rest = lines.pop()!;
    for (const line of lines) {
      if (header === undefined) header = line;
      else rows.push(line.split(","));
      if (line.includes('"')) quoted = true;
    }
  }
  fs.closeSync(fd);
  if (rest !== "") problems.push(`${file}: does not end with a line break`);
  if (header !== spec[file].join(",")) problems.push(`${file}: header ${header}`);
  if (quoted) problems.push(`${file}: has quoted fields (the generator writes none)`);
  return rows;
}

export function checkBundle(dir: string, asOf: string): BundleCheck {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const problem = (rule: string, detail: string) => {
    const n = (seen.get(rule) ?? 0) + 1;
    seen.set(rule, n);
    if (n <= 3) problems.push(`${rule}: ${detail}`);
  };
  const date = (rule: string, value: string, required: boolean) => {
    if (value === "") {
      if (required) problem(rule, "missing date");
      return true;
    }
    if (!isDate(value)) problem(rule, `bad date ${value}`);
    else if (value > asOf) problem(`${rule} after as-of`, value);
    return true;
  };

  const rows: Record<string, number> = {};
  const width = (file: keyof typeof spec, r: string[]) => {
    if (r.length === spec[file].length) return true;
    problem(`${file} width`, r.join(","));
    return false;
  };

  // homes.csv
  const homes = new Map<string, { kind: string; approved: string; closed: string; inquiry: string }>();
  const homeRows = readRows(dir, "homes.csv", problems);
  rows.homes = homeRows.length;
  for (const r of homeRows) {
    if (!width("homes.csv", r)) continue;
    const [id, site, state, kind, inquiry, approved, closed, reason] = r;
    if (!id || id.length > 64 || homes.has(id)) problem("homes: id unique", id);
    if (!SITE.test(site) || !/^[A-Z]{2}$/.test(state) || !site.startsWith(`${state}-`))
      problem("homes: site/state", `${site} ${state}`);
    if (!homeKinds.has(kind)) problem("homes: kind", kind);
    date("homes: inquiry_date", inquiry, false);
    date("homes: approved_date", approved, false);
    date("homes: closed_date", closed, false);
    if (inquiry && approved && inquiry > approved) problem("homes: inquiry after approval", id);
    if (approved && closed && approved > closed) problem("homes: approval after closure", id);
    if (inquiry && closed && inquiry > closed) problem("homes: inquiry after closure", id);
    if (Boolean(closed) !== Boolean(reason)) problem("homes: closure_reason with closed_date", id);
    if (reason && !closureReasons.has(reason)) problem("homes: closure_reason", reason);
    homes.set(id, { kind, approved, closed, inquiry });
  }

  // children.csv
  const children = new Map<string, { birth: string }>();
  let childrenWithoutBirthDate = 0;
  const childRows = readRows(dir, "children.csv", problems);
  rows.children = childRows.length;
  for (const r of childRows) {
    if (!width("children.csv", r)) continue;
    const [id, site, state, birth, sex, race, sibling] = r;
    if (!id || id.length > 64 || children.has(id)) problem("children: id unique", id);
    if (!SITE.test(site) || !/^[A-Z]{2}$/.test(state) || !site.startsWith(`${state}-`))
      problem("children: site/state", `${site} ${state}`);
    date("children: birth_date", birth, false);
    if (!birth) childrenWithoutBirthDate++;
    if (!sexes.has(sex)) problem("children: sex", sex);
    if (!races.has(race)) problem("children: race_ethnicity", race);
    if (sibling.length > 64) problem("children: sibling_group", sibling);
    children.set(id, { birth });
  }

  // episodes.csv
  const episodes = new Map<string, { removal: string; exit: string; reason: string }[]>();
  let exitsWithoutReason = 0;
  const episodeRows = readRows(dir, "episodes.csv", problems);
  rows.episodes = episodeRows.length;
  for (const r of episodeRows) {
    if (!width("episodes.csv", r)) continue;
    const [id, removal, exit, reason] = r;
    const child = children.get(id);
    if (!child) problem("episodes: child in children.csv", id);
    date("episodes: removal_date", removal, true);
    date("episodes: exit_date", exit, false);
    if (exit && exit < removal) problem("episodes: exit before removal", `${id} ${removal} ${exit}`);
    if (reason && !exit) problem("episodes: exit_reason without exit_date", id);
    if (reason && !exitReasons.has(reason)) problem("episodes: exit_reason", reason);
    if (exit && !reason) exitsWithoutReason++;
    if (child?.birth && removal < child.birth) problem("episodes: removal before birth", id);
    const list = episodes.get(id) ?? [];
    list.push({ removal, exit, reason });
    episodes.set(id, list);
  }
  for (const [id, list] of episodes) {
    list.sort((a, b) => (a.removal < b.removal ? -1 : 1));
    for (let i = 1; i < list.length; i++) {
      if (!list[i - 1].exit || list[i - 1].exit >= list[i].removal)
        problem("episodes: overlap", `${id} ${list[i - 1].removal}–${list[i - 1].exit} / ${list[i].removal}`);
    }
  }

  // placements.csv
  const placements = new Map<string, { start: string; end: string; setting: string; kind: string }[]>();
  let familyPlacementsWithoutHome = 0;
  const placementRows = readRows(dir, "placements.csv", problems);
  rows.placements = placementRows.length;
  for (const r of placementRows) {
    if (!width("placements.csv", r)) continue;
    const [id, removal, start, end, setting, kind, homeId] = r;
    const episode = episodes.get(id)?.find((e) => e.removal === removal);
    if (!episode) {
      problem("placements: episode in episodes.csv", `${id} ${removal}`);
      continue;
    }
    date("placements: start_date", start, true);
    date("placements: end_date", end, false);
    if (start < removal) problem("placements: start before removal", `${id} ${start}`);
    if (episode.exit && (start > episode.exit || !end || end > episode.exit))
      problem("placements: inside a closed episode", `${id} ${start}–${end} exit ${episode.exit}`);
    if (end && end <= start) problem("placements: end after start", `${id} ${start} ${end}`);
    if (!settings.has(setting)) problem("placements: setting", setting);
    if (kind && !changeKinds.has(kind)) problem("placements: change_kind", kind);
    checkHome(id, start, end, setting, homeId);
    const key = `${id}|${removal}`;
    const list = placements.get(key) ?? [];
    list.push({ start, end, setting, kind });
    placements.set(key, list);
  }
  for (const [key, list] of placements) {
    list.sort((a, b) => (a.start < b.start ? -1 : 1));
    if (list[0].kind !== "initial") problem("placements: the first is initial", key);
    for (let i = 1; i < list.length; i++) {
      if (!list[i - 1].end || list[i - 1].end > list[i].start)
        problem("placements: overlap", `${key} ${list[i - 1].start}–${list[i - 1].end} / ${list[i].start}`);
      if (list[i].kind === "initial") problem("placements: a later one is not initial", key);
    }
  }

  function checkHome(id: string, start: string, end: string, setting: string, homeId: string) {
    const family =
      setting === "relative_family_home" || setting === "nonrelative_family_home" || setting === "pre_adoptive_home";
    if (family) {
      if (!homeId) {
        familyPlacementsWithoutHome++;
        return;
      }
      const home = homes.get(homeId);
      if (!home) return problem("placements: family home in homes.csv", `${id} ${homeId}`);
      if ((setting === "relative_family_home") !== (home.kind === "relative"))
        problem("placements: relative setting ↔ relative home", `${id} ${setting} ${homeId}`);
      // A resource family is approved when a child arrives and open while the child lives there; kin may take a child
      // before approval.
      if (home.kind === "resource_family" && (!home.approved || home.approved > start))
        problem("placements: resource family approved on arrival", `${id} ${start} ${homeId}`);
      if (home.closed && (!end || end > home.closed))
        problem(
          "placements: home open while the child lives there",
          `${id} ${start}–${end} ${homeId} closed ${home.closed}`,
        );
      if (home.kind === "relative" && home.inquiry && home.inquiry > start)
        problem("placements: kin inquiry before arrival", `${id} ${homeId}`);
    } else if (setting === "group_home" || setting === "institution") {
      if (!/^F\d+$/.test(homeId)) problem("placements: facility id", `${id} ${homeId}`);
    } else if (setting === "trial_home_visit") {
      if (homeId && !/^P\d+$/.test(homeId))
        problem("placements: trial home visit at the parents' home", `${id} ${homeId}`);
    } else if (homeId) problem("placements: no home for runaway / independent living", `${id} ${homeId}`);
  }

  // maltreatment_reports.csv
  const reportRows = readRows(dir, "maltreatment_reports.csv", problems);
  rows.reports = reportRows.length;
  for (const r of reportRows) {
    if (!width("maltreatment_reports.csv", r)) continue;
    const [id, report, incident, disposition] = r;
    if (!children.has(id)) problem("reports: child in children.csv", id);
    date("reports: report_date", report, true);
    date("reports: incident_date", incident, false);
    if (incident && incident > report) problem("reports: incident after report", `${id} ${incident} ${report}`);
    if (!dispositions.has(disposition)) problem("reports: disposition", disposition);
  }

  for (const [rule, n] of seen) if (n > 3) problems.push(`${rule}: … ${n} in all`);
  return { problems, rows, familyPlacementsWithoutHome, exitsWithoutReason, childrenWithoutBirthDate };
}
