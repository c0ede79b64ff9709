import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../../db/database.js";
import type { JobDefinition } from "../../../platform/jobs/scheduler.js";
import { historiesForOutcomes, type OutcomeHistories } from "../../children/index.js";
import { siteDirectory } from "../../network/index.js";
import { bumpDataVersion } from "../data-version.js";
import { ChangeKind, exitReasonNames, homeClosureNames, raceNames, settingNames } from "../history/codes.js";
import { writeAreaSnapshots } from "../snapshot/store.js";
import { HomeKind, RowSource } from "../tables.js";
import { ensureSiteArea, recountChildren } from "./area-registry.js";
import { KeyBlock, takeOutcomeWriterLock, tryOutcomeWriterLock } from "./writer-lock.js";

export interface RefreshSummary {
  sites: number;
  children: number;
  episodes: number;
  placements: number;
  homes: number;
  reports: number;
  /** Set when the job found an import running and left this slot alone. */
  skipped?: string;
}

const homeKinds = {
  resource_family: HomeKind.resourceFamily,
  relative: HomeKind.relative,
  facility: HomeKind.facility,
} as const;
const sexCodes = { male: 1, female: 2, unknown: 0 } as const;
/**
 * outcome_maltreatment_report.disposition (migration 0300): 1 substantiated; any other report of the case record
 * (inconclusive, unfounded, still pending) 3, unsubstantiated. The measures count only 1 and 2.
 */
const dispositionOf = (substantiated: boolean) => (substantiated ? 1 : 3);

/**
 * Replaces each site area's platform rows (children, homes, sibling groups,
 * episodes, placements and maltreatment reports) with a fresh projection of
 * the children module's records, in one transaction, and sets refreshed_at. A
 * child, home or sibling group keeps its key from one refresh to the next.
 * Runs in the caller's transaction when given one (the scheduler's).
 */
export async function refreshPlatformOutcomes(
  db: Kysely<Database>,
  siteId?: string,
  now: Date = new Date(),
): Promise<RefreshSummary> {
  const run = async (trx: Transaction<Database>) => {
    await takeOutcomeWriterLock(trx);
    return refreshLocked(trx, siteId, now);
  };
  return db.isTransaction ? run(db as Transaction<Database>) : db.transaction().execute(run);
}

async function refreshLocked(
  trx: Transaction<Database>,
  siteId: string | undefined,
  now: Date,
): Promise<RefreshSummary> {
  const sites = siteId ? [siteId] : await siteDirectory(trx).allIds();
  const summary: RefreshSummary = { sites: 0, children: 0, episodes: 0, placements: 0, homes: 0, reports: 0 };
  const keys = {
    child: await KeyBlock.reserve(trx, "outcome_child_key_seq"),
    home: await KeyBlock.reserve(trx, "outcome_home_key_seq"),
    group: await KeyBlock.reserve(trx, "outcome_sibling_group_key_seq"),
  };
  const areaIds: number[] = [];
  for (const id of sites) {
    const area = await ensureSiteArea(trx, id);
    areaIds.push(area.id);
    // As of the refresh's instant: a planned move recorded for a later day counts from its day on.
    const histories = await historiesForOutcomes(trx, id, now);
    await replaceArea(trx, area.id, histories, keys);
    summary.sites++;
    summary.children += histories.children.length;
    summary.episodes += histories.episodes.length;
    summary.placements += histories.placements.length;
    summary.homes += histories.households.length;
    summary.reports += histories.reports.length;
  }
  for (const block of Object.values(keys)) await block.finish(trx);
  // The projection's rows commit with a new data version: cached outcomes of the old ones are not used again.
  const version = await bumpDataVersion(trx);
  // And with the areas' columnar snapshots, stamped with it (migration 0440).
  await writeAreaSnapshots({ db: trx }, areaIds, version);
  return summary;
}

async function keysOf(
  trx: Transaction<Database>,
  table: "outcome_child" | "outcome_home" | "outcome_sibling_group",
  key: "child_key" | "home_key" | "group_key",
  areaId: number,
) {
  const rows = await sql<{
    key: number;
    external_id: string;
  }>`SELECT ${sql.ref(key)} AS key, external_id FROM ${sql.table(table)} \
WHERE area_id = ${areaId} AND source = ${RowSource.platform}`.execute(trx);
  return new Map(rows.rows.map((r) => [r.external_id, r.key]));
}

const dayOrNull = (d: string | null) => d;

