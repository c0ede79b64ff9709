import type { Insertable } from "kysely";
import type {
  ChildRelationTable,
  ChildTable,
  ChildTeamMemberTable,
  ExitReason,
  HouseholdMemberTable,
  HouseholdTable,
  PersonTable,
  PlacementSetting,
  PlacementTable,
  RaceEthnicity,
  RemovalEpisodeTable,
  RoleGrantTable,
  SiteTable,
  UnitTable,
  UserAccountTable,
} from "../db/database.js";
import { exitReasonMix, moveKindMix } from "../synthetic/calibration.js";
import { addDays, addYears, daysBetween } from "./calendar.js";
import { type DemoSiteSpec, demoSites } from "./demo-sites.js";
import { addMaltreatmentReports, type DemoReport } from "./maltreatment-history.js";
import { familyNames, givenNames, schools, streetNames } from "./names.js";
import { addOutcomeAnalysts } from "./outcome-analysts.js";
import { Random } from "./random.js";

type Row<T> = Insertable<T> & { id: string };

export interface DemoAccount {
  role: string;
  email: string;
  siteCode: string;
  personId: string;
  userId: string;
  description: string;
}

export interface DemoNetwork {
  states: { code: string; name: string }[];
  sites: Row<SiteTable>[];
  units: Row<UnitTable>[];
  persons: Row<PersonTable>[];
  users: Row<UserAccountTable>[];
  roleGrants: Row<RoleGrantTable>[];
  households: Row<HouseholdTable>[];
  householdMembers: Insertable<HouseholdMemberTable>[];
  children: Row<ChildTable>[];
  childRelations: Row<ChildRelationTable>[];
  episodes: Row<RemovalEpisodeTable>[];
  placements: Row<PlacementTable>[];
  teamMembers: Row<ChildTeamMemberTable>[];
  /** The case records' maltreatment reports (maltreatment-history.ts). */
  reports: DemoReport[];
  demoAccounts: DemoAccount[];
}

export interface GenerateOptions {
  seed: number;
  /** 1 ≈ 200 children a site; 0.25 for quick tests. */
  scale: number;
  /** The day the demo is "now"; histories end here. */
  asOf: string;
}

/**
 * Calibration from ../shared/data/national_table.md (federal FY data); the
 * exit-reason mix and the kinds of moves are the national generator's
 * (synthetic/calibration.ts), so both tell the same story:
 * about a third of entries reach permanency within 12 months, about 4.5
 * placement moves per 1,000 days in care, about 6 % re-enter within 12 months
 * of exiting to reunification, relative or guardianship.
 */
export const calibration = {
  // Monthly exit hazard h with 1 - (1 - h)^12 ≈ 0.35.
  monthlyExitHazard: 0.0353,
  movesPer1000Days: 4.5,
  reentryWithin12Months: 0.06,
  firstYearsOfHistory: 7,
  siblingGroupShare: 0.4,
  siblingsPlacedTogether: 0.7,
  exitReasons: exitReasonMix satisfies Partial<Record<ExitReason, number>>,
  firstSetting: {
    relative_family_home: 36,
    nonrelative_family_home: 46,
    group_home: 8,
    institution: 5,
    pre_adoptive_home: 1,
    supervised_independent_living: 0,
    runaway: 0,
    trial_home_visit: 0,
  } satisfies Record<PlacementSetting, number>,
  moveKind: moveKindMix,
  race: {
    white: 40,
    black: 22,
    hispanic: 22,
    american_indian_alaska_native: 3,
    asian: 1,
    native_hawaiian_pacific_islander: 1,
    two_or_more: 9,
    unknown: 2,
  } satisfies Record<RaceEthnicity, number>,
} as const;

const REUNIFYING: ExitReason[] = ["reunification", "relative", "guardianship"];

export function generateDemoNetwork(options: GenerateOptions): DemoNetwork {
  const random = new Random(options.seed);
  const net: DemoNetwork = {
    states: [],
    sites: [],
    units: [],
    persons: [],
    users: [],
    roleGrants: [],
    households: [],
    householdMembers: [],
    children: [],
    childRelations: [],
    episodes: [],
    placements: [],
    teamMembers: [],
    reports: [],
    demoAccounts: [],
  };
  for (const spec of demoSites) {
    if (!net.states.some((s) => s.code === spec.stateCode))
      net.states.push({ code: spec.stateCode, name: spec.stateName });
    new SiteBuilder(net, random, spec, options).build();
  }
  addOutcomeAnalysts(net, options.seed);
  net.reports = addMaltreatmentReports(net, options);
  return net;
}

