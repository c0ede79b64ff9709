import type { z } from "zod";
import type {
  HealthSummaryContent,
  HealthSummarySave,
  LifeBookItemInput,
  LifeBookItemView,
  LifeBookList,
  MyChildList,
  MyChildView,
  RevealView,
  RppDecisionInput,
  RppDecisionList,
  StaffHealthSummary,
} from "../../../server/modules/caregiver/schema";

// The API's own zod schemas, as types only (erased at build).
export type MyChildListView = z.infer<typeof MyChildList>;
export type MyChild = z.infer<typeof MyChildView>;
export type Revealed = z.infer<typeof RevealView>;
export type Summary = z.infer<typeof HealthSummaryContent>;
export type SummarySaveInput = z.input<typeof HealthSummarySave>;
export type StaffSummaryView = z.infer<typeof StaffHealthSummary>;
export type DecisionInput = z.input<typeof RppDecisionInput>;
export type DecisionListView = z.infer<typeof RppDecisionList>;
export type LifeBookInput = z.input<typeof LifeBookItemInput>;
export type LifeBookItem = z.infer<typeof LifeBookItemView>;
export type LifeBookListView = z.infer<typeof LifeBookList>;
