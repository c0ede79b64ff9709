import { z } from "zod";
import { vocabularyCode } from "../../platform/rules/tables.js";

export const calendarDay = z.iso.date();
export const placementSettings = [
  "pre_adoptive_home",
  "relative_family_home",
  "nonrelative_family_home",
  "group_home",
  "institution",
  "supervised_independent_living",
  "runaway",
  "trial_home_visit",
] as const;
const requesters = ["agency", "caregiver", "child", "birth_parent", "court", "other"] as const;
/** Why a child moved, coded (the move form's choices; the demo's placement histories use the same codes). */
export const moveReasons = [
  "caregiver_requested_removal",
  "behavior_needs",
  "allegation_in_home",
  "caregiver_health",
  "runaway_return",
  "runaway",
  "move_to_relative",
  "step_down_to_family",
  "sibling_reunion",
  "pre_adoptive_home",
  "closer_to_school_of_origin",
  "trial_home_visit",
] as const;
export const exitReasons = [
  "reunification",
  "relative",
  "guardianship",
  "adoption",
  "emancipation",
  "transfer",
  "runaway",
  "death",
] as const;

/**
 * AFCARS element 58, reason for discharge (45 CFR 1355 Appendix A; AFCARS Technical Bulletin 1, rev. 2012):
 * the federal code each exit reason is reported as.
 */
export const afcarsDischargeCode = {
  reunification: 1,
  relative: 2,
  adoption: 3,
  emancipation: 4,
  guardianship: 5,
  transfer: 6,
  runaway: 7,
  death: 8,
} as const satisfies Record<(typeof exitReasons)[number], number>;

/** AFCARS element 25, manner of removal from home: 1 voluntary, 2 court ordered, 3 not yet determined. */
export const legalAuthorities = ["voluntary", "court_ordered", "not_yet_determined"] as const;
export const removalReasons = [
  "neglect",
  "physical_abuse",
  "sexual_abuse",
  "parental_substance_use",
  "caretaker_inability_to_cope",
  "abandonment",
  "other",
] as const;
const wallClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

const placementFields = {
  householdId: z.uuid().nullable(),
  // A missing or unknown choice is refused naming the field's label (the message key is the schema's own error).
  setting: z.enum(placementSettings, { error: "practice.placement.setting_required" }),
  startDate: calendarDay,
  /** Local wall-clock time in the site's zone ("HH:MM"); hour deadlines count from it. */
  startTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .optional(),
  requestedBy: z.enum(requesters).nullable().default(null),
  reason: z.string().trim().min(1).max(200).nullable().default(null),
  exclusions: z.array(z.string().regex(vocabularyCode)).max(5).default([]),
};

export const EpisodeCreate = z
  .object({
    removalDate: calendarDay,
    /** Local wall-clock time of the removal in the site's zone ("HH:MM"). */
    removalTime: wallClock.optional(),
    removalReason: z.enum(removalReasons),
    legalAuthority: z.enum(legalAuthorities).optional(),
    placement: z
      .object({ ...placementFields, changeKind: z.enum(["initial", "emergency"]).default("initial") })
      .strict(),
  })
  .strict();

export const PlacementMove = z
  .object({
    ...placementFields,
    // Chosen by the worker, never defaulted: a kind, a requester or a reason nobody chose would become data.
    changeKind: z.enum(["planned", "emergency", "unplanned"], { error: "practice.placement.change_kind_required" }),
    requestedBy: z.enum(requesters, { error: "practice.placement.requested_by_required" }),
    reason: z.enum(moveReasons, { error: "practice.placement.reason_required" }),
    /** The transition plan of a planned move: steps with dates. */
    transitionSteps: z
      .array(z.object({ description: z.string().trim().min(1).max(500), on: calendarDay }).strict())
      .max(30)
      .default([]),
  })
  .strict();

/** Withdrawing a planned move that has not started: the worker's reason and the placement's version as seen. */
export const PlannedMoveCancel = z
  .object({ version: z.number().int().positive(), reason: z.string().trim().min(1).max(500) })
  .strict();
export const PlacementParams = z.object({ childId: z.uuid(), placementId: z.uuid() });

export const EpisodeExit = z
  .object({ exitDate: calendarDay, exitReason: z.enum(exitReasons), version: z.number().int().positive() })
  .strict();

export const EpisodeParams = z.object({ childId: z.uuid(), episodeId: z.uuid() });

export const PlacementView = z.object({
  id: z.uuid(),
  householdId: z.uuid().nullable(),
  householdName: z.string().nullable(),
  setting: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  changeKind: z.string(),
  requestedBy: z.string().nullable(),
  reason: z.string().nullable(),
  transitionSteps: z.array(z.object({ description: z.string(), on: z.string() })).nullable(),
  version: z.number().int(),
  /**
   * On the child's site day: ended, in force (where the child lives), or upcoming (a move recorded for a later
   * day, with its transition plan).
   */
  status: z.enum(["past", "current", "upcoming"]),
});
export const EpisodeView = z.object({
  id: z.uuid(),
  removalDate: z.string(),
  removalReason: z.string(),
  exitDate: z.string().nullable(),
  exitReason: z.string().nullable(),
  /** The exit reason's AFCARS element 58 code (null while in care). */
  afcarsDischargeCode: z.number().int().nullable(),
  removalTime: z.string().nullable(),
  legalAuthority: z.string().nullable(),
  version: z.number().int(),
  placements: z.array(PlacementView),
});

/** A correction kept in the record's history: which value changed, from what to what, why, by whom. */
export const CorrectionView = z.object({
  id: z.uuid(),
  entityType: z.enum(["placement", "removal_episode"]),
  entityId: z.uuid(),
  field: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  reason: z.string(),
  correctedBy: z.string(),
  correctedAt: z.string(),
});
export const TeamMemberView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  role: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
});
export const RelationView = z.object({ personId: z.uuid(), name: z.string(), kind: z.string() });
/**
 * A home to place a child in, with what tells apart homes of the same name (city and licence number). The street
 * address is caregiver contact (field class caregiver_contact), shown only for the home a child lives in.
 */
export const HouseholdOption = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  city: z.string().nullable(),
  licenseNumber: z.string().nullable(),
  /** The home's availability (resource families, migration 0660) and the day it was last confirmed. */
  availability: z.enum(["available", "on_hold", "full"]),
  availabilityConfirmedOn: z.string().nullable(),
});

/** The caregiver's address and phone (field class caregiver_contact): absent for actors without the right. */
export const CaregiverContact = z.object({
  householdId: z.uuid(),
  householdName: z.string(),
  addressLine1: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  phone: z.string().nullable(),
});

export const PlacementHistory = z.object({
  childId: z.uuid(),
  icwa: z.boolean(),
  episodes: z.array(EpisodeView),
  team: z.array(TeamMemberView),
  relations: z.array(RelationView),
  households: z.array(HouseholdOption),
  /** Corrections of dates and settings, newest first. */
  corrections: z.array(CorrectionView),
  /**
   * Where the child lives now (null: not in a home); the key is absent when
   * the actor may not read caregiver contact.
   */
  caregiverContact: CaregiverContact.nullable().optional(),
});
export type PlacementHistory = z.infer<typeof PlacementHistory>;

/** A placement written (a removal or a move): the ids and the practice tasks it created. */
export const PlacementWritten = z.object({
  episodeId: z.uuid(),
  placementId: z.uuid(),
  tasks: z.array(z.object({ id: z.uuid(), practice: z.string(), status: z.string() })),
});
