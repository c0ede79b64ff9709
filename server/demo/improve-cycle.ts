import type { Kysely } from "kysely";
import type { Database } from "../db/database.js";
import { addCalendarDays, zonedDay } from "../platform/rules/zoned-time.js";
import type { DemoNetwork } from "./generate-network.js";

const FAMILY = ["caregiver", "birth_parent", "youth"] as const;

/** A deterministic caregiver-experience response, varied by its number (no person behind it). */
function answersFor(n: number, round: number) {
  const lift = round; // the later round answers a little better: the action items were meant to help
  const scale = (base: number) => Math.max(1, Math.min(5, base + ((n * 7) % 3) - 1 + lift));
  return {
    respect: scale(3),
    information: scale(2),
    included: scale(3),
    callback: (n + round) % 3 === 0 ? "no" : "yes",
    payments: scale(3),
    training: ["behaviour", "birth_family", "court", "school"][n % 4],
    ...(n % 5 === 0
      ? { change: ["Call back the same day.", "Tell us about visits earlier.", "More evening training."][n % 3] }
      : {}),
  };
}

/**
 * Each demo site's improvement cycle: the steering committee and two work groups; concerns raised by the site's
 * family accounts in each state (open, answered, closed, one with the name withheld); two rounds of the caregiver
 * experience survey with responses (the current one open, and not yet answered by the demo caregiver); barriers
 * from a focus group, a survey and a concern, with action items done, in progress and overdue. Written for the
 * project; no real person or response.
 */