interface StaffMember {
  personId: string;
  unitId: string;
  role: string;
}

class SiteBuilder {
  private readonly siteId: string;
  private caseworkers: StaffMember[] = [];
  private supervisors: StaffMember[] = [];
  private familyHomes: { id: string; kind: "resource_family" | "relative"; primaryPersonId: string }[] = [];
  private facilities: { id: string; setting: "group_home" | "institution" }[] = [];
  private caseSeq = 0;

  constructor(
    private readonly net: DemoNetwork,
    private readonly random: Random,
    private readonly spec: DemoSiteSpec,
    private readonly options: GenerateOptions,
  ) {
    this.siteId = random.uuid();
  }

  build() {
    const { net, spec } = this;
    net.sites.push({
      id: this.siteId,
      code: spec.code,
      name: spec.name,
      state_code: spec.stateCode,
      kind: spec.kind,
      time_zone: spec.timeZone,
      qpi_launch_date: spec.qpiLaunchDate,
    });
    this.buildStaff();
    this.buildHouseholds();
    const childrenTarget = Math.max(12, Math.round(200 * this.options.scale));
    while (net.children.filter((c) => c.site_id === this.siteId).length < childrenTarget) this.buildFamily();
    this.buildDemoFamilyAccounts();
  }

  // ---- people -------------------------------------------------------------

  private person(fields: {
    sex?: "female" | "male";
    birthDate?: string | null;
    familyName?: string;
    language?: string;
    address?: boolean;
  }) {
    const { random } = this;
    const sex = fields.sex ?? (random.chance(0.5) ? "female" : "male");
    const given = random.pick(givenNames[sex]);
    const family = fields.familyName ?? random.pick(familyNames);
    const row: Row<PersonTable> = {
      id: random.uuid(),
      site_id: this.siteId,
      given_name: given,
      family_name: family,
      preferred_name: null,
      birth_date: fields.birthDate ?? null,
      sex,
      email: null,
      phone: null,
      address_line1: fields.address
        ? `${random.int(100, 9899)} ${random.pick(streetNames)} ${random.pick(["St", "Ave", "Dr", "Ln", "Way"])}`
        : null,
      city: fields.address ? this.spec.city : null,
      postal_code: fields.address ? this.spec.postalPrefix + String(random.int(10, 99)) : null,
      preferred_language: fields.language ?? (random.chance(this.spec.spanishShare) ? "es" : "en"),
    };
    this.net.persons.push(row);
    return row;
  }

  private account(
    personId: string,
    email: string,
    role: string,
    unitId: string | null,
    description?: string,
    language: "en" | "es" = "en",
  ) {
    const userId = this.random.uuid();
    this.net.users.push({
      id: userId,
      person_id: personId,
      email,
      password_hash: null,
      status: "active",
      preferred_language: language,
    });
    this.grant(userId, role, unitId);
    if (description)
      this.net.demoAccounts.push({ role, email, siteCode: this.spec.code, personId, userId, description });
    return userId;
  }

  private grant(userId: string, role: string, unitId: string | null) {
    this.net.roleGrants.push({
      id: this.random.uuid(),
      user_id: userId,
      role_code: role,
      site_id: this.siteId,
      unit_id: unitId,
      starts_on: "2018-01-01",
    });
  }

