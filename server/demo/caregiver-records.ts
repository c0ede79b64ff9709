import { crc32, deflateSync } from "node:zlib";
import type { Kysely } from "kysely";
import type { Database } from "../db/database.js";
import { createHearingTasks } from "../modules/children/index.js";
import { storeFile } from "../platform/files/index.js";
import { addCalendarDays, zonedDay } from "../platform/rules/zoned-time.js";
import type { DemoNetwork } from "./generate-network.js";

/**
 * The caregiver pages' demo records: for each child living with the demo caregiver now, the health and education
 * summary the caseworker keeps (two versions, so the history shows), everyday decisions, and a life book with a photo
 * shared with the birth parents and a milestone kept private; the team's work phones and emails, with an attorney, a
 * CASA volunteer and a therapist; and for the first child a hearing in ten days with no report yet (what the caregiver
 * has to do). Fictional, deterministic content.
 */
const PROVIDERS = [
  { kind: "doctor", name: "Valley Children's Pediatrics", phone: "559-555-0142" },
  { kind: "dentist", name: "Smile Kids Dental", phone: "559-555-0178" },
  { kind: "mental_health", name: "Sunrise Family Counseling", phone: "559-555-0191" },
] as const;
const SCHOOLS = ["Roosevelt Elementary", "Kings Canyon Middle", "Fresno High"];

