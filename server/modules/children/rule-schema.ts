import { z } from "zod";
import { dueUnits, vocabularyCode } from "../../platform/rules/tables.js";

const code = z.string().regex(vocabularyCode);
const label = z.object({ en: z.string(), es: z.string() });

export const RuleView = z.object({
  id: z.uuid(),
  stateCode: z.string(),
  /** The site whose own setting this is; null for state law, guidance, and a site setting kept for every site. */
  siteId: z.uuid().nullable(),
  siteName: z.string().nullable(),
  practice: code,
  trigger: code,
  appliesTo: z.enum(["all", "icwa", "non_icwa"]),
  dueAmount: z.number().int(),
  dueUnit: z.enum(dueUnits),
  dueDirection: z.enum(["after", "before"]),
  repeatDays: z.number().int().nullable(),
  exclusions: z.array(code),
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
/**
 * The network's rule sets side by side (issue 12's coverage page): every state's rules in force on a day, and how
 * many court holidays each state's table holds per year with their source. A state × practice with no rule is a
 * gap: "not established", for the site to set.
 */
export const RuleCoverage = z.object({
  onDay: z.string(),
  states: z.array(z.string()),
  practices: z.array(code),
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

/** A practice a rule can set: network-wide, a state's own, or a site's own (added by its coordinator). */
export const PracticeKindView = z.object({
  code,
  label,
  description: z.object({ en: z.string().nullable(), es: z.string().nullable() }),
  stateCode: z.string().nullable(),
  siteId: z.uuid().nullable(),
  completion: z.enum(["form", "signatures"]),
  recipients: z.array(code),
});
export const Vocabulary = z.object({
  kinds: z.array(PracticeKindView),
  triggers: z.array(z.object({ code, label, allowsBefore: z.boolean() })),
  exclusions: z.array(z.object({ code, label })),
  recipients: z.array(z.object({ code, label })),
});

export const RuleList = z.object({
  stateCode: z.string(),
  canManage: z.boolean(),
  /** The sites of this state whose settings the actor may edit (rules:manage there). */
  manageSites: z.array(z.object({ id: z.uuid(), name: z.string() })),
  rules: z.array(RuleView),
  vocabulary: Vocabulary,
});
export const RuleListQuery = z.object({
  state: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});

/**
 * A new version of a site's setting (or a new one): it applies from effectiveFrom; the site's version before it
 * ends the day before. A site setting may be stricter than the state's rule for the same practice, never looser.
 */
export const RuleCreate = z
  .object({
    stateCode: z.string().regex(/^[A-Z]{2}$/),
    /** The site whose setting this is; may be left out when the actor manages rules at one site of the state. */
    siteId: z.uuid().optional(),
    practice: code,
    trigger: code,
    appliesTo: z.enum(["all", "icwa", "non_icwa"]).default("all"),
    dueAmount: z.number().int().min(0).max(400),
    dueUnit: z.enum(dueUnits),
    dueDirection: z.enum(["after", "before"]).default("after"),
    repeatDays: z.number().int().min(1).max(365).nullable().default(null),
    exclusions: z.array(code).max(10).default([]),
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
  .strict();

/** A site's own practice: a coordinator adds it, then sets its rule (deadline, trigger, source) like any other. */
export const PracticeKindCreate = z
  .object({
    siteId: z.uuid(),
    code,
    labelEn: z.string().trim().min(2).max(120),
    labelEs: z.string().trim().min(2).max(120),
    descriptionEn: z.string().trim().max(1000).optional(),
    descriptionEs: z.string().trim().max(1000).optional(),
    recipients: z.array(code).max(10).default([]),
  })
  .strict();