  private buildStaff() {
    const { random, spec, net } = this;
    const domain = `${spec.code.toLowerCase()}.demo.qpi.example`;
    let staffSeq = 0;
    for (const office of spec.offices) {
      const officeId = random.uuid();
      net.units.push({ id: officeId, site_id: this.siteId, parent_unit_id: null, name: office.name, kind: "office" });
      for (const unitName of office.units) {
        const unitId = random.uuid();
        net.units.push({ id: unitId, site_id: this.siteId, parent_unit_id: officeId, name: unitName, kind: "unit" });
        const supervisor = this.person({ address: false });
        const isFirstUnit = this.supervisors.length === 0;
        this.account(
          supervisor.id,
          isFirstUnit && spec.primary ? "supervisor@demo.qpi.example" : `staff${++staffSeq}@${domain}`,
          "supervisor",
          unitId,
          isFirstUnit && spec.primary ? `Supervisor of ${unitName}, ${spec.name}` : undefined,
        );
        this.supervisors.push({ personId: supervisor.id, unitId, role: "supervisor" });
        const workers = Math.max(2, Math.round(4 * Math.sqrt(this.options.scale)));
        for (let i = 0; i < workers; i++) {
          const worker = this.person({});
          const demo = isFirstUnit && i === 0 && spec.primary;
          this.account(
            worker.id,
            demo
              ? "caseworker@demo.qpi.example"
              : isFirstUnit && i === 0
                ? `caseworker@${domain}`
                : `staff${++staffSeq}@${domain}`,
            "caseworker",
            unitId,
            demo
              ? `Caseworker in ${unitName}, ${spec.name}`
              : isFirstUnit && i === 0
                ? `Caseworker in ${spec.name} (another site)`
                : undefined,
          );
          this.caseworkers.push({ personId: worker.id, unitId, role: "caseworker" });
        }
      }
    }
    const firstOffice = net.units.find((u) => u.site_id === this.siteId && u.kind === "office")!.id;
    const roles: [string, string, string][] = [
      ["rfa_worker", "rfa", "Resource family approval worker"],
      ["qpi_coordinator", "coordinator", "QPI coordinator"],
      ["site_admin", "admin", "Site administrator"],
      ["analyst", "analyst", "Outcomes analyst"],
    ];
    for (const [role, local, label] of roles) {
      const person = this.person({});
      const email = spec.primary ? `${local}@demo.qpi.example` : `${local}@${domain}`;
      this.account(
        person.id,
        email,
        role,
        role === "rfa_worker" ? firstOffice : null,
        spec.primary ? `${label}, ${spec.name}` : undefined,
      );
    }
  }

  private buildHouseholds() {
    const { random, net } = this;
    const homes = Math.max(8, Math.round(90 * this.options.scale));
    for (let i = 0; i < homes; i++) {
      const kind = random.chance(0.38) ? "relative" : "resource_family";
      const primary = this.person({
        sex: random.chance(0.8) ? "female" : "male",
        address: true,
        birthDate: addDays("1960-01-01", random.int(0, 365 * 30)),
      });
      primary.phone = `(${this.spec.areaCode}) 555-${String(random.int(1000, 9999))}`;
      const inquiry = addDays(this.options.asOf, -random.int(60, 365 * 9));
      const approvalDays = random.int(60, 200);
      const approved = addDays(inquiry, approvalDays) <= this.options.asOf ? addDays(inquiry, approvalDays) : null;
      // Roughly a third of approved homes close within a few years (QPI's retention problem).
      const closes = approved && random.chance(0.3) ? addDays(approved, random.int(120, 365 * 4)) : null;
      const closed = closes && closes <= this.options.asOf ? closes : null;
      const id = random.uuid();
      net.households.push({
        id,
        site_id: this.siteId,
        name: `${primary.family_name} household`,
        kind,
        address_line1: primary.address_line1,
        city: primary.city,
        postal_code: primary.postal_code,
        phone: primary.phone,
        capacity: random.int(1, 4),
        inquiry_on: inquiry,
        approved_on: approved,
        closed_on: closed,
        closure_reason: closed
          ? random.pick(["adopted", "family_request", "moved", "guardianship", "agency_decision"])
          : null,
        contact_shared_with_birth_parents: random.chance(0.35),
      });
      net.householdMembers.push({ household_id: id, person_id: primary.id, role: "primary_caregiver" });
      if (random.chance(0.55)) {
        const partner = this.person({ familyName: primary.family_name, address: true });
        net.householdMembers.push({ household_id: id, person_id: partner.id, role: "caregiver" });
      }
      if (approved && !closed) this.familyHomes.push({ id, kind, primaryPersonId: primary.id });
    }
    for (const [setting, name] of [
      ["group_home", `${this.spec.city} Youth Home`],
      ["group_home", `${this.random.pick(streetNames)} House`],
      ["institution", `${this.spec.name} Children's Center`],
    ] as const) {
      const id = random.uuid();
      net.households.push({
        id,
        site_id: this.siteId,
        name,
        kind: "facility",
        address_line1: `${random.int(100, 999)} ${random.pick(streetNames)} Blvd`,
        city: this.spec.city,
        postal_code: `${this.spec.postalPrefix}00`,
        phone: `(${this.spec.areaCode}) 555-0${random.int(100, 999)}`,
        capacity: random.int(6, 24),
        inquiry_on: null,
        approved_on: "2010-01-01",
        closed_on: null,
        closure_reason: null,
        contact_shared_with_birth_parents: false,
      });
      this.facilities.push({ id, setting });
    }
  }

