/**
 * One child's history in the plain shape the CFSR data dictionary speaks of
 * (research/metrics.md §1.2): the child, removal episodes with their
 * placements, maltreatment reports. Days are integers (days.ts). The fast
 * engine works on the columnar form (columns.ts); this form is what the
 * generator writes, tests build and the reference implementation reads.
 */
export interface PlacementRecord {
  startDay: number;
  /** NO_DAY while open. A placement ends the day the next one starts. */
  endDay: number;
  /** Setting code (codes.ts, AFCARS element 41). */
  setting: number;
  /** ChangeKind code: initial, planned, emergency, unplanned, unknown. */
  changeKind: number;
  /** The home (household) the child lived in, to tell siblings placed together; -1 unknown. */
  homeKey: number;
}

export interface EpisodeRecord {
  removalDay: number;
  /** NO_DAY while the child is in care. */
  exitDay: number;
  /** ExitReason code; 0 when open or when the exit has no recorded reason. */
  exitReason: number;
  /** Sorted by startDay. */
  placements: PlacementRecord[];
  /**
   * The number of places the source says the episode had, the current one
   * included (legacy AFCARS element 24, NUMPLEP); absent or 0 when not
   * reported (every placement is then listed). When it is more than the
   * places the placements show, W1 counts NUMPLEP − 1 moves (measures/stability.ts).
   */
  reportedPlacements?: number;
}

export interface MaltreatmentReportRecord {
  reportDay: number;
  /** NO_DAY when the incident date was not reported. */
  incidentDay: number;
  /** Substantiated or indicated (the only reports the safety indicators count). */
  substantiated: boolean;
}

export interface ChildHistory {
  /** The dataset's key for the child (outcome_child.child_key). */
  key: number;
  /** NO_DAY when unknown. */
  birthDay: number;
  /** Sex code (codes.ts). */
  sex: number;
  /** Index into raceNames (codes.ts). */
  race: number;
  /** Index into the dataset's list of sites (the unit results are grouped by). */
  site: number;
  /** Children sharing a group number are siblings; -1 none known. */
  siblingGroup: number;
  /** Sorted by removalDay; never overlapping. */
  episodes: EpisodeRecord[];
  /** Sorted by reportDay. */
  reports: MaltreatmentReportRecord[];
}

/** A resource family home's approval spell, for recruitment and retention. */
export interface HomeRecord {
  key: number;
  site: number;
  /** NO_DAY when not recorded. */
  inquiryDay: number;
  /** NO_DAY while not (yet) approved. */
  approvedDay: number;
  /** NO_DAY while open. */
  closedDay: number;
  /** 0 open; 1..7 = homeClosureNames index + 1. */
  closureReason: number;
  /** A relative (kin) home rather than a resource family recruited for children generally. */
  kin: boolean;
}
