import { z } from "zod";
import { ChildListItem } from "../children/schema.js";
import { TimelinessRow } from "../children/task-schema.js";
import { measureIds } from "./measures/catalogue.js";

/** An outcome area's code: a site code, or an imported area's (docs/outcomes-csv-bundle.md). */
const AreaCode = z.string().regex(/^[A-Z0-9-]{2,32}$/);
const Day = z.iso.date();
const MeasureId = z.enum(measureIds);
const Unit = z.enum(["percent", "per_1000_days", "per_100000_days", "days", "count"]);
const Good = z.enum(["higher", "lower", "none"]);

export const MeasureInfoView = z.object({
  id: MeasureId,
  family: z.enum(["cfsr", "qpi", "context", "homes"]),
  unit: Unit,
  good: Good,
  national: z.object({ value: z.number(), source: z.string() }).nullable(),
  ageBasis: z.string(),
  /** Months after the period's end before its numerator is final (P1, P4, S2 …: 12). */
  followUpMonths: z.number().int(),
});
export const MeasureCatalogueView = z.object({ measures: z.array(MeasureInfoView), smallCellMax: z.number().int() });

export const AreaView = z.object({
  code: z.string(),
  name: z.string(),
  stateCode: z.string(),
  siteId: z.uuid().nullable(),
  source: z.string(),
  refreshedAt: z.string().nullable(),
  /** The last day the area's data describe. */
  dataAsOf: Day.nullable(),
  /** Children in the area's data; null when hidden as a small cell. */
  children: z.number().int().nullable(),
  /** The viewer is one of the site's own staff and sees exact figures. */
  exact: z.boolean(),
  qpiLaunchDate: Day.nullable(),
  /** The latest 12 months whose 12-month follow-up is complete (null without data). */
  defaultPeriodStart: Day.nullable(),
  /**
   * Starts of the 12-month periods (half-year steps) the data cover, newest first; later than the default ones are
   * provisional.
   */
  periodStarts: z.array(Day),
});
export type AreaView = z.infer<typeof AreaView>;
export const AreaList = z.object({ areas: z.array(AreaView) });

const Suppressed = z.object({ numerator: z.boolean(), denominator: z.boolean(), value: z.boolean() });
/** A figure as the viewer may see it: hidden parts are null with their flag set. */
export const Cell = z.object({
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  suppressed: Suppressed,
});

export const PeriodView = z.object({
  start: Day,
  end: Day,
  /** CB's AFCARS name ("21A21B" = Oct 2020 – Sep 2021) for half-year-aligned periods. */
  label: z.string().nullable(),
});
export type PeriodView = z.infer<typeof PeriodView>;

const LaunchRelation = z.enum(["before", "after", "spans"]).nullable();
export const TrendPoint = Cell.extend({ period: PeriodView, launch: LaunchRelation, followUpComplete: z.boolean() });
export const BreakdownRow = Cell.extend({ group: z.string() });

export const MeasureReport = Cell.extend({
  measure: MeasureId,
  unit: Unit,
  good: Good,
  national: z.number().nullable(),
  /** Observed value against the national figure; the page words it with the good direction. */
  versusNational: z.enum(["higher", "lower", "same"]).nullable(),
  followUpComplete: z.boolean(),
  by: z.object({ age_group: z.array(BreakdownRow), race: z.array(BreakdownRow), sex: z.array(BreakdownRow) }),
  /** Half-year steps of 12-month periods ending with the report's period. */
  trend: z.array(TrendPoint),
  /** The area's data hold no records of this kind, so the measure is not measured (value null), not zero. */
  missingSource: z.enum(["maltreatment_reports", "homes"]).nullable(),
});

/** The children module's timeliness row, for the whole area rather than per unit. */
export const PracticeTimelinessRow = TimelinessRow.omit({ unitId: true, unitName: true });

export const Report = z.object({
  area: AreaView,
  period: PeriodView,
  dataAsOf: Day.nullable(),
  measures: z.array(MeasureReport),
  /** From the children module, for viewers who may see practice timeliness at the site; else null. */
  practices: z.object({ from: Day, to: Day, rows: z.array(PracticeTimelinessRow) }).nullable(),
});
export type Report = z.infer<typeof Report>;

/**
 * Which area: `area` (its code) or `site` (a platform site's id, whose area it
 * is). One of the two is required.
 */
const AreaChoice = { area: AreaCode.optional(), site: z.uuid().optional() };
export type AreaChoice = { area?: string; site?: string };

export const ReportQuery = z.object({ ...AreaChoice, periodStart: Day.optional() });

export const TrendQuery = z.object({ ...AreaChoice, measure: MeasureId, from: Day.optional(), to: Day.optional() });
export const Trend = z.object({
  area: z.string(),
  measure: MeasureId,
  launchDate: Day.nullable(),
  points: z.array(TrendPoint),
});

export const CompareQuery = z.object({ measure: MeasureId, periodStart: Day.optional() });
export const CompareRow = Cell.extend({
  missingSource: z.enum(["maltreatment_reports", "homes"]).nullable(),
  area: z.string(),
  name: z.string(),
  stateCode: z.string(),
  exact: z.boolean(),
  dataAsOf: Day.nullable(),
  followUpComplete: z.boolean(),
});
export const Compare = z.object({
  measure: MeasureId,
  period: PeriodView,
  national: z.number().nullable(),
  rows: z.array(CompareRow),
});

export const BeforeAfterQuery = z.object({ ...AreaChoice });
export const BeforeAfter = z.object({
  area: z.string(),
  launchDate: Day.nullable(),
  /** The 12 months ending the day before the launch; coverage says whether the data reach back that far. */
  before: z.object({ period: PeriodView, coverage: z.enum(["complete", "partial", "none"]) }).nullable(),
  after: z.object({ period: PeriodView }).nullable(),
  measures: z.array(z.object({ measure: MeasureId, before: Cell.nullable(), after: Cell.nullable() })),
});

export const DrillDownQuery = z.object({
  ...AreaChoice,
  measure: MeasureId,
  periodStart: Day.optional(),
  part: z.enum(["denominator", "numerator"]).default("denominator"),
});
export const DrillDown = z.object({
  area: z.string(),
  measure: MeasureId,
  period: PeriodView,
  part: z.enum(["denominator", "numerator"]),
  /** Children behind the number. */
  total: z.number().int(),
  /** Those the viewer may open (the children module's scope), by name. */
  children: z.array(ChildListItem),
  /** Behind the number but outside the viewer's reach, or not a record of this platform (imported data). */
  notShown: z.number().int(),
});