/** A small landscape picture (a sky-to-grass gradient) as a real PNG, built here. */
export function demoPhoto(width = 96, height = 64): Buffer {
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) {
      const sky = y < height * 0.6;
      rows.push(sky ? 120 + (x % 40) : 40, sky ? 170 + Math.floor(y / 2) : 140 + (x % 30), sky ? 230 : 60);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "latin1");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.from(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export async function seedDemoCaregiverRecords(db: Kysely<Database>, net: DemoNetwork): Promise<void> {
  const userOf = (email: string) => net.users.find((u) => u.email === email);
  const caseworker = userOf("caseworker@demo.qpi.example");
  const caregiver = userOf("caregiver@demo.qpi.example");
  if (!caseworker || !caregiver) return;
  const homes = net.householdMembers.filter((m) => m.person_id === caregiver.person_id).map((m) => m.household_id);
  const children = net.placements
    .filter((p) => p.end_date == null && p.household_id && homes.includes(p.household_id))
    .map((p) => p.child_id)
    .sort();
  await db.transaction().execute(async (trx) => {
    for (const [i, childId] of children.entries()) {
      const child = net.children.find((c) => c.id === childId)!;
      const site = net.sites.find((s) => s.id === child.site_id)!;
      const today = zonedDay(new Date(), site.time_zone);
      // The team's work contacts (the demo's staff have none recorded), and the child's other professionals.
      const team = net.teamMembers.filter((m) => m.child_id === childId && m.ends_on == null);
      for (const [j, member] of team.entries()) {
        const account = net.users.find((u) => u.person_id === member.person_id);
        await trx
          .updateTable("person")
          .set({ phone: `559-555-02${String(10 + j).padStart(2, "0")}`, ...(account ? { email: account.email } : {}) })
          .where("id", "=", member.person_id)
          .where("phone", "is", null)
          .execute();
      }
      const professionals = [
        {
          role: "attorney",
          given: "Dana",
          family: "Whitfield",
          phone: "559-555-0301",
          email: "d.whitfield@example.org",
        },
        {
          role: "casa",
          given: ["Marcus", "Helen", "Ana"][i % 3]!,
          family: ["Lee", "Brandt", "Soto"][i % 3]!,
          phone: "559-555-0302",
          email: "marcus.lee@example.org",
        },
        {
          role: "therapist",
          given: ["Rosa", "Kim", "Joel"][i % 3]!,
          family: ["Delgado", "Park", "Ferris"][i % 3]!,
          phone: "559-555-0303",
          email: "rdelgado@example.org",
        },
      ];
      for (const p of professionals) {
        const person = await trx
          .insertInto("person")
          .values({
            site_id: site.id,
            given_name: p.given,
            family_name: p.family,
            email: p.email,
            phone: p.phone,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("child_team_member")
          .values({
            child_id: childId,
            person_id: person.id,
            role: p.role as "attorney" | "casa" | "therapist",
            starts_on: addCalendarDays(today, -30),
          })
          .execute();
      }
      if (i === 0) {
        const hearingOn = addCalendarDays(today, 10);
        const hearing = await trx
          .insertInto("court_hearing")
          .values({
            child_id: childId,
            site_id: site.id,
            hearing_on: hearingOn,
            hearing_type: "review",
            department: "Dept. 12",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await createHearingTasks(trx, {
          id: hearing.id,
          childId,
          siteId: site.id,
          stateCode: site.state_code,
          timeZone: site.time_zone,
          icwa: child.icwa ?? false,
          hearingOn,
          createdOn: today,
        });
      }
      const content = {
        providers: PROVIDERS.slice(0, 2 + (i % 2)).map((p) => ({ ...p })),
        school: SCHOOLS[i % SCHOOLS.length]!,
        grade: String(3 + i),
        schoolOfOrigin: "Lincoln Elementary",
        educationRightsHolder: i % 2 ? "The caregiver (appointed by the court)" : "Birth mother",
        immunizations: "Up to date at the last check-up; flu shot due in October.",
        allergies: i % 2 ? "None known" : "Peanuts (carries an epinephrine auto-injector)",
        medications:
          i % 2
            ? []
            : [
                {
                  name: "Albuterol inhaler",
                  instructions: "2 puffs when wheezing, at most every 4 hours; call the doctor if it does not help.",
                },
              ],
        treatments: "Weekly play therapy on Tuesdays after school.",
        behaviours: "Afraid of the dark after the removal; a night light and a bedtime routine help.",
        languageAndCulture: "Speaks Spanish with family; celebrates Día de los Muertos with grandmother.",
        mediCalNumber: `9${String(4_000_000 + i * 7_919).padStart(7, "0")}A`,
      };
      for (const [v, version] of [
        [1, { ...content, allergies: "Not yet known" }],
        [2, content],
      ] as const)
        await trx
          .insertInto("child_health_summary")
          .values({
            child_id: childId,
            site_id: site.id,
            version: v,
            content: JSON.stringify(version),
            updated_by: caseworker.id,
          })
          .execute();
      await trx
        .insertInto("rpp_decision")
        .values([
          {
            child_id: childId,
            site_id: site.id,
            recorded_by: caregiver.id,
            kind: "sleepover",
            decided_on: addCalendarDays(today, -12),
            description: "Sleepover at a classmate's birthday party; I spoke with the host parent beforehand.",
          },
          {
            child_id: childId,
            site_id: site.id,
            recorded_by: caregiver.id,
            kind: "activity",
            decided_on: addCalendarDays(today, -5),
            description: "Signed up for the Saturday youth soccer league.",
          },
        ])
        .execute();
      const photo = await storeFile(trx, {
        siteId: site.id,
        uploadedBy: caregiver.id,
        bytes: demoPhoto(),
        fileName: "park.png",
      });
      await trx
        .insertInto("life_book_item")
        .values([
          {
            child_id: childId,
            site_id: site.id,
            created_by: caregiver.id,
            kind: "photo",
            happened_on: addCalendarDays(today, -9),
            title: "A day at the park",
            note: "First time on the big slide.",
            file_id: photo.id,
            shared_with_birth_parent: true,
          },
          {
            child_id: childId,
            site_id: site.id,
            created_by: caregiver.id,
            kind: "milestone",
            happened_on: addCalendarDays(today, -20),
            title: "Read a whole chapter book",
            note: null,
            file_id: null,
            shared_with_birth_parent: false,
          },
        ])
        .execute();
    }
  });
}