  // ---- children -----------------------------------------------------------

  /** A sibling group (or one child) removed together, with their parents and histories. */
  private buildFamily() {
    const { random, net, options } = this;
    const familyName = random.pick(familyNames);
    const language = random.chance(this.spec.spanishShare) ? "es" : "en";
    const mother = this.person({ sex: "female", familyName, language, address: true });
    const father = random.chance(0.6)
      ? this.person({ sex: "male", familyName: random.chance(0.5) ? familyName : random.pick(familyNames), language })
      : null;
    const size = random.chance(calibration.siblingGroupShare) ? random.int(2, 4) : 1;
    const historyStart = addDays(options.asOf, -365 * calibration.firstYearsOfHistory);
    const removal = addDays(historyStart, random.int(0, daysBetween(historyStart, options.asOf) - 1));
    const race = random.weighted(calibration.race);
    const together = random.chance(calibration.siblingsPlacedTogether);
    const childIds: string[] = [];
    let sharedHome: ReturnType<SiteBuilder["pickHome"]> | undefined;
    for (let i = 0; i < size; i++) {
      const ageAtRemoval = random.weighted({ infant: 20, young: 30, school: 30, teen: 20 });
      const ageDays = {
        infant: random.int(0, 364),
        young: random.int(365, 365 * 5),
        school: random.int(365 * 6, 365 * 12),
        teen: random.int(365 * 13, 365 * 17 + 300),
      }[ageAtRemoval];
      const birthDate = addDays(removal, -ageDays);
      const childPerson = this.person({ birthDate, familyName, language });
      const childId = random.uuid();
      childIds.push(childId);
      net.children.push({
        id: childId,
        person_id: childPerson.id,
        site_id: this.siteId,
        case_number: `${this.spec.casePrefix}-${removal.slice(0, 4)}-${String(++this.caseSeq).padStart(5, "0")}`,
        race_ethnicity: race,
        languages: language === "es" ? ["es", "en"] : ["en"],
        icwa: race === "american_indian_alaska_native" || random.chance(0.01),
        tribal_affiliation: race === "american_indian_alaska_native" ? random.pick(this.spec.tribes) : null,
        school: ageDays > 365 * 5 ? random.pick(schools) : null,
        school_of_origin: ageDays > 365 * 5 ? random.pick(schools) : null,
      });
      for (const parent of [mother, father]) {
        if (parent)
          net.childRelations.push({ id: random.uuid(), child_id: childId, person_id: parent.id, kind: "birth_parent" });
      }
      const home = together && sharedHome ? sharedHome : this.pickHome(random.weighted(calibration.firstSetting));
      if (together && !sharedHome) sharedHome = home;
      this.buildHistory(childId, birthDate, removal, home);
    }
    for (const a of childIds)
      for (const b of childIds)
        if (a !== b) {
          const sibling = net.children.find((c) => c.id === b)!;
          net.childRelations.push({
            id: random.uuid(),
            child_id: a,
            person_id: sibling.person_id,
            kind: "sibling_full",
          });
        }
  }

  private pickHome(setting: PlacementSetting): { householdId: string; setting: PlacementSetting } {
    const { random } = this;
    if (setting === "group_home" || setting === "institution") {
      const facility = random.pick(this.facilities.filter((f) => f.setting === setting));
      return { householdId: facility.id, setting };
    }
    const wantKind = setting === "relative_family_home" ? "relative" : "resource_family";
    const pool = this.familyHomes.filter((h) => h.kind === wantKind);
    const home = random.pick(pool.length ? pool : this.familyHomes);
    return {
      householdId: home.id,
      setting:
        home.kind === "relative"
          ? "relative_family_home"
          : setting === "pre_adoptive_home"
            ? setting
            : "nonrelative_family_home",
    };
  }

