import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../server/db/database.js";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import { zonedDay } from "../../server/platform/rules/zoned-time.js";

export function siteOf(world: DemoNetwork, code: string) {
  return world.sites.find((s) => s.code === code)!;
}

/** The person of a demo account, e.g. "caseworker@demo.qpi.example" or "caseworker@fl-c13.demo.qpi.example". */
export function personOf(world: DemoNetwork, email: string) {
  const user = world.users.find((u) => u.email === email)!;
  return user.person_id;
}

export function emailOfPerson(world: DemoNetwork, personId: string) {
  return world.users.find((u) => u.person_id === personId)!.email;
}

export function todayAt(world: DemoNetwork, code: string) {
  return zonedDay(new Date(), siteOf(world, code).time_zone);
}

export function familyHome(world: DemoNetwork, code: string, kind: "resource_family" | "relative" = "resource_family") {
  const site = siteOf(world, code);
  return world.households.find((h) => h.site_id === site.id && h.kind === kind && h.approved_on && !h.closed_on)!;
}

export function facility(world: DemoNetwork, code: string) {
  const site = siteOf(world, code);
  return world.households.find((h) => h.site_id === site.id && h.kind === "facility")!;
}

/**
 * A child new to care at a site, on a caseworker's team from `since`: a
 * record as intake would create it, so placement tests start from nothing.
 */
export async function newChild(
  db: Kysely<Database>,
  world: DemoNetwork,
  code: string,
  caseworkerEmail: string,
  options: { icwa?: boolean; since?: string } = {},
) {
  const site = siteOf(world, code);
  const person = await db
    .insertInto("person")
    .values({
      site_id: site.id,
      given_name: "Test",
      family_name: `Child-${crypto.randomBytes(3).toString("hex")}`,
      preferred_name: null,
      birth_date: "2015-05-05",
      sex: "female",
      email: null,
      phone: null,
      address_line1: null,
      city: null,
      postal_code: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const child = await db
    .insertInto("child")
    .values({
      person_id: person.id,
      site_id: site.id,
      case_number: `T-${crypto.randomBytes(4).toString("hex")}`,
      icwa: options.icwa ?? false,
      tribal_affiliation: null,
      school: null,
      school_of_origin: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("child_team_member")
    .values({
      child_id: child.id,
      person_id: personOf(world, caseworkerEmail),
      role: "caseworker",
      starts_on: options.since ?? "2010-01-01",
      ends_on: null,
    })
    .execute();
  return { childId: child.id, personId: person.id };
}
