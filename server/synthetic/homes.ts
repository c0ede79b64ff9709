import type { HomeRecord } from "../modules/outcomes/index.js";
import { ExitReason, Int32List, NO_DAY } from "../modules/outcomes/index.js";
import { homes as calibration } from "./calibration.js";
import type { Geography } from "./geography.js";
import { cumulativeOf, type SeededRandom } from "./random.js";

/** Facility keys (group homes, institutions) live above the homes' keys; they have no homes.csv row. */
export const FACILITY_KEY_BASE = 1_500_000_000;
/**
 * A birth family's own home (trial home visits), one per family, so siblings home together share it; no homes.csv row.
 */
export const PARENTS_HOME_KEY_BASE = 1_000_000_000;

const closureCumulative = cumulativeOf(calibration.closureWeights);
const CLOSURE = { adopted: 1, guardianship: 2, familyRequest: 3, moved: 4, agencyDecision: 5, other: 7 } as const;

/** Why a kin placement ended: a move away, or the child's exit (an ExitReason code). */
export type PlacementEnd = { move: true } | { move: false; exitReason: number };

/**
 * The homes children are placed in. Each county has a pool of resource family
 * homes, made when the county places its first child: a fixed number of "slots", each a run of homes one after another
 * (inquiry, approval, years of service, closure, the next family), so the open
 * homes on any day are found by a binary search per slot and the pool costs a
 * few integers per home, not an index by day. Relative (kin) homes are made
 * for the child's placement and close when it ends; group homes and
 * institutions are the county's facilities.
 */
export class HomeRegistry {
  private nextKey = 1;
  /** Per county: first slot and number of slots; -1 until the county's pool is built (on first use). */
  private readonly countySlotStart: Int32Array;
  private readonly countySlots: Int32Array;
  private readonly slotOffset = new Int32List();
  private readonly homeKey = new Int32List();
  private readonly approved = new Int32List();
  private readonly closed = new Int32List();
  private readonly facilityStart: Int32Array;
  private readonly groupHomes: Int32Array;
  private readonly institutions: Int32Array;
  private readonly expectedChildren: Float64Array;
  /**
   * Closing day of each key's home (index key − 1); NO_DAY for homes that never force a move (kin, withdrawn
   * inquiries).
   */
  private readonly closedByKey = new Int32List();
  poolHomes = 0;
  kinHomes = 0;
  readonly facilities: number;

  constructor(
    geography: Geography,
    childrenTotal: number,
    private readonly firstDay: number,
    private readonly asOfDay: number,
    private readonly random: SeededRandom,
    private readonly emit: (home: HomeRecord) => void,
  ) {
    const counties = geography.sites.length;
    const total = geography.cumulativeWeight[counties - 1];
    this.countySlotStart = new Int32Array(counties).fill(-1);
    this.countySlots = new Int32Array(counties);
    this.expectedChildren = new Float64Array(counties);
    this.facilityStart = new Int32Array(counties + 1);
    this.groupHomes = new Int32Array(counties);
    this.institutions = new Int32Array(counties);
    let facilities = 0;
    for (let c = 0; c < counties; c++) {
      const share = geography.cumulativeWeight[c] - (c ? geography.cumulativeWeight[c - 1] : 0);
      const children = (childrenTotal * share) / total;
      this.expectedChildren[c] = children;
      this.facilityStart[c] = facilities;
      this.groupHomes[c] = Math.max(1, Math.round(children * calibration.groupHomesPerChild));
      this.institutions[c] = Math.max(1, Math.round(children * calibration.institutionsPerChild));
      facilities += this.groupHomes[c] + this.institutions[c];
    }
    this.facilityStart[counties] = facilities;
    this.facilities = facilities;
  }