  /** Removal episodes and placements from a removal day to now, following the calibration. */
  private buildHistory(
    childId: string,
    birthDate: string,
    firstRemoval: string,
    firstHome: { householdId: string; setting: PlacementSetting },
  ) {
    const { random, net, options } = this;
    let removal = firstRemoval;
    let home = firstHome;
    const eighteenth = addYears(birthDate, 18);
    for (
      let episodeNo = 0;
      episodeNo < 3 && removal < options.asOf && removal < addDays(eighteenth, -30);
      episodeNo++
    ) {
      const months = Math.floor(Math.log(1 - random.next()) / Math.log(1 - calibration.monthlyExitHazard));
      let exit: string | null = addDays(removal, Math.max(3, Math.round(months * 30.44 + random.int(0, 29))));
      let exitReason: ExitReason | null = random.weighted(calibration.exitReasons);
      if (exit >= eighteenth) {
        exit = eighteenth;
        exitReason = "emancipation";
      } else if (exitReason === "emancipation") {
        exitReason = "reunification";
      }
      if (exit > options.asOf) {
        exit = null;
        exitReason = null;
      }
      const episodeId = random.uuid();
      net.episodes.push({
        id: episodeId,
        child_id: childId,
        site_id: this.siteId,
        removal_date: removal,
        removal_reason: random.weighted({
          neglect: 62,
          physical_abuse: 12,
          parental_substance_use: 14,
          caretaker_inability_to_cope: 5,
          sexual_abuse: 4,
          abandonment: 3,
        }),
        exit_date: exit,
        exit_reason: exitReason,
      });
      this.buildPlacements(episodeId, childId, removal, exit, exitReason, home);
      this.buildTeam(childId, removal, exit);
      // Re-entry: a few children who go home come back into care within a year.
      if (
        !exit ||
        !exitReason ||
        !REUNIFYING.includes(exitReason) ||
        !random.chance(calibration.reentryWithin12Months * 1.6)
      )
        break;
      removal = addDays(exit, random.int(10, 360));
      home = this.pickHome(random.weighted(calibration.firstSetting));
    }
  }

  private buildPlacements(
    episodeId: string,
    childId: string,
    removal: string,
    exit: string | null,
    exitReason: ExitReason | null,
    firstHome: { householdId: string; setting: PlacementSetting },
  ) {
    const { random, net, options } = this;
    const end = exit ?? options.asOf;
    // A trial home visit of 1–3 months precedes about a third of reunifications.
    const thvStart =
      exitReason === "reunification" && random.chance(0.35) && daysBetween(removal, end) > 120
        ? addDays(end, -random.int(30, 90))
        : null;
    const lastFosterDay = thvStart ?? end;
    let start = removal;
    let home = firstHome;
    let kind: PlacementTable["change_kind"] = "initial";
    let requestedBy: PlacementTable["change_requested_by"] = null;
    let reason: string | null = null;
    for (;;) {
      const stay = Math.max(1, Math.round(random.exponential(1000 / calibration.movesPer1000Days)));
      const moveDay = addDays(start, stay);
      const last = moveDay >= lastFosterDay;
      const placementEnd = last ? (thvStart ?? exit) : moveDay;
      net.placements.push({
        id: random.uuid(),
        episode_id: episodeId,
        child_id: childId,
        site_id: this.siteId,
        household_id: home.householdId,
        setting: home.setting,
        start_date: start,
        end_date: placementEnd,
        change_kind: kind,
        change_requested_by: requestedBy,
        change_reason: reason,
      });
      if (last) break;
      start = moveDay;
      kind = random.weighted(calibration.moveKind);
      requestedBy =
        kind === "planned"
          ? random.weighted({ agency: 6, court: 2, caregiver: 1 })
          : random.weighted({ caregiver: 5, agency: 2, child: 2, other: 1 });
      reason =
        kind === "planned"
          ? random.pick([
              "move_to_relative",
              "step_down_to_family",
              "sibling_reunion",
              "pre_adoptive_home",
              "closer_to_school_of_origin",
            ])
          : random.pick([
              "caregiver_requested_removal",
              "behavior_needs",
              "allegation_in_home",
              "caregiver_health",
              "runaway_return",
            ]);
      let next = this.pickHome(random.weighted(calibration.firstSetting));
      for (let tries = 0; next.householdId === home.householdId && tries < 5; tries++)
        next = this.pickHome(random.weighted(calibration.firstSetting));
      home = next;
    }
    if (thvStart) {
      net.placements.push({
        id: random.uuid(),
        episode_id: episodeId,
        child_id: childId,
        site_id: this.siteId,
        household_id: null,
        setting: "trial_home_visit",
        start_date: thvStart,
        end_date: exit,
        change_kind: "planned",
        change_requested_by: "court",
        change_reason: "trial_home_visit",
      });
    }
  }

