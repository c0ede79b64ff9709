/**
 * What the synthetic histories are calibrated to, in one place. Sourced
 * figures cite their source; [fit] marks a parameter tuned so that the
 * outcome measures of a generated bundle land on CB's national performance
 * (test/outcomes/generator/calibration.test.ts checks it); [assumed] marks a
 * plausible value with no source at hand. National targets live in
 * ../measures/catalogue.ts (CB Round 4 national performance).
 *
 * Age groups used throughout (CB's CFSR breakdowns, months for infants):
 *   0: 0–3 months · 1: 4–11 months · 2: 1–5 years · 3: 6–10 · 4: 11–16 · 5: 17
 */

/**
 * Exit reasons of all exits, AFCARS-like: reunification ≈ 47 % of exits in
 * FY2019 (CDF on AFCARS Report #27), adoptions 66,035 of 248,669 exits
 * (26.6 %, Report #27), the rest [U] as AFCARS reports show them. Shared with
 * the demo network (server/demo/generate-network.ts) — key order matters
 * there: the demo draws by it. The national generator does not draw from it
 * directly (its reasons follow from the time in care and age); its test checks
 * the mix it produces against these shares.
 */
export const exitReasonMix = {
  reunification: 48,
  adoption: 24,
  guardianship: 11,
  relative: 7,
  emancipation: 7,
  transfer: 2,
  runaway: 1,
} as const;

/** How moves happen after the first placement [assumed], shared with the demo (same key order). */
export const moveKindMix = { planned: 55, unplanned: 30, emergency: 15 } as const;

export const population = {
  /**
   * Entries by age group, CB entry-rate numerators 24B25A (31,792 under 1;
   * 46,090 aged 1–5; 35,379 aged 6–10; 46,012 aged 11–16; 6,227 aged 17);
   * infants split 73 / 27 as P1's 23A23B cohort (20,785 of 28,433 were 0–3 months).
   */
  ageGroupWeights: [23_210, 8_582, 46_090, 35_379, 46_012, 6_227],
  /** Share of 0–3-month entrants removed in their first week (removed at birth) [assumed]. */
  newbornShareOfYoungInfants: 0.55,
  /** AFCARS shows slightly more boys than girls in care (≈ 52 %) [U]. */
  maleShare: 0.515,
  /**
   * Race/ethnicity of entries, CB entry-rate numerators 24B25A, in raceNames
   * order: unknown (3,861 unknown + 114 missing), AI/AN 3,759, Asian 1,032,
   * Black 37,840, NH/PI 459, White 70,142, two or more 14,512, Hispanic 33,781.
   */
  raceWeights: [3_975, 3_759, 1_032, 37_840, 459, 70_142, 14_512, 33_781],
  /**
   * Sibling groups entering care together, by number of children [fit]: tuned
   * so about two thirds of children in care have a sibling in care on a day
   * ("approximately two-thirds", Child Welfare Information Gateway, Sibling
   * Issues in Foster Care and Adoption, 2013).
   */
  familySizeWeights: [0, 48, 24, 13, 8, 4, 3],
  /** Children whose birth date is not recorded (the DD excludes them) [assumed]. */
  missingBirthDateShare: 0.003,
  /**
   * Entries at the end of the history as a share of those at its start:
   * national entries fell from 273,332 in FY2016 (AFCARS #27) to 165,500 in
   * 24B25A (CB entry-rate numerator).
   */
  entryTrendEndToStart: 0.6,
  historyYears: 10,
} as const;

/**
 * Siblings together: POC Washington on 1 Jan 2015 — of children with siblings
 * in care, 59 % with all, 17 % with some, 24 % with none
 * (https://partnersforourchildren.org/quickfacts/how-often-are-siblings-placed-together-when-they-enter-the-system/).
 * A family's children are split into placement units that live, move, exit
 * and re-enter together [fit].
 */
export const siblings = {
  allTogether: [1, 1, 0.55, 0.43, 0.35, 0.3, 0.26] as readonly number[],
  /** When not all together and at least 3: some together (one unit of 2+) rather than none. */
  someTogetherOtherwise: 0.9,
};

