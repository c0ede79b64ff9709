import type { Kysely } from "kysely";
import type { Database } from "../db/database.js";
import { hashPassword } from "../platform/auth/passwords.js";
import { addDays } from "./calendar.js";
import { DEMO_PASSWORD } from "./demo-accounts.js";
import { demoSites } from "./demo-sites.js";
import type { DemoNetwork } from "./generate-network.js";
import { familyNames, givenNames, streetNames } from "./names.js";
import { Random } from "./random.js";

/**
 * Resource families in the demo (issue 14): the generated homes get what the household record now holds
 * (approval type, languages, preferences, availability with the day it was last confirmed — some stale — training
 * hours, closures re-coded to the usable closure list), and each site gets applicants at every step of the approval
 * path, withdrawn and denied ones with their coded reasons, with checks and the deadlines the state's rules make.
 * Existing homes keep their ids; new ones get ids from their own seeded stream.
 */
/** The demo applicant's sign-in (a caregiver account of a home still applying; printed with the others). */
export const APPLICANT_EMAIL = "applicant@demo.qpi.example";

const PATH = [
  "inquiry",
  "orientation",
  "application",
  "background_checks",
  "training",
  "home_assessment",
  "psychosocial",
  "written_report",
] as const;
const CLOSURES = [
  "adopted",
  "adopted",
  "guardianship",
  "moved",
  "burnout_lack_of_support",
  "burnout_lack_of_support",
  "payment_problems",
  "conflict_with_agency",
  "family_change",
  "transferred",
  "agency_decision",
] as const;
const SOURCES = ["ambassador_referral", "caregiver_referral", "event", "web_form", "faith_community", "media"] as const;
const NEEDS = ["medical", "behavioral", "developmental", "infant_care", "teen_parent", "lgbtq_affirming"] as const;