  /**
   * A resource family home of the county open on `day` (and still open on
   * `until`, for a placement whose end is planned); -1 when none was found
   * (the data then say "unknown"). Workers place with experienced families
   * more: a home is taken with probability service / (service + 180 days), so
   * "a relatively small group of foster parents provided the majority of
   * caregiving" (Gibbs & Wildfire 2007) and fewer children meet a closure.
   */
  pickFamilyHome(county: number, day: number, until = day): number {
    if (this.countySlotStart[county] < 0) this.buildPool(county);
    const first = this.countySlotStart[county];
    const count = this.countySlots[county];
    for (let attempt = 0; attempt < 12; attempt++) {
      const slot = first + Math.floor(this.random.next() * count);
      let lo = this.slotOffset.at(slot);
      let hi = (slot + 1 < this.slotOffset.length ? this.slotOffset.at(slot + 1) : this.homeKey.length) - 1;
      // The last home of the slot approved on or before `day`.
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (this.approved.at(mid) <= day) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found < 0 || this.closed.at(found) <= until) continue;
      const service = this.closed.at(found) - this.approved.at(found);
      if (attempt === 11 || this.random.next() * (service + 180) < service) return this.homeKey.at(found);
    }
    return -1;
  }

  /** The day a resource family home closes — its children move that day; Infinity for other homes. */
  closureOf(key: number): number {
    if (key < 1 || key > this.closedByKey.length) return Infinity;
    const closed = this.closedByKey.at(key - 1);
    return closed === NO_DAY ? Infinity : closed;
  }

  private newKey(closedDay: number): number {
    this.closedByKey.push(closedDay);
    return this.nextKey++;
  }

  pickFacility(county: number, congregateSetting: "group_home" | "institution"): number {
    const groups = this.groupHomes[county];
    const index =
      congregateSetting === "group_home"
        ? Math.floor(this.random.next() * groups)
        : groups + Math.floor(this.random.next() * this.institutions[county]);
    return FACILITY_KEY_BASE + this.facilityStart[county] + index;
  }

  /**
   * A relative's home for a placement from `start` to `end` (NO_DAY: still
   * there on the as-of day). Children are often placed with kin before the
   * approval is complete (California RFA allows placement before approval),
   * so approval follows the placement; the home closes when the placement ends.
   */
  kinHome(county: number, start: number, end: number, ended: PlacementEnd): number {
    const { random } = this;
    const key = this.newKey(NO_DAY);
    const inquiry = random.chance(calibration.kinInquiryRecorded) ? start - random.int(0, 7) : NO_DAY;
    const approvedDay = start + Math.max(7, Math.round(random.logNormal(calibration.kinApprovalMedianDays, 0.5)));
    let closedDay = end === NO_DAY ? NO_DAY : end + random.int(0, 45);
    if (closedDay > this.asOfDay) closedDay = NO_DAY;
    const horizon = closedDay === NO_DAY ? this.asOfDay : closedDay;
    this.kinHomes++;
    this.emit({
      key,
      site: county,
      inquiryDay: inquiry,
      approvedDay: approvedDay <= horizon ? approvedDay : NO_DAY,
      closedDay,
      closureReason: closedDay === NO_DAY ? 0 : this.kinClosure(ended),
      kin: true,
    });
    return key;
  }

  private kinClosure(ended: PlacementEnd): number {
    if (ended.move)
      return this.random.chance(0.6)
        ? CLOSURE.familyRequest
        : this.random.chance(0.75)
          ? CLOSURE.agencyDecision
          : CLOSURE.moved;
    if (ended.exitReason === ExitReason.guardianship) return CLOSURE.guardianship;
    if (ended.exitReason === ExitReason.adoption) return CLOSURE.adopted;
    // "Homes serving solely as a kin placement and the kinship case ended" (Chapin Hall 2018).
    return CLOSURE.other;
  }

  /** The county's resource family homes, sized to the children the county is expected to have. */
  private buildPool(county: number) {
    const slots = Math.max(2, Math.round(this.expectedChildren[county] * calibration.openHomesPerChild));
    this.countySlotStart[county] = this.slotOffset.length;
    this.countySlots[county] = slots;
    for (let s = 0; s < slots; s++) this.buildSlot(county);
  }

  /** One slot: a run of homes from a few years before the history to the as-of day. */
  private buildSlot(county: number) {
    const { random } = this;
    this.slotOffset.push(this.homeKey.length);
    let approvedDay = this.firstDay - random.int(0, 4 * 365);
    for (;;) {
      const inquiry =
        approvedDay -
        Math.max(30, Math.round(random.logNormal(calibration.approvalMedianDays, calibration.approvalSigma)));
      if (inquiry > this.asOfDay) return;
      const service = random.chance(calibration.earlyLeaverShare)
        ? random.int(1, calibration.earlyLeaverMaxDays)
        : Math.max(1, Math.round(random.logNormal(calibration.serviceMedianDays, calibration.serviceSigma)));
      const closedDay = approvedDay + service;
      if (random.chance(calibration.withdrawnInquiryShare)) this.withdrawnInquiry(county, approvedDay);
      if (closedDay >= this.firstDay) {
        const key = this.newKey(closedDay);
        this.homeKey.push(key);
        this.approved.push(approvedDay);
        this.closed.push(closedDay);
        const open = closedDay > this.asOfDay;
        this.listHome(
          key,
          county,
          inquiry,
          approvedDay <= this.asOfDay ? approvedDay : NO_DAY,
          open ? NO_DAY : closedDay,
          open ? 0 : random.pickCumulative(closureCumulative) + 1,
        );
      }
      approvedDay = closedDay + random.int(0, calibration.gapBetweenHomesMaxDays);
    }
  }

  /** A family that asked, started the approval and withdrew (or was not approved). */
  private withdrawnInquiry(county: number, near: number) {
    const { random } = this;
    const inquiry = near - random.int(0, 365);
    if (inquiry < this.firstDay || inquiry > this.asOfDay) return;
    const closedDay = inquiry + random.int(14, 180);
    const open = closedDay > this.asOfDay;
    this.listHome(
      this.newKey(NO_DAY),
      county,
      inquiry,
      NO_DAY,
      open ? NO_DAY : closedDay,
      open ? 0 : random.chance(0.7) ? CLOSURE.familyRequest : CLOSURE.agencyDecision,
    );
  }

  private listHome(
    key: number,
    site: number,
    inquiryDay: number,
    approvedDay: number,
    closedDay: number,
    closureReason: number,
  ) {
    this.poolHomes++;
    this.emit({ key, site, inquiryDay, approvedDay, closedDay, closureReason, kin: false });
  }
}