/**
 * Time to exit: a hazard of permanent exit per day, piecewise by time in care
 * (first year, second year, later) and age group at entry [fit to P1 35.2 %,
 * P2 43.8 %, P3 37.3 %]. The age shape follows CB's breakdowns (P1 23A23B:
 * 25 % for 0–3 months, 35–38 % for 4 months–16 years; P3 24B25A: 54 % at 1–5,
 * 45 % at 6–10, 27 % at 11–16).
 */
export const timeInCare = {
  /** Entries that leave within a week (excluded from P1) [assumed]. */
  shortStayShare: 0.04,
  /**
   * Units whose case stalls (complex needs, no placement resource): their
   * permanency hazard is this fraction of the others' [fit: gives the stock of
   * long stays behind P3's denominator, about two thirds of P1's nationally].
   */
  slowCaseShare: 0.2,
  slowCaseHazard: 0.3,
  permanencyPerDay: [0.00118, 0.0015, 0.0026] as readonly number[],
  ageMultiplier: [
    [0.68, 1.25, 1.45],
    [1.0, 1.25, 1.45],
    [1.07, 1.1, 1.2],
    [1.11, 0.95, 0.9],
    [1.07, 0.72, 0.5],
    [1.0, 0.5, 0.3],
  ] as readonly (readonly number[])[],
  /** Other exits per day: transfer to another agency, runaway (ages 12+), death [assumed, ≈ AFCARS shares]. */
  transferPerDay: 0.00003,
  runawayExitPerDay: 0.00004,
  deathPerDay: 0.000002,
  /** Youths who stay in extended foster care past 18 (exit between 19 and 21) [assumed]. */
  extendedCareShare: 0.3,
  /** Closed episodes with no exit reason recorded [assumed]. */
  missingExitReasonShare: 0.006,
};

/**
 * Re-entry within 12 months of a reunification, relative or guardianship exit,
 * by age at exit: CB P4 23B24A (10.6 % at 0–3 months, 8.1 % at 4–11, 6.0 %
 * at 1–5, 5.0 % at 6–10, 7.0 % at 11–16, 2.9 % at 17), scaled [fit].
 */
export const reentry = {
  within12MonthsByAge: [0.106, 0.081, 0.06, 0.05, 0.07, 0.029] as readonly number[],
  scale: 0.88,
  meanDaysToReentry: 130,
  /** A further re-entry after the first year [assumed]. */
  laterShare: 0.04,
  maxEpisodes: 4,
};

/**
 * Placement moves per day in care: (base + early · e^(−t/τ)) × age × setting
 * [fit to W1 4.48 per 1,000 days]. Age multipliers are CB W1 24B25A by age at
 * entry over the total (2.6, 3.5, 4.4, 4.8, 6.6, 7.2 vs 4.88).
 */
export const moves = {
  basePerDay: 0.0023,
  earlyPerDay: 0.0069,
  earlyDays: 60,
  ageMultiplier: [0.54, 0.73, 0.9, 0.98, 1.36, 1.48] as readonly number[],
  /** By setting code 1..8 (index 0 unused): congregate care steps down more often [assumed]. */
  settingMultiplier: [1, 0.3, 0.7, 1, 1.1, 1.1, 0.8, 1, 1] as readonly number[],
  /** Running away from a placement (youths 12+), per day, congregate / family [assumed]. */
  runawayPerDay: { congregate: 0.0006, family: 0.00012 },
  runawayMeanDays: 14,
  runawayReturnsToSameHome: 0.5,
};

/**
 * Settings chosen at entry and at a move, by age group (weights in setting
 * code order 1..6: pre-adoptive, relative, non-relative, group home,
 * institution, supervised independent living) [assumed, fit so congregate care
 * is ≈ 10–14 % of children in care on a day — 14 % on 30 Sep 2013, CRS IF10226;
 * 10 % in FY2019 (AFCARS #27: group home 4 %, institution 6 %)].
 */
