import { z } from "zod";

/** Contracts of the resource-families module (households, consent, the approval pipeline), shared with the web. */

export const stageList = [
  "inquiry",
  "orientation",
  "application",
  "background_checks",
  "training",
  "home_assessment",
  "psychosocial",
  "written_report",
  "approved",
  "withdrawn",
  "denied",
  "closed",
] as const;
export const StageCode = z.enum(stageList);
/** The approval path in order; withdrawn and denied end it early, closed ends an approved home. */
export const pipelineStages = stageList.slice(0, 9);

export const approvalTypes = ["resource_family", "kin", "ffa_certified", "emergency_relative"] as const;
export const availabilities = ["available", "on_hold", "full"] as const;
export const recruitmentSources = [
  "ambassador_referral",
  "caregiver_referral",
  "event",
  "web_form",
  "faith_community",
  "media",
  "kin_placement",
  "other",
] as const;
export const checkKinds = ["live_scan", "child_abuse_index", "dmv"] as const;
export const checkStatuses = ["requested", "cleared", "exemption_needed", "exemption_granted", "not_cleared"] as const;
export const needsList = [
  "medical",
  "behavioral",
  "developmental",
  "infant_care",
  "teen_parent",
  "lgbtq_affirming",
] as const;

export const HouseholdIdParams = z.object({ householdId: z.uuid() });

export const HouseholdSearch = z.object({
  siteId: z.uuid(),
  q: z.string().trim().max(100).optional(),
  stage: z.enum(["pipeline", "approved", "ended", "all"]).optional(),
});

const Resident = z.object({
  id: z.uuid().optional(),
  role: z.enum(["applicant", "co_applicant", "adult", "child"]),
  givenName: z.string().trim().min(1).max(100),
  familyName: z.string().trim().min(1).max(100),
  birthYear: z.number().int().min(1900).max(2100).nullable(),
  relationship: z.string().trim().max(100).nullable(),
});

export const HouseholdSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  city: z.string().nullable(),
  /** Present only for a reader of caregiver contact at the site (an RFA worker). */
  addressLine1: z.string().nullable().optional(),
  licenseNumber: z.string().nullable(),
  stage: StageCode,
  availability: z.enum(availabilities),
  availabilityConfirmedOn: z.string().nullable(),
  capacity: z.number().nullable(),
  nextDueOn: z.string().nullable(),
});
export const HouseholdList = z.object({ households: z.array(HouseholdSummary), total: z.number() });

export const ConsentEntry = z.object({
  id: z.uuid(),
  shared: z.boolean(),
  recordedAs: z.enum(["caregiver", "staff_on_behalf"]),
  recordedByName: z.string(),
  note: z.string().nullable(),
  recordedAt: z.string(),
});

export const StageEvent = z.object({
  id: z.uuid(),
  stage: StageCode,
  enteredOn: z.string(),
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
  recordedByName: z.string().nullable(),
});

export const BackgroundCheck = z.object({
  id: z.uuid(),
  subject: z.string(),
  kind: z.enum(checkKinds),
  status: z.enum(checkStatuses),
  requestedOn: z.string(),
  completedOn: z.string().nullable(),
});

export const HouseholdTaskView = z.object({
  id: z.uuid(),
  kind: z.enum(["approval_due", "cpr_first_aid_due"]),
  dueOn: z.string(),
  status: z.enum(["open", "done", "cancelled"]),
  sourceUrl: z.string(),
  sourceNote: z.string(),
});

