import {
  ChangeKind,
  changeKindNames,
  exitReasonNames,
  homeClosureNames,
  raceNames,
  settingNames,
  sexNames,
} from "../history/codes.js";
import { HomeKind } from "../tables.js";
import {
  CHILD_TARGET,
  type Column,
  EPISODE_TARGET,
  HOME_TARGET,
  PLACEMENT_TARGET,
  REPORT_TARGET,
} from "./copy-targets.js";
import type { FieldReader } from "./field-reader.js";
import { CodeTable, oneBased } from "./field-values.js";
import type { HistoryLoader } from "./history-loader.js";

/**
 * The files of a CSV bundle and their columns, as published in
 * docs/outcomes-csv-bundle.md (keep the two the same). Files are read in this
 * order: a row may refer only to rows of files before it.
 */
export const sexCodes = new CodeTable(sexNames, [0, 1, 2]);
export const raceCodes = new CodeTable(
  raceNames,
  raceNames.map((_, i) => i),
);
export const settingCodes = new CodeTable(settingNames, oneBased(settingNames), true);
export const exitReasonCodes = new CodeTable(exitReasonNames, oneBased(exitReasonNames), true);
export const changeKindCodes = new CodeTable(changeKindNames, [
  ChangeKind.initial,
  ChangeKind.planned,
  ChangeKind.emergency,
  ChangeKind.unplanned,
]);
export const dispositionNames = [
  "substantiated",
  "indicated",
  "unsubstantiated",
  "alternative_response",
  "other",
] as const;
export const dispositionCodes = new CodeTable(dispositionNames, oneBased(dispositionNames));
export const homeKindCodes = new CodeTable(
  ["resource_family", "relative"],
  [HomeKind.resourceFamily, HomeKind.relative],
);
export const closureCodes = new CodeTable(homeClosureNames, oneBased(homeClosureNames));

type Requirement = "yes" | "no" | "without_site";

export interface BundleFile {
  name: string;
  required: boolean;
  columns: [Column, Requirement][];
  /** The COPY target its rows stream into while the file is read. */
  target: string;
  row(loader: HistoryLoader, fields: FieldReader): void;
}