export async function seedResourceFamilies(db: Kysely<Database>, net: DemoNetwork, asOf: string) {
  const random = new Random(1414);
  // The demo applicant: a Fresno family at the training step, with an account to follow their application.
  let applicant: { householdId: string; siteId: string; givenName: string; familyName: string } | null = null;
  await db.transaction().execute(async (trx) => {
    for (const site of net.sites) {
      const spec = demoSites.find((s) => s.code === site.code);
      if (!spec) continue;
      const homes = net.households.filter((h) => h.site_id === site.id && h.kind !== "facility");
      for (const home of homes) {
        const spanish = random.chance(0.4);
        const closed = home.closed_on !== null;
        const approved = home.approved_on !== null;
        const stale = random.chance(0.3);
        await trx
          .updateTable("household")
          .set({
            approval_type: home.kind === "relative" ? "kin" : random.chance(0.15) ? "ffa_certified" : "resource_family",
            languages: spanish ? ["en", "es"] : ["en"],
            email: `${home.name.split(" ")[0].toLowerCase()}.${home.id.slice(0, 4)}@example.org`,
            pref_age_min: random.pick([0, 0, 2, 5, 10]),
            pref_age_max: random.pick([5, 12, 17, 17, 21]),
            pref_sibling_groups: random.chance(0.45),
            pref_needs: NEEDS.filter(() => random.chance(0.2)),
            availability: closed ? "on_hold" : random.weighted({ available: 5, on_hold: 1, full: 2 }),
            availability_confirmed_on: approved
              ? addDays(asOf, -(stale ? random.int(35, 120) : random.int(0, 28)))
              : null,
            training_hours: approved ? random.pick([12, 14, 16, 20]) : 0,
            recruitment_source: random.pick(SOURCES),
            application_on: home.inquiry_on ? addDays(home.inquiry_on, random.int(10, 30)) : null,
            stage: closed ? "closed" : approved ? "approved" : "inquiry",
            ...(closed ? { closure_reason: random.pick(CLOSURES) } : {}),
          })
          .where("id", "=", home.id)
          .execute();
      }
      // Applicants at every step, and ended applications with their reasons.
      const ids = new Random(site.code.split("").reduce((a, c) => a * 31 + c.charCodeAt(0), 7));
      const plan: { stage: string; reason?: string }[] = [
        ...PATH.flatMap((stage) => [{ stage }, { stage }]),
        { stage: "withdrawn", reason: "changed_mind" },
        { stage: "withdrawn", reason: "no_response" },
        { stage: "denied", reason: "home_safety" },
      ];
      const rule = await trx
        .selectFrom("rfa_rule")
        .selectAll()
        .where("state_code", "=", site.state_code)
        .where("code", "=", "approval_days")
        .execute();
      for (const [n, entry] of plan.entries()) {
        const family = random.pick(familyNames);
        const given = random.pick(random.chance(0.7) ? givenNames.female : givenNames.male);
        const steps = entry.reason ? random.int(1, 5) : PATH.indexOf(entry.stage as (typeof PATH)[number]);
        const inquiryOn = addDays(asOf, -(15 * (steps + 1) + random.int(0, 20)));
        const id = ids.uuid();
        if (!applicant && site.code === "CA-FRESNO" && entry.stage === "training")
          applicant = { householdId: id, siteId: site.id, givenName: given, familyName: family };
        const zip = `${spec.postalPrefix}${String(random.int(10, 99))}`;
        await trx
          .insertInto("household")
          .values({
            id,
            site_id: site.id,
            name: `${family} household`,
            kind: "resource_family",
            address_line1: `${random.int(100, 9899)} ${random.pick(streetNames)} ${random.pick(["St", "Ave", "Dr", "Ln", "Ct"])}`,
            city: spec.city,
            postal_code: zip,
            phone: `(${spec.areaCode}) 555-${String(2000 + n * 37 + random.int(0, 30)).padStart(4, "0")}`,
            email: `${given.toLowerCase()}.${family.toLowerCase()}${n}@example.org`,
            license_number: null,
            capacity: random.int(1, 3),
            inquiry_on: inquiryOn,
            approval_type: "resource_family",
            languages: random.chance(0.4) ? ["en", "es"] : ["en"],
            stage: entry.stage as "inquiry",
            recruitment_source: random.pick(SOURCES),
            availability: "on_hold",
            training_hours: Math.min(12, Math.max(0, (steps - 3) * 4)),
            exit_reason: entry.reason ?? null,
          })
          .execute();
        await trx
          .insertInto("household_resident")
          .values([
            {
              household_id: id,
              role: "applicant",
              given_name: given,
              family_name: family,
              birth_year: random.int(1965, 1998),
            },
            ...(random.chance(0.5)
              ? [
                  {
                    household_id: id,
                    role: "co_applicant" as const,
                    given_name: random.pick(givenNames.male),
                    family_name: family,
                    birth_year: random.int(1965, 1998),
                  },
                ]
              : []),
            ...(random.chance(0.4)
              ? [
                  {
                    household_id: id,
                    role: "child" as const,
                    given_name: random.pick(givenNames.female),
                    family_name: family,
                    birth_year: random.int(2010, 2022),
                  },
                ]
              : []),
          ])
          .execute();
        const reached = PATH.slice(0, steps + 1);
        let applicationOn: string | null = null;
        for (const [i, stage] of reached.entries()) {
          const on = addDays(inquiryOn, i * 15);
          if (stage === "application") applicationOn = on;
          await trx
            .insertInto("household_stage_event")
            .values({ household_id: id, site_id: site.id, stage, entered_on: on })
            .execute();
        }
        if (entry.reason)
          await trx
            .insertInto("household_stage_event")
            .values({
              household_id: id,
              site_id: site.id,
              stage: entry.stage as "withdrawn",
              entered_on: addDays(inquiryOn, reached.length * 15),
              reason_code: entry.reason,
            })
            .execute();
        if (applicationOn) {
          await trx.updateTable("household").set({ application_on: applicationOn }).where("id", "=", id).execute();
          const version = rule.find(
            (r) => r.effective_from <= applicationOn! && (r.effective_to === null || r.effective_to >= applicationOn!),
          );
          if (version)
            await trx
              .insertInto("household_task")
              .values({
                household_id: id,
                site_id: site.id,
                rule_id: version.id,
                kind: "approval_due",
                due_on: addDays(applicationOn, Number(version.value)),
                status: entry.reason ? "cancelled" : "open",
              })
              .execute();
        }
        if (steps >= PATH.indexOf("background_checks")) {
          const done = steps > PATH.indexOf("background_checks");
          const started = addDays(inquiryOn, PATH.indexOf("background_checks") * 15);
          for (const kind of ["live_scan", "child_abuse_index"] as const)
            await trx
              .insertInto("household_background_check")
              .values({
                household_id: id,
                subject: `${given} ${family}`,
                kind,
                status: done ? "cleared" : "requested",
                requested_on: started,
                completed_on: done ? addDays(started, 10) : null,
              })
              .execute();
        }
      }
    }
    // ZIP codes the generator drew that are not ZIP Code Tabulation Areas get a real one of the same prefix, so the
    // matching page can say how far a home is from a birth family (the centroid table holds real ZCTAs only).
    const zctas = (
      await trx.selectFrom("postal_code_centroid").select("postal_code").orderBy("postal_code").execute()
    ).map((z) => z.postal_code);
    const known = new Set(zctas);
    const realZip = (zip: string) => {
      const same = zctas.filter((z) => z.startsWith(zip.slice(0, 3)));
      return same.length ? same[Number(zip) % same.length] : zip;
    };
    for (const table of ["person", "household"] as const) {
      const rows = await trx
        .selectFrom(table)
        .select(["id", "postal_code"])
        .where("postal_code", "is not", null)
        .where(
          "site_id",
          "in",
          net.sites.map((site) => site.id),
        )
        .execute();
      const byZip = new Map<string, string[]>();
      for (const row of rows)
        if (row.postal_code && !known.has(row.postal_code) && realZip(row.postal_code) !== row.postal_code)
          byZip.set(realZip(row.postal_code), [...(byZip.get(realZip(row.postal_code)) ?? []), row.id]);
      for (const [zip, ids] of byZip)
        await trx.updateTable(table).set({ postal_code: zip }).where("id", "in", ids).execute();
    }
    if (applicant) {
      const person = await trx
        .insertInto("person")
        .values({
          site_id: applicant.siteId,
          given_name: applicant.givenName,
          family_name: applicant.familyName,
          email: APPLICANT_EMAIL,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const user = await trx
        .insertInto("user_account")
        .values({
          person_id: person.id,
          email: APPLICANT_EMAIL,
          password_hash: await hashPassword(DEMO_PASSWORD),
          status: "active",
          preferred_language: "en",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("role_grant")
        // From the demo's own day: the column's default is the database's UTC day, which runs ahead of the site's
        // every evening and would leave the applicant without a grant until the site's midnight.
        .values({
          user_id: user.id,
          role_code: "caregiver",
          site_id: applicant.siteId,
          unit_id: null,
          starts_on: asOf,
          ends_on: null,
        })
        .execute();
      await trx
        .insertInto("household_member")
        .values({ household_id: applicant.householdId, person_id: person.id, role: "primary_caregiver" })
        .execute();
    }
    // Homes that share their contact today got there by the caregiver's choice: the history starts with it.
    const caregivers = await trx
      .selectFrom("user_account as u")
      .innerJoin("household_member as m", "m.person_id", "u.person_id")
      .innerJoin("household as h", "h.id", "m.household_id")
      .select(["u.id as user_id", "h.id as household_id", "h.site_id"])
      .where("h.contact_shared_with_birth_parents", "=", true)
      .execute();
    for (const c of caregivers)
      await trx
        .insertInto("household_contact_consent")
        .values({
          household_id: c.household_id,
          site_id: c.site_id,
          shared: true,
          recorded_by: c.user_id,
          recorded_as: "caregiver",
        })
        .execute();
  });
}