export const HouseholdDetail = z.object({
  id: z.uuid(),
  siteId: z.uuid(),
  version: z.number(),
  name: z.string(),
  kind: z.string(),
  addressLine1: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  languages: z.array(z.string()),
  licenseNumber: z.string().nullable(),
  approvalType: z.enum(approvalTypes).nullable(),
  capacity: z.number().nullable(),
  prefAgeMin: z.number().nullable(),
  prefAgeMax: z.number().nullable(),
  prefSiblingGroups: z.boolean(),
  prefNeeds: z.array(z.string()),
  availability: z.enum(availabilities),
  availabilityConfirmedOn: z.string().nullable(),
  stage: StageCode,
  recruitmentSource: z.string().nullable(),
  inquiryOn: z.string().nullable(),
  applicationOn: z.string().nullable(),
  approvedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  closureReason: z.string().nullable(),
  closureNote: z.string().nullable(),
  exitReason: z.string().nullable(),
  trainingHours: z.number(),
  contactSharedWithBirthParents: z.boolean(),
  members: z.array(z.object({ personId: z.uuid(), name: z.string(), role: z.string() })),
  residents: z.array(Resident.extend({ id: z.uuid() })),
  stageHistory: z.array(StageEvent),
  checks: z.array(BackgroundCheck),
  consentHistory: z.array(ConsentEntry),
  tasks: z.array(HouseholdTaskView),
  /** What approval still needs (codes), for the worker and the applicant alike. */
  missing: z.array(z.string()),
  nextStage: StageCode.nullable(),
});

const optionalText = (max: number) => z.string().trim().max(max).nullable();

export const HouseholdUpdate = z
  .object({
    version: z.number().int().positive(),
    name: z.string().trim().min(1).max(200),
    addressLine1: optionalText(200),
    city: optionalText(100),
    postalCode: z
      .string()
      .trim()
      .regex(/^\d{5}$/)
      .nullable(),
    phone: optionalText(40),
    email: z.email().max(254).nullable(),
    languages: z.array(z.string().trim().min(2).max(40)).max(10),
    licenseNumber: optionalText(40),
    approvalType: z.enum(approvalTypes).nullable(),
    capacity: z.number().int().min(1).max(12).nullable(),
    prefAgeMin: z.number().int().min(0).max(21).nullable(),
    prefAgeMax: z.number().int().min(0).max(21).nullable(),
    prefSiblingGroups: z.boolean(),
    prefNeeds: z.array(z.enum(needsList)).max(needsList.length),
    availability: z.enum(availabilities),
    trainingHours: z.number().min(0).max(999),
    residents: z.array(Resident).max(20),
  })
  .strict();

export const HouseholdCreate = z
  .object({
    siteId: z.uuid(),
    applicantGivenName: z.string().trim().min(1).max(100),
    applicantFamilyName: z.string().trim().min(1).max(100),
    approvalType: z.enum(approvalTypes),
    recruitmentSource: z.enum(recruitmentSources),
    inquiryOn: z.iso.date(),
  })
  .strict();

export const HouseholdCreated = z.object({ id: z.uuid() });

