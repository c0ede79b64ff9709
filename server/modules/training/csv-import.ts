import { parse } from "csv-parse/sync";
import type { FieldProblem } from "../../platform/errors/app-error.js";
import type { TrainingItemTable } from "./tables.js";

/** The columns of a library CSV, in the order of the template (header row required, names as here). */
export const csvColumns = [
  "code",
  "format",
  "topic",
  "age_min",
  "age_max",
  "credit_hours",
  "title_en",
  "title_es",
  "summary_en",
  "summary_es",
  "body_en",
  "body_es",
] as const;
type Column = (typeof csvColumns)[number];

const formats: TrainingItemTable["format"][] = ["tip_sheet", "video", "podcast", "webinar", "course"];
const lengths: Partial<Record<Column, number>> = {
  code: 60,
  title_en: 200,
  title_es: 200,
  summary_en: 600,
  summary_es: 600,
  body_en: 20_000,
  body_es: 20_000,
};
export const MAX_ROWS = 2_000;

export interface ImportedItem {
  /** The row's line in the spreadsheet (the header is row 1). */
  row: number;
  code: string;
  format: TrainingItemTable["format"];
  topic: string;
  ageMin: number;
  ageMax: number;
  creditHours: number;
  titleEn: string;
  titleEs: string;
  summaryEn: string;
  summaryEs: string;
  bodyEn: string;
  bodyEs: string;
}

const problem = (row: number, column: Column, messageKey: string, params: Record<string, string | number> = {}) => ({
  field: `csv.${column}`,
  messageKey,
  params: { row, ...params },
});

/**
 * Reads a library CSV and checks every row: each problem names the row (as the spreadsheet numbers it) and the column
 * by its label. `topics` are the taxonomy's codes, `taken` the codes already in the library.
 */
export function readLibraryCsv(
  text: string,
  topics: Set<string>,
  taken: Set<string>,
): { items: ImportedItem[]; problems: FieldProblem[] } {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch {
    return { items: [], problems: [{ field: "csv", messageKey: "training.csv.unreadable" }] };
  }
  const [header, ...rows] = records;
  const names = (header ?? []).map((h) => h.toLowerCase());
  const missing = csvColumns.filter((c) => !names.includes(c));
  if (!header || missing.length > 0)
    return {
      items: [],
      problems: [{ field: "csv", messageKey: "training.csv.columns", params: { columns: missing.join(", ") } }],
    };
  if (rows.length === 0) return { items: [], problems: [{ field: "csv", messageKey: "training.csv.empty" }] };
  if (rows.length > MAX_ROWS)
    return { items: [], problems: [{ field: "csv", messageKey: "training.csv.too_many", params: { max: MAX_ROWS } }] };
  const items: ImportedItem[] = [];
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  rows.forEach((cells, index) => {
    const row = index + 2;
    const value = (c: Column) => cells[names.indexOf(c)] ?? "";
    const before = problems.length;
    for (const c of csvColumns) {
      if (value(c) === "") problems.push(problem(row, c, "training.csv.required"));
      else if (lengths[c] && value(c).length > (lengths[c] ?? 0))
        problems.push(problem(row, c, "training.csv.too_long", { max: lengths[c] ?? 0 }));
    }
    const code = value("code");
    if (code && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(code)) problems.push(problem(row, "code", "training.csv.code"));
    else if (code && (taken.has(code) || seen.has(code)))
      problems.push(problem(row, "code", "training.csv.code_taken", { code }));
    seen.add(code);
    const format = value("format") as ImportedItem["format"];
    if (format && !formats.includes(format))
      problems.push(problem(row, "format", "training.csv.one_of", { allowed: formats.join(", ") }));
    if (value("topic") && !topics.has(value("topic")))
      problems.push(problem(row, "topic", "training.csv.one_of", { allowed: [...topics].sort().join(", ") }));
    const whole = (c: Column) => {
      const n = Number(value(c));
      if (value(c) !== "" && !(Number.isInteger(n) && n >= 0 && n <= 21))
        problems.push(problem(row, c, "training.csv.age"));
      return n;
    };
    const ageMin = whole("age_min");
    const ageMax = whole("age_max");
    if (Number.isInteger(ageMin) && Number.isInteger(ageMax) && ageMax < ageMin && problems.length === before)
      problems.push(problem(row, "age_max", "training.csv.age_order"));
    const hours = Number(value("credit_hours"));
    if (value("credit_hours") !== "" && !(Number.isFinite(hours) && hours >= 0 && hours <= 40))
      problems.push(problem(row, "credit_hours", "training.csv.hours"));
    if (problems.length === before)
      items.push({
        row,
        code,
        format,
        topic: value("topic"),
        ageMin,
        ageMax,
        creditHours: Math.round(hours * 100) / 100,
        titleEn: value("title_en"),
        titleEs: value("title_es"),
        summaryEn: value("summary_en"),
        summaryEs: value("summary_es"),
        bodyEn: value("body_en"),
        bodyEs: value("body_es"),
      });
  });
  return { items, problems };
}
