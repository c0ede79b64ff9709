import { z } from "zod";
import { type Practice, vocabularyCode } from "../../platform/rules/tables.js";

const notes = z.string().trim().max(4000).optional();
const recipients = z.object({ caregiver: z.boolean(), birthParents: z.boolean(), childAttorney: z.boolean() }).strict();

/**
 * What completing each practice records. The outcomes are coded (QPI asks
 * whether the practice happened, not only that a box was ticked).
 */
/** A practice code: a practice_kind row's key (the database checks it exists). */
export const PracticeCode = z.string().regex(vocabularyCode);

const builtInCompletion: Record<Practice, z.ZodType> = {
  comfort_call: z.object({ outcome: z.enum(["held", "declined", "not_safe"]), notes }).strict(),
  icebreaker: z
    .object({
      outcome: z.enum(["held", "declined", "not_safe"]),
      scheduledFor: z.iso.date().optional(),
      participants: z.array(z.string().trim().min(1).max(120)).max(20).default([]),
      allAboutMe: z.string().trim().max(4000).optional(),
      meetOurFamily: z.string().trim().max(4000).optional(),
      coParentingAgreement: z.boolean().default(false),
      evaluation: z.string().trim().max(4000).optional(),
      notes,
    })
    .strict(),
  planned_move_notice: z.object({ outcome: z.enum(["sent"]), sentOn: z.iso.date(), recipients, notes }).strict(),
  emergency_move_notice: z.object({ outcome: z.enum(["sent"]), recipients, notes }).strict(),
  health_education_summary: z.object({ outcome: z.enum(["delivered"]), notes }).strict(),
  medication_handover: z.object({ outcome: z.enum(["handed_over", "none_in_agency_possession"]), notes }).strict(),
  cft_meeting: z
    .object({
      outcome: z.enum(["held"]),
      participants: z.array(z.string().trim().min(1).max(120)).max(30).default([]),
      notes,
    })
    .strict(),
  sibling_visit: z.object({ outcome: z.enum(["held", "cancelled"]), notes }).strict(),
  hearing_caregiver_notice: z.object({ outcome: z.enum(["sent"]), notes }).strict(),
  caregiver_court_report: z.object({ outcome: z.enum(["received_and_forwarded"]), notes }).strict(),
};

/**
 * A practice a coordinator added as data records that it was done, with notes, and who was told when the kind
 * names recipients (the recipients' codes are checked against the kind's rows by the service).
 */
const dataKindCompletion = z
  .object({
    outcome: z.enum(["done", "not_safe"]),
    recipients: z.record(z.string().regex(vocabularyCode), z.boolean()).optional(),
    notes,
  })
  .strict();

/** Every completion form: the built-in practices' and the one of kinds added as data (the field-label check walks them). */
export const completionByPractice: Record<string, z.ZodType> = { ...builtInCompletion, data_kind: dataKindCompletion };

/** What completing a task of this practice records. */
export const completionOf = (practice: Practice): z.ZodType => builtInCompletion[practice] ?? dataKindCompletion;

export const TaskComplete = z
  .object({
    version: z.number().int().positive(),
    /** When it happened; defaults to now. Cannot be in the future. */
    completedAt: z.iso.datetime({ offset: true }).optional(),
    details: z.record(z.string(), z.unknown()),
  })
  .strict();

export const TaskProgress = z
  .object({ version: z.number().int().positive(), details: z.record(z.string(), z.unknown()) })
  .strict();

export const TaskParams = z.object({ taskId: z.uuid() });

export const TaskView = z.object({
  id: z.uuid(),
  childId: z.uuid(),
  childName: z.string(),
  practice: PracticeCode,
  status: z.enum(["open", "completed", "not_required"]),
  dueAt: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  notRequiredReason: z.string().nullable(),
  completedAt: z.string().nullable(),
  completedByName: z.string().nullable(),
  onTime: z.boolean().nullable(),
  outcome: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  /** The practice's name from its row (a kind a site added has no catalogue entry in the interface). */
  practiceLabel: z.object({ en: z.string(), es: z.string() }),
  /** How the task is completed: a form, or the partnership plan's two signatures. */
  completion: z.enum(["form", "signatures"]),
  ruleSource: z.string(),
  ruleNote: z.string(),
  /** The rule's note in Spanish, when the rule set has it. */
  ruleNoteEs: z.string().nullable(),
  /** Which layer the deadline comes from: state law or regulation, the site's own setting, or guidance. */
  ruleLayer: z.enum(["state", "site", "guidance"]),
  version: z.number().int(),
  /** The IANA time zone of the child's site: due times are read in it. */
  timeZone: z.string(),
  /** The person who is the child's caseworker now, if any. */
  caseworkerId: z.uuid().nullable(),
});
export type TaskView = z.infer<typeof TaskView>;
export const TaskList = z.object({ tasks: z.array(TaskView) });

export const worklistWindows = ["overdue", "today", "week", "all"] as const;
export type WorklistWindow = (typeof worklistWindows)[number];
/** The worklist's filters; they are the page's URL parameters too. */
export const WorklistQuery = z.object({
  window: z.enum(worklistWindows).default("week"),
  practice: PracticeCode.optional(),
  childId: z.uuid().optional(),
  /** A caseworker's person id, or "none" for children without a current caseworker. */
  caseworker: z.union([z.uuid(), z.literal("none")]).optional(),
});
export const Worklist = z.object({
  window: z.enum(worklistWindows),
  tasks: z.array(TaskView),
  /** How many tasks match; more than `tasks.length` when the list was cut at its limit. */
  total: z.number().int(),
});
/** What a worklist window holds, per current caseworker and per practice: each figure opens its worklist. */
export const WorklistCounts = z.object({
  window: z.enum(worklistWindows),
  total: z.number().int(),
  byCaseworker: z.array(
    z.object({ caseworkerId: z.uuid().nullable(), name: z.string().nullable(), count: z.number() }),
  ),
  byPractice: z.array(z.object({ practice: PracticeCode, count: z.number().int() })),
});
export const WorklistCountsQuery = z.object({ window: z.enum(worklistWindows).default("overdue") }).strict();

export const TimelinessRow = z.object({
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  practice: PracticeCode,
  onTime: z.number().int(),
  late: z.number().int(),
  overdue: z.number().int(),
  pending: z.number().int(),
  notRequired: z.number().int(),
  onTimeRate: z.number().nullable(),
});
export const Timeliness = z.object({ since: z.string(), rows: z.array(TimelinessRow) });
export const TimelinessQuery = z.object({ days: z.coerce.number().int().min(7).max(730).default(180) });
