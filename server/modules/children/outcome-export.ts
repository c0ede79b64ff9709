import type { Transaction } from "kysely";
import type { CalendarDay, Database, ExitReason, PlacementSetting, RaceEthnicity } from "../../db/database.js";
import { systemActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { zonedDay } from "../../platform/rules/zoned-time.js";

/**
 * The children module's records of one site, as the outcomes module measures
 * them: no names, no case numbers, only the dates and codes the measures
 * need — and of a maltreatment report never the reporter, whose identity the
 * law keeps confidential (migration 0130). System-only (the outcome projection
 * job and the demo seeder call it, never a route); each call is audited as a
 * system export.
 */
export interface OutcomeHistories {
  children: {
    id: string;
    birthDate: CalendarDay | null;
    sex: "female" | "male" | "unknown" | null;
    raceEthnicity: RaceEthnicity;
    siblingGroup: string | null;
  }[];
  episodes: {
    childId: string;
    removalDate: CalendarDay;
    exitDate: CalendarDay | null;
    exitReason: ExitReason | null;
  }[];
  placements: {
    childId: string;
    /** The removal date of the placement's episode. */
    removalDate: CalendarDay;
    startDate: CalendarDay;
    endDate: CalendarDay | null;
    setting: PlacementSetting;
    changeKind: "initial" | "planned" | "emergency" | "unplanned";
    /** The household the child lived in: the home key of "siblings placed together". */
    householdId: string | null;
  }[];
  households: {
    id: string;
    kind: "resource_family" | "relative" | "facility";
    inquiryOn: CalendarDay | null;
    approvedOn: CalendarDay | null;
    closedOn: CalendarDay | null;
    closureReason: string | null;
  }[];
  /** The case records' maltreatment reports, every disposition (pending ones too: only `substantiated` counts). */
  reports: {
    childId: string;
    receivedOn: CalendarDay;
    incidentOn: CalendarDay | null;
    /**
     * The CFSR safety indicators count substantiated or indicated reports
     * (CFSR Round 4 data dictionary, S1 and S2). The case record keeps
     * California's dispositions — substantiated, inconclusive, unfounded
     * (Cal. Penal Code §11165.12) — and California has no "indicated", so only
     * 'substantiated' counts: not inconclusive, not unfounded, and a pending
     * report only once it is substantiated.
     */
    substantiated: boolean;
  }[];
}

/**
 * `now` is the projection's instant: placements are projected as the site's calendar day then knows them, so a
 * planned move recorded for a later day is neither a placement yet nor the end of the one in force.
 */
export async function historiesForOutcomes(
  trx: Transaction<Database>,
  siteId: string,
  now: Date = new Date(),
): Promise<OutcomeHistories> {
  const site = await trx.selectFrom("site").select("time_zone").where("id", "=", siteId).executeTakeFirstOrThrow();
  const today = zonedDay(now, site.time_zone);
  const children = await trx
    .selectFrom("child as c")
    .innerJoin("person as p", "p.id", "c.person_id")
    .select(["c.id", "c.person_id", "p.birth_date", "p.sex", "c.race_ethnicity"])
    .where("c.site_id", "=", siteId)
    .orderBy("c.id")
    .execute();
  const episodes = await trx
    .selectFrom("removal_episode")
    .select(["child_id", "removal_date", "exit_date", "exit_reason"])
    .where("site_id", "=", siteId)
    .orderBy("child_id")
    .orderBy("removal_date")
    .execute();
  const placements = await trx
    .selectFrom("placement as pl")
    .innerJoin("removal_episode as e", "e.id", "pl.episode_id")
    .select([
      "pl.child_id",
      "e.removal_date",
      "pl.start_date",
      "pl.end_date",
      "pl.setting",
      "pl.change_kind",
      "pl.household_id",
    ])
    .where("pl.site_id", "=", siteId)
    .where("pl.start_date", "<=", today)
    .orderBy("pl.child_id")
    .orderBy("pl.start_date")
    .execute();
  const households = await trx
    .selectFrom("household")
    .select(["id", "kind", "inquiry_on", "approved_on", "closed_on", "closure_reason"])
    .where("site_id", "=", siteId)
    .orderBy("id")
    .execute();
  const reports = await trx
    .selectFrom("maltreatment_report")
    .select(["child_id", "received_on", "incident_on", "disposition"])
    .where("site_id", "=", siteId)
    .orderBy("child_id")
    .orderBy("received_on")
    .execute();
  // Siblings are relations from a child to the sibling's person (made both ways): groups are their connected
  // components.
  const siblingLinks = await trx
    .selectFrom("child_relation as r")
    .innerJoin("child as a", "a.id", "r.child_id")
    .innerJoin("child as b", "b.person_id", "r.person_id")
    .select(["a.id as from", "b.id as to"])
    .where("a.site_id", "=", siteId)
    .where("r.kind", "in", ["sibling_full", "sibling_half", "sibling_step"])
    .execute();
  const groups = siblingGroups(
    children.map((c) => c.id),
    siblingLinks,
  );
  await recordAudit(trx, systemActor("outcome projection"), {
    action: "outcomes.export",
    entityType: "site",
    entityId: siteId,
    siteId,
    purpose: "outcome measures",
    outcome: "success",
  });
  return {
    children: children.map((c) => ({
      id: c.id,
      birthDate: c.birth_date,
      sex: c.sex,
      raceEthnicity: c.race_ethnicity,
      siblingGroup: groups.get(c.id) ?? null,
    })),
    episodes: episodes.map((e) => ({
      childId: e.child_id,
      removalDate: e.removal_date,
      exitDate: e.exit_date,
      exitReason: e.exit_reason,
    })),
    placements: placements.map((p) => ({
      childId: p.child_id,
      removalDate: p.removal_date,
      startDate: p.start_date,
      endDate: p.end_date !== null && p.end_date > today ? null : p.end_date,
      setting: p.setting,
      changeKind: p.change_kind,
      householdId: p.household_id,
    })),
    households: households.map((h) => ({
      id: h.id,
      kind: h.kind,
      inquiryOn: h.inquiry_on,
      approvedOn: h.approved_on,
      closedOn: h.closed_on,
      closureReason: h.closure_reason,
    })),
    reports: reports.map((r) => ({
      childId: r.child_id,
      receivedOn: r.received_on,
      incidentOn: r.incident_on,
      substantiated: r.disposition === "substantiated",
    })),
  };
}

/**
 * Connected components of the sibling links; each group is named by its smallest child id. Children without siblings
 * have none.
 */
export function siblingGroups(childIds: string[], links: { from: string; to: string }[]): Map<string, string> {
  const parent = new Map(childIds.map((id) => [id, id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let at = id; at !== root; ) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  for (const { from, to } of links) {
    if (!parent.has(from) || !parent.has(to)) continue;
    const [a, b] = [find(from), find(to)];
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const size = new Map<string, number>();
  for (const id of childIds) size.set(find(id), (size.get(find(id)) ?? 0) + 1);
  const groups = new Map<string, string>();
  for (const id of childIds) if (size.get(find(id))! > 1) groups.set(id, find(id));
  return groups;
}
