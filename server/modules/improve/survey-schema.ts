import { z } from "zod";

export const instrumentCodes = ["caregiver_experience", "icebreaker_evaluation", "home_exit"] as const;
export const audiences = ["caregiver", "birth_parent", "youth"] as const;
const day = z.iso.date();

/** A coordinator publishes a survey built from an instrument to one audience of their site. */
export const SurveyCreate = z
  .object({
    instrumentCode: z.enum(instrumentCodes),
    audience: z.enum(audiences),
    opensOn: day,
    closesOn: day,
  })
  .strict();

export const SurveySummary = z.object({
  id: z.uuid(),
  instrumentCode: z.string(),
  title: z.string(),
  audience: z.enum(audiences),
  opensOn: z.string(),
  closesOn: z.string(),
  responses: z.number().int(),
});

export const SiteSurveys = z.object({
  surveys: z.array(SurveySummary),
  instruments: z.array(z.object({ code: z.enum(instrumentCodes), title: z.string(), sourceNote: z.string() })),
});

/** A count as shown: null when it is a small cell (1 to the threshold), which could point at a person. */
const ShownCount = z.number().int().nullable();

export const SurveyResults = z.object({
  survey: SurveySummary,
  /** Counts from 1 to this are hidden (the outcomes module's small-cell threshold). */
  smallCellMax: z.number().int(),
  questions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["scale", "yes_no", "choice", "text"]),
      prompt: z.string(),
      answered: ShownCount,
      counts: z.array(z.object({ value: z.string(), label: z.string(), count: ShownCount })),
      /** The mean of a 1–5 scale, null when the number answering is a small cell. */
      mean: z.number().nullable(),
      /** Free text, for the coordinator only, and only when enough people answered that none stands out. */
      texts: z.array(z.string()).nullable(),
    }),
  ),
});

export const SurveyParams = z.object({ surveyId: z.uuid() });

export const MySurveys = z.object({
  surveys: z.array(z.object({ id: z.uuid(), title: z.string(), closesOn: z.string(), answered: z.boolean() })),
});

export const MySurvey = z.object({
  id: z.uuid(),
  title: z.string(),
  closesOn: z.string(),
  answered: z.boolean(),
  questions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["scale", "yes_no", "choice", "text"]),
      prompt: z.string(),
      required: z.boolean(),
      choices: z.array(z.object({ value: z.string(), label: z.string() })),
    }),
  ),
});

/** Answers by question id: 1–5 for a scale, "yes"/"no", a choice's value, or free text. */
export const SurveyAnswer = z
  .object({
    surveyAnswers: z.record(z.string().max(40), z.union([z.number().int().min(1).max(5), z.string().trim().max(2000)])),
  })
  .strict();