async function replaceArea(
  trx: Transaction<Database>,
  areaId: number,
  h: OutcomeHistories,
  keys: Record<"child" | "home" | "group", KeyBlock>,
) {
  const [childKeys, homeKeys, groupKeys] = [
    await keysOf(trx, "outcome_child", "child_key", areaId),
    await keysOf(trx, "outcome_home", "home_key", areaId),
    await keysOf(trx, "outcome_sibling_group", "group_key", areaId),
  ];
  const platformChildren = sql`SELECT child_key FROM outcome_child \
WHERE area_id = ${areaId} AND source = ${RowSource.platform}`;
  for (const table of ["outcome_episode", "outcome_placement", "outcome_maltreatment_report"]) {
    await sql`DELETE FROM ${sql.table(table)} WHERE child_key IN (${platformChildren})`.execute(trx);
  }
  for (const table of ["outcome_child", "outcome_home", "outcome_sibling_group"] as const) {
    await trx.deleteFrom(table).where("area_id", "=", areaId).where("source", "=", RowSource.platform).execute();
  }
  const keyOf = (known: Map<string, number>, block: KeyBlock, id: string) => {
    let key = known.get(id);
    if (key === undefined) known.set(id, (key = block.take()));
    return key;
  };
  const groups = [...new Set(h.children.map((c) => c.siblingGroup).filter((g): g is string => g !== null))];
  await insertChunks(
    trx,
    "outcome_sibling_group",
    groups.map((g) => ({
      group_key: keyOf(groupKeys, keys.group, g),
      area_id: areaId,
      source: RowSource.platform,
      external_id: g,
    })),
  );
  await insertChunks(
    trx,
    "outcome_home",
    h.households.map((hh) => ({
      home_key: keyOf(homeKeys, keys.home, hh.id),
      area_id: areaId,
      inquiry_day: dayOrNull(hh.inquiryOn),
      approved_day: dayOrNull(hh.approvedOn),
      closed_day: dayOrNull(hh.closedOn),
      batch_id: null,
      source: RowSource.platform,
      kind: homeKinds[hh.kind],
      closure_reason: closureCode(hh.closureReason),
      external_id: hh.id,
    })),
  );
  await insertChunks(
    trx,
    "outcome_child",
    h.children.map((c) => ({
      child_key: keyOf(childKeys, keys.child, c.id),
      area_id: areaId,
      birth_day: c.birthDate,
      sibling_group: c.siblingGroup ? groupKeys.get(c.siblingGroup)! : null,
      batch_id: null,
      source: RowSource.platform,
      sex: sexCodes[c.sex ?? "unknown"],
      race: Math.max(0, raceNames.indexOf(c.raceEthnicity)),
      external_id: c.id,
    })),
  );
  await insertChunks(
    trx,
    "outcome_episode",
    h.episodes.map((e) => ({
      child_key: childKeys.get(e.childId)!,
      area_id: areaId,
      removal_day: e.removalDate,
      exit_day: e.exitDate,
      exit_reason: e.exitReason ? exitReasonNames.indexOf(e.exitReason) + 1 : 0,
      reported_placements: null,
    })),
  );
  await insertChunks(
    trx,
    "outcome_placement",
    h.placements.map((p) => ({
      child_key: childKeys.get(p.childId)!,
      area_id: areaId,
      removal_day: p.removalDate,
      start_day: p.startDate,
      end_day: p.endDate,
      home_key: p.householdId ? (homeKeys.get(p.householdId) ?? null) : null,
      setting: settingNames.indexOf(p.setting) + 1,
      change_kind: ChangeKind[p.changeKind],
    })),
  );
  await insertChunks(
    trx,
    "outcome_maltreatment_report",
    h.reports.map((r) => ({
      child_key: childKeys.get(r.childId)!,
      area_id: areaId,
      report_day: r.receivedOn,
      incident_day: r.incidentOn,
      disposition: dispositionOf(r.substantiated),
    })),
  );
  await trx.updateTable("outcome_area").set({ refreshed_at: sql`now()` }).where("id", "=", areaId).execute();
  await recountChildren(trx, [areaId]);
}

async function insertChunks<
  T extends
    | "outcome_sibling_group"
    | "outcome_home"
    | "outcome_child"
    | "outcome_episode"
    | "outcome_placement"
    | "outcome_maltreatment_report",
>(trx: Transaction<Database>, table: T, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += 1000)
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + 1000) as never)
      .execute();
}

/** The outcomes module's scheduled job (its row is seeded in migration 0300). */
export function outcomeJobs(): Record<string, JobDefinition> {
  return {
    outcome_platform_refresh: {
      run: async (trx, now) => {
        // An import holds the writer lock for minutes: this slot leaves it alone rather than block the scheduler.
        if (!(await tryOutcomeWriterLock(trx))) return { skipped: "an outcome import is running" };
        return { ...(await refreshLocked(trx, undefined, now)) };
      },
    },
  };
}

/**
 * The outcome history keeps seven closure groups; the household record's finer reasons (resource families, migration
 * 0660) are all the family's decision to stop, so they count as "family_request" here, and the detail stays on the
 * household. An unknown code is "not recorded" (0), never guessed into another group.
 */
const familyDecisions: ReadonlySet<string> = new Set([
  "burnout_lack_of_support",
  "payment_problems",
  "conflict_with_agency",
  "family_change",
]);
function closureCode(reason: string | null): number {
  if (!reason) return 0;
  const name = familyDecisions.has(reason) ? "family_request" : reason;
  return homeClosureNames.indexOf(name as (typeof homeClosureNames)[number]) + 1;
}
