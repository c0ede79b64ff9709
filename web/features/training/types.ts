import type { z } from "zod";
import type {
  TrainingItem,
  TrainingProgress,
  TrainingRecommendations,
  TrainingSearchResult,
} from "../../../server/modules/training/schema";

// The API's own zod schemas, as types only (erased at build).
export type TrainingSearchView = z.infer<typeof TrainingSearchResult>;
export type TrainingItemView = z.infer<typeof TrainingItem>;
export type TrainingProgressView = z.infer<typeof TrainingProgress>;
export type TrainingRecommendationsView = z.infer<typeof TrainingRecommendations>;
