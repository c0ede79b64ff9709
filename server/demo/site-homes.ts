import type { PlacementSetting } from "../db/database.js";
import { addDays } from "./calendar.js";
import { streetNames } from "./names.js";
import type { SiteContext } from "./site-context.js";

/**
 * A demo licence number, made from the home's id rather than drawn from the generator, so adding it left every other
 * demo value as it was.
 */
function licenseNumberOf(prefix: string, id: string): string {
  return `${prefix}-${String(Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16) % 1_000_000_000).padStart(9, "0")}`;
}

/** The site's resource-family and relative homes and its facilities, and where a child is placed next. */
export class SiteHomes {
  readonly familyHomes: { id: string; kind: "resource_family" | "relative"; primaryPersonId: string }[] = [];
  readonly facilities: { id: string; setting: "group_home" | "institution" }[] = [];

  constructor(private readonly site: SiteContext) {}

  build() {
    const { random, net } = this.site;
    const homes = Math.max(8, Math.round(90 * this.site.options.scale));
    for (let i = 0; i < homes; i++) {
      const kind = random.chance(0.38) ? "relative" : "resource_family";
      const primary = this.site.person({
        sex: random.chance(0.8) ? "female" : "male",
        address: true,
        birthDate: addDays("1960-01-01", random.int(0, 365 * 30)),
      });
      primary.phone = `(${this.site.spec.areaCode}) 555-${String(random.int(1000, 9999))}`;
      const inquiry = addDays(this.site.options.asOf, -random.int(60, 365 * 9));
      const approvalDays = random.int(60, 200);
      const approved = addDays(inquiry, approvalDays) <= this.site.options.asOf ? addDays(inquiry, approvalDays) : null;
      // Roughly a third of approved homes close within a few years (QPI's retention problem).
      const closes = approved && random.chance(0.3) ? addDays(approved, random.int(120, 365 * 4)) : null;
      const closed = closes && closes <= this.site.options.asOf ? closes : null;
      const id = random.uuid();
      net.households.push({
        id,
        site_id: this.site.siteId,
        name: `${primary.family_name} household`,
        kind,
        address_line1: primary.address_line1,
        city: primary.city,
        postal_code: primary.postal_code,
        phone: primary.phone,
        license_number: licenseNumberOf("RFA", id),
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
        const partner = this.site.person({ familyName: primary.family_name, address: true });
        net.householdMembers.push({ household_id: id, person_id: partner.id, role: "caregiver" });
      }
      if (approved && !closed) this.familyHomes.push({ id, kind, primaryPersonId: primary.id });
    }
    for (const [setting, name] of [
      ["group_home", `${this.site.spec.city} Youth Home`],
      ["group_home", `${this.site.random.pick(streetNames)} House`],
      ["institution", `${this.site.spec.name} Children's Center`],
    ] as const) {
      const id = random.uuid();
      net.households.push({
        id,
        site_id: this.site.siteId,
        name,
        kind: "facility",
        address_line1: `${random.int(100, 999)} ${random.pick(streetNames)} Blvd`,
        city: this.site.spec.city,
        postal_code: `${this.site.spec.postalPrefix}00`,
        phone: `(${this.site.spec.areaCode}) 555-0${random.int(100, 999)}`,
        license_number: licenseNumberOf("FAC", id),
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

  pickHome(setting: PlacementSetting): { householdId: string; setting: PlacementSetting } {
    const { random } = this.site;
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
}
