import type { z } from "zod";
import type {
  AreaList,
  AreaView,
  BeforeAfter,
  Cell,
  Compare,
  DrillDown,
  MeasureCatalogueView,
  MeasureReport,
  PeriodView,
  Report,
  Trend,
  TrendPoint,
} from "../../../server/modules/outcomes/schema";

// The API's own zod schemas, as types only (erased at build): the page and
// the server cannot drift apart, and no server code reaches the bundle.
export type Area = z.infer<typeof AreaView>;
export type AreaListView = z.infer<typeof AreaList>;
export type CellView = z.infer<typeof Cell>;
export type PeriodInfo = z.infer<typeof PeriodView>;
export type ReportView = z.infer<typeof Report>;
export type MeasureReportView = z.infer<typeof MeasureReport>;
export type TrendPointView = z.infer<typeof TrendPoint>;
export type TrendView = z.infer<typeof Trend>;
export type CompareView = z.infer<typeof Compare>;
export type BeforeAfterView = z.infer<typeof BeforeAfter>;
export type DrillDownView = z.infer<typeof DrillDown>;
export type CatalogueView = z.infer<typeof MeasureCatalogueView>;
export type MeasureInfo = CatalogueView["measures"][number];
export type MeasureUnit = MeasureInfo["unit"];
export type MeasureId = MeasureInfo["id"];
export type DrillDownPart = DrillDownView["part"];