export const settings = {
  byAgeGroup: [
    [2, 28, 69, 0.5, 0.5, 0],
    [2, 28, 69, 0.5, 0.5, 0],
    [1.5, 28, 68, 1.5, 2, 0],
    [1, 28, 54, 8, 9, 0],
    [0.5, 20, 30, 24, 26, 0.5],
    [0, 18, 28, 22, 22, 8],
  ] as readonly (readonly number[])[],
  /** From congregate care, the next placement is a family home this often (step-down) [assumed]. */
  stepDownToFamily: 0.35,
  /** Reunifications preceded by a trial home visit, and its length [assumed]. */
  trialHomeVisitShare: 0.6,
  trialHomeVisitMedianDays: 120,
  /** Adoptions: the foster home re-designated pre-adoptive, or a move to a pre-adoptive home [assumed]. */
  preAdoptiveRedesignation: 0.45,
  preAdoptiveMove: 0.25,
  /** Guardianship and relative exits end in a relative home this often [assumed]. */
  relativeHomeAtKinExit: 0.5,
  /** Youths aging out who are in supervised independent living before [assumed]. */
  independentLivingBeforeAgingOut: 0.35,
  /**
   * Episodes whose first placement is recorded a few days after removal (days without placement information) [assumed].
   */
  lateFirstPlacementShare: 0.005,
};

/**
 * Maltreatment reports (NCANDS-like): the in-care rate and earlier
 * victimizations are [fit to S1 9.07 per 100,000 days and S2 9.7 %], the other
 * shares [assumed]. In-care age shape: CB S1 FY23 by age (4.9, 5.5, 8.0, 9.6,
 * 11.3, 9.0 vs 9.13).
 */
export const reports = {
  removalReportSubstantiated: 0.78,
  removalReportOtherwise: 0.5,
  priorSubstantiatedWithinYear: 0.078,
  priorUnsubstantiated: 0.3,
  inCarePerDay: 0.000092,
  inCareAgeMultiplier: [0.54, 0.6, 0.88, 1.05, 1.24, 0.99] as readonly number[],
  inCareUnsubstantiatedRatio: 2,
  incidentBeforeRemoval: 0.04,
  duplicateNextDay: 0.05,
  incidentDateRecorded: 0.7,
  afterExitSubstantiated: 0.03,
  prenatalReportOfNewborns: 0.12,
  /** Of counted reports: "indicated" rather than "substantiated" (states with a three-tier disposition) [assumed]. */
  indicatedShare: 0.2,
};

/**
 * Resource family homes. Inquiry → approval median about 4 months [assumed;
 * California's RFA sets approval timelines in its Written Directives]. Length
 * of service: median just under a year, a quarter leave within 2.5 months,
 * 5 % of 2011 homes open five years on (Chapin Hall, The Dynamics of Foster
 * Home Recruitment and Retention, 2018; The Imprint's summary). Closures:
 * family requests and kin homes whose kinship case ended lead (same study);
 * shares [assumed].
 */
export const homes = {
  approvalMedianDays: 120,
  approvalSigma: 0.45,
  earlyLeaverShare: 0.25,
  earlyLeaverMaxDays: 75,
  serviceMedianDays: 500,
  serviceSigma: 0.9,
  gapBetweenHomesMaxDays: 45,
  withdrawnInquiryShare: 0.3,
  /**
   * Open non-relative homes per child of the county's bundle [fit: about two
   * children per open home; "approximately one third of available homes do not
   * have placements at any given time" (Rhodes et al. 2006, via NY OCFS)].
   */
  openHomesPerChild: 0.02,
  /** Facilities per child of the county's bundle [assumed]. */
  groupHomesPerChild: 0.0012,
  institutionsPerChild: 0.0004,
  /**
   * Closure reasons of non-relative homes, homeClosureNames order: adopted, guardianship, family_request, moved,
   * agency_decision, transferred, other.
   */
  closureWeights: [15, 3, 40, 10, 10, 7, 15] as readonly number[],
  /** Kin homes: approved after the child arrives (placement before approval) [assumed]. */
  kinApprovalMedianDays: 80,
  kinInquiryRecorded: 0.8,
};