export const StageChange = z
  .object({
    stage: StageCode,
    on: z.iso.date(),
    reasonCode: z.string().trim().max(40).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

export const CheckInput = z
  .object({
    id: z.uuid().optional(),
    subject: z.string().trim().min(1).max(200),
    kind: z.enum(checkKinds),
    status: z.enum(checkStatuses),
    requestedOn: z.iso.date(),
    completedOn: z.iso.date().nullable(),
  })
  .strict();

export const ConsentInput = z
  .object({
    shared: z.boolean(),
    /** Staff recording on the caregiver's behalf say how the caregiver told them (required for staff). */
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

export const ClosureInput = z
  .object({
    reason: z.string().trim().min(1).max(40),
    note: z.string().trim().max(2000).optional(),
    closedOn: z.iso.date(),
  })
  .strict();

export const ReasonList = z.object({
  closure: z.array(z.object({ code: z.string(), requiresNote: z.boolean() })),
  exit: z.array(z.object({ code: z.string(), outcome: z.enum(["withdrawn", "denied"]), requiresNote: z.boolean() })),
});

/** What a caregiver or applicant sees of their own home: progress and consent, not a staff record. */
export const MyHousehold = z.object({
  households: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      stage: StageCode,
      steps: z.array(
        z.object({ stage: StageCode, state: z.enum(["done", "current", "next", "later"]), on: z.string().nullable() }),
      ),
      missing: z.array(z.string()),
      approvalDueOn: z.string().nullable(),
      availability: z.enum(availabilities),
      availabilityConfirmedOn: z.string().nullable(),
      contactSharedWithBirthParents: z.boolean(),
      consentHistory: z.array(ConsentEntry),
    }),
  ),
});
export const MyConsentInput = ConsentInput.extend({ householdId: z.uuid() }).strict();
export const MyAvailabilityInput = z.object({ householdId: z.uuid(), availability: z.enum(availabilities) }).strict();
export const MyAvailability = z.object({ availability: z.enum(availabilities), availabilityConfirmedOn: z.string() });

export const InquiryFormParams = z.object({ siteCode: z.string().trim().min(2).max(32) });
export const InquiryForm = z.object({ siteName: z.string(), token: z.string() });
export const InquiryInput = z
  .object({
    givenName: z.string().trim().min(1).max(100),
    familyName: z.string().trim().min(1).max(100),
    email: z.email().max(254),
    phone: z.string().trim().max(40).optional(),
    postalCode: z
      .string()
      .trim()
      .regex(/^\d{5}$/)
      .optional(),
    heardFrom: z.enum(recruitmentSources).optional(),
    /** The honeypot: hidden from people, filled by robots. Must stay empty. */
    website: z.string().max(200).optional(),
    formToken: z.string().min(10).max(200),
  })
  .strict();
export const InquiryReceipt = z.object({ received: z.literal(true) });

export const MatchQuery = z.object({
  /** Needs the worker asks the home to meet (the child's record holds none of these yet). */
  needs: z
    .string()
    .trim()
    .max(200)
    .regex(/^[a-z_,]*$/)
    .optional(),
});
export const MatchParams = z.object({ childId: z.uuid() });
export const MatchCandidateParams = z.object({ childId: z.uuid(), householdId: z.uuid() });
const MatchReason = z.object({
  code: z.string(),
  points: z.number(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export const MatchList = z.object({
  groupSize: z.number(),
  children: z.array(z.object({ id: z.uuid(), givenName: z.string(), age: z.number().nullable() })),
  familyPostalCodes: z.number(),
  candidates: z.array(
    z.object({
      /** A position, not a name: names stay hidden until the worker opens a candidate (audited). */
      rank: z.number(),
      householdId: z.uuid(),
      city: z.string().nullable(),
      score: z.number(),
      distanceKm: z.number().nullable(),
      availabilityConfirmedOn: z.string().nullable(),
      reasons: z.array(MatchReason),
    }),
  ),
  considered: z.number(),
  centroidSource: z.string(),
});
export const MatchCandidate = z.object({
  householdId: z.uuid(),
  name: z.string(),
  licenseNumber: z.string().nullable(),
  city: z.string().nullable(),
  approvalType: z.string().nullable(),
  capacity: z.number().nullable(),
});

export const DeadlinesQuery = z.object({ siteId: z.uuid() });
export const Deadlines = z.object({
  tasks: z.array(
    z.object({
      id: z.uuid(),
      householdId: z.uuid(),
      householdName: z.string(),
      kind: z.enum(["approval_due", "cpr_first_aid_due"]),
      dueOn: z.string(),
      overdue: z.boolean(),
    }),
  ),
  /** Approved homes whose availability was last confirmed more than 30 days ago (a site setting, not a state rule). */
  staleAvailability: z.number(),
});

export const RetentionQuery = z.object({ siteId: z.uuid() });
/** Retention over the 12 months to the site's today, from the household records (not imports). */
export const Retention = z.object({
  from: z.string(),
  to: z.string(),
  approved: z.number(),
  activeAtEnd: z.number(),
  closed: z.number(),
  closedByReason: z.array(z.object({ reason: z.string(), count: z.number() })),
  /** Of homes approved 12 to 24 months before `to`, the share still open a year after approval (null: none). */
  oneYearRetention: z.object({ cohort: z.number(), retained: z.number() }),
  /** Median days from application (else inquiry) to approval, for approvals in the period; null without any. */
  medianDaysToApproval: z.number().nullable(),
});
