import type { PersonTable } from "../db/database.js";
import type { DemoNetwork, GenerateOptions, Row } from "./demo-network.js";
import type { DemoSiteSpec } from "./demo-sites.js";
import { familyNames, givenNames, streetNames } from "./names.js";
import type { Random } from "./random.js";

/** One site being generated: its id, and the people and accounts every part of it adds. */
export class SiteContext {
  readonly siteId: string;

  constructor(
    readonly net: DemoNetwork,
    readonly random: Random,
    readonly spec: DemoSiteSpec,
    readonly options: GenerateOptions,
  ) {
    this.siteId = random.uuid();
  }

  person(fields: {
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

  account(
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

  grant(userId: string, role: string, unitId: string | null) {
    this.net.roleGrants.push({
      id: this.random.uuid(),
      user_id: userId,
      role_code: role,
      site_id: this.siteId,
      unit_id: unitId,
      starts_on: "2018-01-01",
    });
  }
}