export const bundleFiles: BundleFile[] = [
  {
    name: "children.csv",
    required: true,
    columns: [
      ["child_id", "yes"],
      ["site", "without_site"],
      ["state", "without_site"],
      ["birth_date", "no"],
      ["sex", "no"],
      ["race_ethnicity", "no"],
      ["sibling_group", "no"],
    ],
    target: CHILD_TARGET,
    row(loader, r) {
      const id = r.id("child_id", true);
      const site = r.id("site");
      const state = r.id("state");
      const birth = r.day("birth_date");
      const sex = r.code("sex", sexCodes, 0);
      const race = r.code("race_ethnicity", raceCodes, 0);
      const group = r.id("sibling_group");
      if (id === undefined) return;
      if (
        site === undefined ||
        state === undefined ||
        birth === undefined ||
        sex === undefined ||
        race === undefined ||
        group === undefined
      )
        return loader.childRejected(r.line, id);
      loader.child(r.line, id, site, state, birth, sex, race, group);
    },
  },
  {
    name: "homes.csv",
    required: false,
    columns: [
      ["home_id", "yes"],
      ["site", "without_site"],
      ["state", "without_site"],
      ["kind", "yes"],
      ["inquiry_date", "no"],
      ["approved_date", "no"],
      ["closed_date", "no"],
      ["closure_reason", "no"],
    ],
    target: HOME_TARGET,
    row(loader, r) {
      const id = r.id("home_id", true);
      const site = r.id("site");
      const state = r.id("state");
      const kind = r.code("kind", homeKindCodes, "required");
      const inquiry = r.day("inquiry_date");
      const approved = r.day("approved_date");
      const closed = r.day("closed_date");
      const reason = r.code("closure_reason", closureCodes, 0);
      if (
        id === undefined ||
        site === undefined ||
        state === undefined ||
        kind === undefined ||
        inquiry === undefined ||
        approved === undefined ||
        closed === undefined ||
        reason === undefined
      )
        return;
      loader.home(r.line, id, site, state, kind, inquiry, approved, closed, reason);
    },
  },
  {
    name: "episodes.csv",
    required: true,
    columns: [
      ["child_id", "yes"],
      ["removal_date", "yes"],
      ["exit_date", "no"],
      ["exit_reason", "no"],
    ],
    target: EPISODE_TARGET,
    row(loader, r) {
      const id = r.id("child_id", true);
      const removal = r.day("removal_date", true);
      const exit = r.day("exit_date");
      const reason = r.code("exit_reason", exitReasonCodes, 0);
      if (id === undefined) return;
      // A row refused for its own fields: its child keeps its stored history.
      if (removal === undefined || exit === undefined || reason === undefined) return loader.childRowRejected(id);
      loader.episode(r.line, id, removal, exit, reason, 0);
    },
  },
  {
    name: "placements.csv",
    required: true,
    columns: [
      ["child_id", "yes"],
      ["removal_date", "yes"],
      ["start_date", "yes"],
      ["end_date", "no"],
      ["setting", "yes"],
      ["change_kind", "no"],
      ["home_id", "no"],
    ],
    target: PLACEMENT_TARGET,
    row(loader, r) {
      const id = r.id("child_id", true);
      const removal = r.day("removal_date", true);
      const start = r.day("start_date", true);
      const end = r.day("end_date");
      const setting = r.code("setting", settingCodes, "required");
      const change = r.code("change_kind", changeKindCodes, ChangeKind.unknown);
      const home = r.id("home_id");
      if (id === undefined) return;
      if (
        removal === undefined ||
        start === undefined ||
        end === undefined ||
        setting === undefined ||
        change === undefined ||
        home === undefined
      )
        return loader.childRowRejected(id);
      loader.placement(r.line, id, removal, start, end, setting, change, home);
    },
  },
  {
    name: "maltreatment_reports.csv",
    required: false,
    columns: [
      ["child_id", "yes"],
      ["report_date", "yes"],
      ["incident_date", "no"],
      ["disposition", "yes"],
    ],
    target: REPORT_TARGET,
    row(loader, r) {
      const id = r.id("child_id", true);
      const report = r.day("report_date", true);
      const incident = r.day("incident_date");
      const disposition = r.code("disposition", dispositionCodes, "required");
      if (id === undefined) return;
      if (report === undefined || incident === undefined || disposition === undefined)
        return loader.childRowRejected(id);
      loader.report(r.line, id, report, incident, disposition);
    },
  },
];

/**
 * The header's columns against the spec: unknown and missing required columns
 * are refused (a typo must not silently drop data). Returns the field index
 * per column, or the problems.
 */
export function readHeader(
  file: BundleFile,
  header: string[],
  withSite: boolean,
): { index: Partial<Record<Column, number>> } | { problems: { column: string; reason: string }[] } {
  const known = new Map(file.columns);
  const problems: { column: string; reason: string }[] = [];
  const index: Partial<Record<Column, number>> = {};
  header.forEach((raw, f) => {
    const name = raw.trim();
    if (!known.has(name as Column))
      problems.push({
        column: name,
        reason:
          `unknown column "${name}" (the columns of ${file.name} are ` + `${file.columns.map((c) => c[0]).join(", ")})`,
      });
    else if (index[name as Column] !== undefined)
      problems.push({ column: name, reason: `column "${name}" appears twice` });
    else index[name as Column] = f;
  });
  for (const [column, requirement] of file.columns) {
    const needed = requirement === "yes" || (requirement === "without_site" && !withSite);
    if (needed && index[column] === undefined)
      problems.push({
        column,
        reason:
          `required column "${column}" is ` +
          `missing${requirement === "without_site" ? " (or import with --site)" : ""}`,
      });
  }
  return problems.length ? { problems } : { index };
}
