import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type Row = Record<string, string | number | null | undefined>;
export type Bundle = Partial<
  Record<
    "children.csv" | "episodes.csv" | "placements.csv" | "maltreatment_reports.csv" | "homes.csv" | string,
    Row[] | string
  >
>;

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** CSV text of rows (header = the first row's keys), RFC 4180 quoting. */
export function csvOf(rows: Row[], columns = Object.keys(rows[0] ?? {})): string {
  const lines = [columns.join(",")];
  for (const row of rows)
    lines.push(columns.map((c) => quote(row[c] === null || row[c] === undefined ? "" : String(row[c]))).join(","));
  return `${lines.join("\n")}\n`;
}

const written: string[] = [];

/** Removes every folder writeBundle made (call in afterAll). */
export function removeWrittenBundles(): void {
  for (const dir of written.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes a bundle folder; a file given as a string is written as is. */
export function writeBundle(
  bundle: Bundle | Partial<RowBundle>,
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qpi-bundle-")),
): string {
  written.push(dir);
  for (const [name, content] of Object.entries(bundle)) {
    if (content === undefined) continue;
    fs.writeFileSync(path.join(dir, name), typeof content === "string" ? content : csvOf(content));
  }
  return dir;
}

/** A small valid bundle: two sites in two states, siblings, a move, an exit, a re-entry, reports and homes. */
export interface RowBundle {
  "children.csv": Row[];
  "homes.csv": Row[];
  "episodes.csv": Row[];
  "placements.csv": Row[];
  "maltreatment_reports.csv": Row[];
}

export function sampleBundle(): RowBundle {
  return {
    "children.csv": [
      {
        child_id: "A1",
        site: "TX-TRAVIS",
        state: "TX",
        birth_date: "2012-04-03",
        sex: "female",
        race_ethnicity: "hispanic",
        sibling_group: "G1",
      },
      {
        child_id: "A2",
        site: "TX-TRAVIS",
        state: "TX",
        birth_date: "2014-09-30",
        sex: "male",
        race_ethnicity: "hispanic",
        sibling_group: "G1",
      },
      {
        child_id: "B1",
        site: "OH-FRANKLIN",
        state: "OH",
        birth_date: "2019-01-15",
        sex: "unknown",
        race_ethnicity: "black",
        sibling_group: "",
      },
      {
        child_id: 'B2, "the second"',
        site: "OH-FRANKLIN",
        state: "OH",
        birth_date: "",
        sex: "",
        race_ethnicity: "",
        sibling_group: "",
      },
    ],
    "homes.csv": [
      {
        home_id: "H1",
        site: "TX-TRAVIS",
        state: "TX",
        kind: "resource_family",
        inquiry_date: "2019-01-02",
        approved_date: "2019-06-01",
        closed_date: "",
        closure_reason: "",
      },
      {
        home_id: "H2",
        site: "OH-FRANKLIN",
        state: "OH",
        kind: "relative",
        inquiry_date: "",
        approved_date: "2020-02-01",
        closed_date: "2022-03-01",
        closure_reason: "adopted",
      },
    ],
    "episodes.csv": [
      { child_id: "A1", removal_date: "2020-01-10", exit_date: "2021-02-01", exit_reason: "reunification" },
      { child_id: "A1", removal_date: "2021-08-01", exit_date: "", exit_reason: "" },
      { child_id: "A2", removal_date: "2020-01-10", exit_date: "2021-02-01", exit_reason: "1" },
      { child_id: "B1", removal_date: "2022-05-05", exit_date: "2022-05-05", exit_reason: "" },
      { child_id: 'B2, "the second"', removal_date: "2023-03-01", exit_date: "", exit_reason: "" },
    ],
    "placements.csv": [
      {
        child_id: "A1",
        removal_date: "2020-01-10",
        start_date: "2020-01-10",
        end_date: "2020-03-01",
        setting: "group_home",
        change_kind: "initial",
        home_id: "",
      },
      {
        child_id: "A1",
        removal_date: "2020-01-10",
        start_date: "2020-03-01",
        end_date: "2021-02-01",
        setting: "nonrelative_family_home",
        change_kind: "planned",
        home_id: "H1",
      },
      {
        child_id: "A1",
        removal_date: "2021-08-01",
        start_date: "2021-08-01",
        end_date: "",
        setting: "2",
        change_kind: "",
        home_id: "H9",
      },
      {
        child_id: "A2",
        removal_date: "2020-01-10",
        start_date: "2020-03-01",
        end_date: "",
        setting: "nonrelative_family_home",
        change_kind: "emergency",
        home_id: "H1",
      },
      {
        child_id: 'B2, "the second"',
        removal_date: "2023-03-01",
        start_date: "2023-03-02",
        end_date: "",
        setting: "trial_home_visit",
        change_kind: "unplanned",
        home_id: "H2",
      },
    ],
    "maltreatment_reports.csv": [
      { child_id: "A1", report_date: "2020-06-01", incident_date: "2020-05-30", disposition: "substantiated" },
      { child_id: "B1", report_date: "2021-01-01", incident_date: "", disposition: "unsubstantiated" },
    ],
  };
}