export async function seedDemoImproveCycle(db: Kysely<Database>, net: DemoNetwork) {
  const instrument = await db
    .selectFrom("survey_instrument")
    .selectAll()
    .where("code", "=", "caregiver_experience")
    .executeTakeFirstOrThrow();
  for (const site of net.sites) {
    const today = zonedDay(new Date(), site.time_zone);
    const day = (n: number) => addCalendarDays(today, n);
    const at = (n: number) => new Date(`${day(n)}T17:00:00Z`);
    const grants = net.roleGrants.filter((g) => g.site_id === site.id);
    const coordinator = grants.find((g) => g.role_code === "qpi_coordinator");
    if (!coordinator) continue;
    const groups = await db
      .insertInto("work_group")
      .values([
        { site_id: site.id, kind: "steering_committee", name: "QPI steering committee" },
        { site_id: site.id, kind: "work_group", name: "Caregiver voice" },
        { site_id: site.id, kind: "work_group", name: "Birth and foster family connections" },
      ])
      .returning(["id", "name"])
      .execute();
    const group = (name: string) => groups.find((g) => g.name === name)!.id;

    // Concerns from the site's family accounts.
    const raisers = grants.filter((g) => (FAMILY as readonly string[]).includes(g.role_code));
    let fromConcern: string | null = null;
    for (const [i, raiser] of raisers.entries()) {
      const role = raiser.role_code as (typeof FAMILY)[number];
      const answered = i % 2 === 0;
      const [row] = await db
        .insertInto("concern")
        .values([
          {
            site_id: site.id,
            raised_by_user_id: raiser.user_id,
            raiser_role: role,
            topic: "communication",
            body:
              role === "youth"
                ? "Nobody asked me before my visit with my brother was moved to a weekday."
                : "I found out about the court date from the child, not from the agency.",
            share_name: true,
            status: answered ? "responded" : "acknowledged",
            acknowledged_at: at(-12),
            response: answered
              ? "Thank you for telling us. Court dates now go to every caregiver and parent the day they are set."
              : null,
            responded_at: answered ? at(-9) : null,
            handled_by_user_id: coordinator.user_id,
            created_at: at(-14),
          },
          {
            site_id: site.id,
            raised_by_user_id: raiser.user_id,
            raiser_role: role,
            topic: "barrier",
            body: "Family time is only offered during working hours, so it keeps being cancelled.",
            share_name: false,
            created_at: at(-2),
          },
        ])
        .returning("id")
        .execute();
      fromConcern ??= row.id;
    }

    // Two rounds of the caregiver experience survey.
    const rounds = [
      { opens: -380, closes: -350, responses: 16 },
      { opens: -20, closes: 25, responses: 13 },
    ];
    let lastSurvey: string | null = null;
    for (const [round, r] of rounds.entries()) {
      const survey = await db
        .insertInto("survey")
        .values({
          site_id: site.id,
          instrument_code: instrument.code,
          audience: "caregiver",
          title_en: instrument.title_en,
          title_es: instrument.title_es,
          questions: JSON.stringify(instrument.questions),
          opens_on: day(r.opens),
          closes_on: day(r.closes),
          created_by_user_id: coordinator.user_id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      lastSurvey = survey.id;
      await db
        .insertInto("survey_response")
        .values(
          Array.from({ length: r.responses }, (_, n) => ({
            survey_id: survey.id,
            submitted_on: day(r.opens + 1 + (n % 10)),
            answers: JSON.stringify(answersFor(n, round)),
          })),
        )
        .execute();
    }

    // Barriers and their action items.
    const barriers = [
      {
        title: "Caregivers learn of court dates and meetings late",
        source: "focus_group" as const,
        group: "Caregiver voice",
        measures: ["placement_stability", "unplanned_moves"],
        resolved: false,
        actions: [
          {
            title: "Send every hearing notice to the caregiver the day it is set",
            owner: "Court liaison",
            due: -30,
            status: "done" as const,
          },
          {
            title: "Add caregivers to the meeting invitation list",
            owner: "Unit supervisors",
            due: -5,
            status: "in_progress" as const,
          },
        ],
      },
      {
        title: "Calls to caseworkers go unanswered for days",
        source: "survey" as const,
        survey: true,
        group: "Caregiver voice",
        measures: ["home_retention_1y"],
        resolved: false,
        actions: [
          {
            title: "Set up a same-day call-back line",
            owner: "QPI coordinator",
            due: 21,
            status: "in_progress" as const,
          },
          {
            title: "Publish each unit's back-up contact",
            owner: "Office managers",
            due: -10,
            status: "not_started" as const,
          },
        ],
      },
      {
        title: "Family time only offered during working hours",
        source: "concern" as const,
        concern: true,
        group: "Birth and foster family connections",
        measures: ["reunification_12m", "siblings_all_together"],
        resolved: false,
        actions: [
          {
            title: "Offer evening and Saturday visit slots",
            owner: "Visitation team lead",
            due: 45,
            status: "not_started" as const,
          },
        ],
      },
      {
        title: "No icebreaker meeting after weekend placements",
        source: "data" as const,
        group: "Birth and foster family connections",
        measures: ["reunification_12m"],
        resolved: true,
        actions: [
          {
            title: "Schedule icebreakers on the next working day",
            owner: "Emergency response supervisor",
            due: -90,
            status: "done" as const,
          },
        ],
      },
    ];
    for (const b of barriers) {
      const barrier = await db
        .insertInto("barrier")
        .values({
          site_id: site.id,
          title: b.title,
          source: b.source,
          concern_id: b.concern ? fromConcern : null,
          survey_id: b.survey ? lastSurvey : null,
          work_group_id: group(b.group),
          measure_ids: b.measures,
          status: b.resolved ? "resolved" : "open",
          raised_on: day(-200),
          resolved_on: b.resolved ? day(-60) : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("action_item")
        .values(
          b.actions.map((a) => ({
            site_id: site.id,
            barrier_id: barrier.id,
            work_group_id: group(b.group),
            title: a.title,
            owner: a.owner,
            due_on: day(a.due),
            status: a.status,
            done_on: a.status === "done" ? day(a.due - 3) : null,
          })),
        )
        .execute();
    }
  }
}
