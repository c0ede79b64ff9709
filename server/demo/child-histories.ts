import type { ExitReason, PlacementSetting, PlacementTable } from "../db/database.js";
import { addDays, addYears, daysBetween } from "./calendar.js";
import { calibration, REUNIFYING } from "./calibration.js";
import { familyNames, schools } from "./names.js";
import type { SiteContext } from "./site-context.js";
import type { SiteHomes } from "./site-homes.js";
import type { SiteStaff } from "./site-staff.js";

/** Children of one site: families removed together, their episodes, placements and teams, following the calibration. */
export class ChildHistories {
  private caseSeq = 0;

  constructor(
    private readonly site: SiteContext,
    private readonly staff: SiteStaff,
    private readonly homes: SiteHomes,
  ) {}

  /** A sibling group (or one child) removed together, with their parents and histories. */
  buildFamily() {
    const { random, net, options } = this.site;
    const familyName = random.pick(familyNames);
    const language = random.chance(this.site.spec.spanishShare) ? "es" : "en";
    const mother = this.site.person({ sex: "female", familyName, language, address: true });
    const father = random.chance(0.6)
      ? this.site.person({
          sex: "male",
          familyName: random.chance(0.5) ? familyName : random.pick(familyNames),
          language,
        })
      : null;
    const size = random.chance(calibration.siblingGroupShare) ? random.int(2, 4) : 1;
    const historyStart = addDays(options.asOf, -365 * calibration.firstYearsOfHistory);
    const removal = addDays(historyStart, random.int(0, daysBetween(historyStart, options.asOf) - 1));
    const race = random.weighted(calibration.race);
    const together = random.chance(calibration.siblingsPlacedTogether);
    const childIds: string[] = [];
    let sharedHome: ReturnType<SiteHomes["pickHome"]> | undefined;
    for (let i = 0; i < size; i++) {
      const ageAtRemoval = random.weighted({ infant: 20, young: 30, school: 30, teen: 20 });
      const ageDays = {
        infant: random.int(0, 364),
        young: random.int(365, 365 * 5),
        school: random.int(365 * 6, 365 * 12),
        teen: random.int(365 * 13, 365 * 17 + 300),
      }[ageAtRemoval];
      const birthDate = addDays(removal, -ageDays);
      const childPerson = this.site.person({ birthDate, familyName, language });
      const childId = random.uuid();
      childIds.push(childId);
      net.children.push({
        id: childId,
        person_id: childPerson.id,
        site_id: this.site.siteId,
        case_number: `${this.site.spec.casePrefix}-${removal.slice(0, 4)}-${String(++this.caseSeq).padStart(5, "0")}`,
        race_ethnicity: race,
        languages: language === "es" ? ["es", "en"] : ["en"],
        icwa: race === "american_indian_alaska_native" || random.chance(0.01),
        tribal_affiliation: race === "american_indian_alaska_native" ? random.pick(this.site.spec.tribes) : null,
        school: ageDays > 365 * 5 ? random.pick(schools) : null,
        school_of_origin: ageDays > 365 * 5 ? random.pick(schools) : null,
      });
      for (const parent of [mother, father]) {
        if (parent)
          net.childRelations.push({ id: random.uuid(), child_id: childId, person_id: parent.id, kind: "birth_parent" });
      }
      const home = together && sharedHome ? sharedHome : this.homes.pickHome(random.weighted(calibration.firstSetting));
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

  /** Removal episodes and placements from a removal day to now, following the calibration. */
  buildHistory(
    childId: string,
    birthDate: string,
    firstRemoval: string,
    firstHome: { householdId: string; setting: PlacementSetting },
  ) {
    const { random, net, options } = this.site;
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
        site_id: this.site.siteId,
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
      home = this.homes.pickHome(random.weighted(calibration.firstSetting));
    }
  }

  buildPlacements(
    episodeId: string,
    childId: string,
    removal: string,
    exit: string | null,
    exitReason: ExitReason | null,
    firstHome: { householdId: string; setting: PlacementSetting },
  ) {
    const { random, net, options } = this.site;
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
        site_id: this.site.siteId,
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
      let next = this.homes.pickHome(random.weighted(calibration.firstSetting));
      for (let tries = 0; next.householdId === home.householdId && tries < 5; tries++)
        next = this.homes.pickHome(random.weighted(calibration.firstSetting));
      home = next;
    }
    if (thvStart) {
      net.placements.push({
        id: random.uuid(),
        episode_id: episodeId,
        child_id: childId,
        site_id: this.site.siteId,
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

  buildTeam(childId: string, removal: string, exit: string | null) {
    const { random, net } = this.site;
    // Demo caseworkers (the first of each site) carry a fuller caseload so their worklists are real.
    const worker = random.chance(0.2) ? this.staff.caseworkers[0] : random.pick(this.staff.caseworkers);
    const supervisor = this.staff.supervisors.find((s) => s.unitId === worker.unitId)!;
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
}