  private buildTeam(childId: string, removal: string, exit: string | null) {
    const { random, net } = this;
    // Demo caseworkers (the first of each site) carry a fuller caseload so their worklists are real.
    const worker = random.chance(0.2) ? this.caseworkers[0] : random.pick(this.caseworkers);
    const supervisor = this.supervisors.find((s) => s.unitId === worker.unitId)!;
    for (const member of [
      { personId: worker.personId, role: "caseworker" as const },
      { personId: supervisor.personId, role: "supervisor" as const },
    ]) {
      net.teamMembers.push({
        id: random.uuid(),
        child_id: childId,
        person_id: member.personId,
        role: member.role,
        starts_on: removal,
        ends_on: exit,
      });
    }
  }

  /**
   * Sign-ins for a caregiver, a birth parent and a youth at the primary site,
   * tied to real records: the caregiver's home has children placed now, the
   * birth parent is a parent of one of them, and the youth is a teen in care.
   */
  private buildDemoFamilyAccounts() {
    const { net, options } = this;
    if (!this.spec.primary) return;
    const site = this.siteId;
    const open = net.placements.filter(
      (p) =>
        p.site_id === site &&
        p.end_date == null &&
        p.household_id &&
        p.setting !== "group_home" &&
        p.setting !== "institution",
    );
    const byHome = new Map<string, typeof open>();
    for (const p of open) byHome.set(p.household_id!, [...(byHome.get(p.household_id!) ?? []), p]);
    const [homeId, placed] = [...byHome.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    const caregiver = net.householdMembers.find((m) => m.household_id === homeId && m.role === "primary_caregiver")!;
    const caregiverPerson = net.persons.find((p) => p.id === caregiver.person_id)!;
    this.account(
      caregiver.person_id as string,
      "caregiver@demo.qpi.example",
      "caregiver",
      null,
      `Resource parent (${caregiverPerson.family_name} household) with ${placed.length} children placed`,
      "en",
    );
    const childOfHome = placed[0].child_id;
    const parentRelation = net.childRelations.find((r) => r.child_id === childOfHome && r.kind === "birth_parent")!;
    this.account(
      parentRelation.person_id,
      "parent@demo.qpi.example",
      "birth_parent",
      null,
      "Birth parent of a child placed with the demo caregiver",
      "es",
    );
    const teen = net.children.find((c) => {
      if (c.site_id !== site) return false;
      const person = net.persons.find((p) => p.id === c.person_id)!;
      const age = daysBetween(person.birth_date!, options.asOf) / 365.25;
      return age >= 14 && age < 18 && net.placements.some((p) => p.child_id === c.id && p.end_date == null);
    });
    if (teen) this.account(teen.person_id, "youth@demo.qpi.example", "youth", null, "Youth in care (age 14–17)", "en");
  }
}

export function summarize(net: DemoNetwork): string {
  const inCare = new Set(net.placements.filter((p) => p.end_date == null).map((p) => p.child_id)).size;
  return `${net.sites.length} sites, ${net.children.length} children (${inCare} in care now), ${net.episodes.length} removal episodes, ${net.placements.length} placements, ${net.reports.length} maltreatment reports, ${net.households.length} households, ${net.users.length} user accounts`;
}
