import type { ModuleDescriptor } from "../../platform/registry/module-descriptor.js";
import { outcomeJobs } from "./import/platform-refresh.js";
import en from "./messages.en.json" with { type: "json" };
import es from "./messages.es.json" with { type: "json" };
import { registerOutcomesRoutes } from "./routes.js";

/** The outcomes module's public surface: the measures dashboards, imports and the platform refresh. */
export const outcomesModule: ModuleDescriptor = {
  name: "outcomes",
  routes: [registerOutcomesRoutes],
  jobs: () => outcomeJobs(),
  messages: { en, es },
  permissions: ["outcomes:read"],
};

/**
 * The outcomes module's public surface: what the server's start, the CLI
 * (`qpi import`, `qpi outcomes`), the demo seed and the synthetic generator
 * (server/synthetic) may use. Everything else in the module is internal.
 */

// The compute worker: started by the server once it listens, so the first outcome request does not wait for it.
export { warmComputeWorker } from "./compute/compute-pool.js";
// The analytic model: codes, days and the shape of a child's history.
export * from "./history/codes.js";
export { addMonths, addYears, dayOf, isoOf, NO_DAY } from "./history/days.js";
export { Int32List } from "./history/int32-list.js";
export type {
  ChildHistory,
  EpisodeRecord,
  HomeRecord,
  MaltreatmentReportRecord,
  PlacementRecord,
} from "./history/model.js";
// Histories in: CSV bundles, AFCARS files and the platform's own records (the scheduled refresh).
export { importAfcars } from "./import/afcars-import.js";
export { importBundle } from "./import/import-bundle.js";
export { outcomeJobs, refreshPlatformOutcomes } from "./import/platform-refresh.js";
export type { ImportProgress } from "./import/progress.js";
export type { FileChanges } from "./import/resubmission.js";
export type { ImportOptions, ImportResult } from "./import/run-import.js";
// The measures' ids, for other modules that name measures (a barrier names the measures it should move).
export { type MeasureId, measureIds } from "./measures/catalogue.js";
export type { Period } from "./measures/types.js";
// Figures out, for operators.
export { figuresForPeriod, isCalendarDay, type PeriodFigure, type PeriodFigures } from "./period-figures.js";
// Small-cell suppression, for other modules' counts about people (survey results).
export { isSmallCell, SMALL_CELL_MAX } from "./suppression.js";
