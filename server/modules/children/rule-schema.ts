import { z } from "zod";
import { dueUnits, exclusionCodes, practices, ruleTriggers } from "../../platform/rules/tables.js";

export const RuleView = z.object({
  id: z.uuid(),
  stateCode: z.string(),
  practice: z.enum(practices),
  trigger: z.enum(ruleTriggers),
  appliesTo: z.enum(["all", "icwa", "non_icwa"]),
  dueAmount: z.number().int(),
  dueUnit: z.enum(dueUnits),
  dueDirection: z.enum(["after", "before"]),
  repeatDays: z.number().int().nullable(),
  exclusions: z.array(z.enum(exclusionCodes)),
  /** Null when the sources do not establish the start date; effectiveNote then says so. */
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  effectiveNote: z.string().nullable(),
  effectiveNoteEs: z.string().nullable(),
  /** Where the rule comes from: state law or regulation, the site's own setting, or network guidance. */
  layer: z.enum(["state", "site", "guidance"]),
  sourceUrl: z.string(),
  sourceNote: z.string(),
  /** The same note in Spanish, when the rule set has its translation (the page shows the user's language). */
  sourceNoteEs: z.string().nullable(),
  version: z.number().int(),
});
export const RuleList = z.object({ stateCode: z.string(), canManage: z.boolean(), rules: z.array(RuleView) });
/**
 * The network's rule sets side by side (issue 12's coverage page): every state's rules in force on a day, and how
 * many court holidays each state's table holds per year with their source. A state × practice with no rule is a
 * gap: "not established", for the site to set.
 */
export const RuleCoverage = z.object({
  onDay: z.string(),
  states: z.array(z.string()),
  practices: z.array(z.enum(practices)),
  rules: z.array(RuleView),
  holidayYears: z.array(z.number().int()),
  holidays: z.array(
    z.object({
      stateCode: z.string(),
      year: z.number().int(),
      count: z.number().int(),
      sourceUrl: z.string(),
      sourceNote: z.string(),
    }),
  ),
});
export const RuleListQuery = z.object({
  state: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});

/**
 * A new version of a rule (or a new rule): it applies from effectiveFrom; the version before it ends the day before.
 */
export const RuleCreate = z
  .object({
    stateCode: z.string().regex(/^[A-Z]{2}$/),
    practice: z.enum(practices),
    trigger: z.enum(ruleTriggers),
    appliesTo: z.enum(["all", "icwa", "non_icwa"]).default("all"),
    dueAmount: z.number().int().min(1).max(400),
    dueUnit: z.enum(dueUnits),
    dueDirection: z.enum(["after", "before"]).default("after"),
    repeatDays: z.number().int().min(1).max(365).nullable().default(null),
    exclusions: z.array(z.enum(exclusionCodes)).max(5).default([]),
    effectiveFrom: z.iso.date(),
    /**
     * A version effective before today ends the version in force on that day early: the coordinator confirms by
     * naming it (its id). Tasks already created keep their due dates either way.
     */
    confirmEndsVersion: z.uuid().optional(),
    sourceUrl: z.url({ protocol: /^https?$/ }).max(500),
    sourceNote: z.string().trim().min(3).max(1000),
    sourceNoteEs: z.string().trim().min(3).max(1000).optional(),
  })
  .strict()
  .refine((r) => r.dueDirection === "after" || r.trigger === "planned_move" || r.trigger === "hearing", {
    path: ["dueDirection"],
    params: { messageKey: "validation.invalid_value" },
  });
