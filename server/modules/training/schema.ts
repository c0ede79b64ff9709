import { z } from "zod";

export const TrainingFormat = z.enum(["tip_sheet", "video", "podcast", "webinar", "course"]);

export const TrainingSearchQuery = z.object({
  q: z.string().trim().min(2).max(200),
  topic: z.string().max(40).optional(),
  age: z.coerce.number().int().min(0).max(21).optional(),
  format: TrainingFormat.optional(),
});

export const TrainingItemSummary = z.object({
  code: z.string(),
  format: TrainingFormat,
  topic: z.object({ code: z.string(), name: z.string() }),
  ageMin: z.number(),
  ageMax: z.number(),
  creditHours: z.number(),
  title: z.string(),
  summary: z.string(),
});
export type TrainingItemSummary = z.infer<typeof TrainingItemSummary>;

export const TrainingSearchResult = z.object({ results: z.array(TrainingItemSummary) });

export const TrainingItemParams = z.object({ code: z.string().min(1).max(60) });

export const TrainingItem = TrainingItemSummary.extend({
  paragraphs: z.array(z.string()),
  completedOn: z.string().nullable(),
});
export type TrainingItem = z.infer<typeof TrainingItem>;

export const TrainingCompletion = z.object({
  itemCode: z.string(),
  title: z.string(),
  hours: z.number(),
  completedOn: z.string(),
  method: z.enum(["attested", "quiz", "attendance"]),
});

export const TrainingAttestBody = z.object({ attested: z.literal(true) });

export const TrainingProgress = z.object({
  year: z.number(),
  stateCode: z.string(),
  requirement: z.object({
    hours: z.number().nullable(),
    note: z.string(),
    sourceUrl: z.string().nullable(),
    effectiveFrom: z.string(),
  }),
  earnedHours: z.number(),
  owedHours: z.number().nullable(),
  completions: z.array(TrainingCompletion),
});
export type TrainingProgress = z.infer<typeof TrainingProgress>;

/** Why an item is recommended: a child placed recently, a child's age, a need in the child's summary, hours owed. */
export const RecommendationReason = z.object({
  kind: z.enum(["new_placement", "child_age", "child_need", "hours_owed"]),
  childName: z.string().nullable(),
  age: z.number().nullable(),
  need: z.enum(["medication", "education", "behaviour"]).nullable(),
});
export const TrainingRecommendations = z.object({
  owedHours: z.number().nullable(),
  items: z.array(TrainingItemSummary.extend({ reasons: z.array(RecommendationReason).min(1) })),
});
export type TrainingRecommendations = z.infer<typeof TrainingRecommendations>;

/** A site's own items from CSV: the file's text (the browser reads the uploaded file), checked row by row. */
export const TrainingImportBody = z.object({
  siteId: z.uuid(),
  csv: z.string().min(1).max(2_000_000),
});
export const TrainingImportPreview = z.object({
  items: z.array(
    z.object({
      row: z.number(),
      code: z.string(),
      format: TrainingFormat,
      topic: z.string(),
      ageMin: z.number(),
      ageMax: z.number(),
      creditHours: z.number(),
      title: z.string(),
    }),
  ),
});
export const TrainingImportResult = z.object({ imported: z.number() });
