import type { Kysely } from "kysely";
import type { Database } from "../db/database.js";
import { refreshPlatformOutcomes } from "../modules/outcomes/index.js";
import { systemActor } from "../platform/access/actor.js";
import { recordAudit } from "../platform/audit/audit-log.js";
import { hashPassword } from "../platform/auth/passwords.js";
import { earliestDayIn } from "./calendar.js";
import { seedDemoCaregiverRecords } from "./caregiver-records.js";
import { seedDemoCourtOrders } from "./court-orders.js";
import { DEMO_PASSWORD } from "./demo-accounts.js";
import { demoSites } from "./demo-sites.js";
import { seedDemoFamilyChannel } from "./family-channel.js";
import { seedDemoFamilyPage } from "./family-page.js";
import { type DemoNetwork, generateDemoNetwork, summarize } from "./generate-network.js";
import { seedHouseholdDocuments } from "./household-documents.js";
import { seedDemoImproveCycle } from "./improve-cycle.js";
import { seedPartnershipPlans } from "./partnership-plans.js";
import { seedPracticeHistory } from "./practice-history.js";
import { seedRecentExitAndReturn } from "./recent-exit.js";
import { seedResourceFamilies } from "./resource-families.js";
import { seedSiteStatements } from "./site-statements.js";
import { seedDemoTrainingCompletions } from "./training-completions.js";
import { seedUpcomingMove } from "./upcoming-move.js";

const BATCH = 500;

async function insertAll<T extends keyof Database & string>(trx: Kysely<Database>, table: T, rows: readonly object[]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + BATCH) as never)
      .execute();
  }
}

/** Writes a generated network in one transaction: all of it or none. */
export async function writeDemoNetwork(db: Kysely<Database>, net: DemoNetwork): Promise<void> {
  // One hash for every demo account: they share the printed demo password,
  // and scrypt at OWASP cost takes a few hundred milliseconds each.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    await insertAll(
      trx,
      "network_state",
      net.states.filter((s) => s),
    );
    await insertAll(trx, "site", net.sites);
    // Demo sites let people try every role with the printed password: MFA off (README "Sign-in and accounts").
    await insertAll(
      trx,
      "site_security_policy",
      net.sites.map((s) => ({ site_id: s.id, mfa_required_for_staff: false })),
    );
    await insertAll(
      trx,
      "unit",
      net.units.filter((u) => u.parent_unit_id === null),
    );
    await insertAll(
      trx,
      "unit",
      net.units.filter((u) => u.parent_unit_id !== null),
    );
    await insertAll(trx, "person", net.persons);
    await insertAll(
      trx,
      "user_account",
      net.users.map((u) => ({ ...u, password_hash: passwordHash })),
    );
    await insertAll(trx, "role_grant", net.roleGrants);
    await insertAll(trx, "household", net.households);
    await insertAll(trx, "household_member", net.householdMembers);
    await insertAll(trx, "child", net.children);
    await insertAll(trx, "child_relation", net.childRelations);
    await insertAll(trx, "removal_episode", net.episodes);
    await insertAll(trx, "placement", net.placements);
    await insertAll(trx, "child_team_member", net.teamMembers);
    await insertAll(trx, "maltreatment_report", net.reports);
    await seedPracticeHistory(trx, net);
    await seedPartnershipPlans(trx, net);
    await seedSiteStatements(trx, net);
    await recordAudit(trx, systemActor("demo seed"), {
      action: "demo.seed",
      entityType: "network",
      outcome: "success",
    });
  });
}

/** Seeds the demo network into an empty database; does nothing when any site exists. */
export async function seedDemoIfEmpty(db: Kysely<Database>, options: { seed: number; scale: number; asOf?: string }) {
  const existing = await db.selectFrom("site").select("id").limit(1).executeTakeFirst();
  if (existing) return null;
  const asOf =
    options.asOf ??
    earliestDayIn(
      demoSites.map((s) => s.timeZone),
      new Date(),
    );
  const net = generateDemoNetwork({ seed: options.seed, scale: options.scale, asOf });
  await writeDemoNetwork(db, net);
  await seedDemoCourtOrders(db, net);
  await seedDemoCaregiverRecords(db, net);
  await seedDemoTrainingCompletions(db, net);
  await seedDemoFamilyPage(db, net);
  await seedDemoImproveCycle(db, net);
  await seedDemoFamilyChannel(db, net);
  await db.transaction().execute((trx) => seedUpcomingMove(trx, net, "caseworker@demo.qpi.example"));
  await db.transaction().execute((trx) => seedRecentExitAndReturn(trx, net, "caseworker@demo.qpi.example"));
  await seedResourceFamilies(db, net, asOf);
  await seedHouseholdDocuments(db, asOf);
  // The outcome dashboards read the projection; the scheduled job keeps it fresh after this.
  await refreshPlatformOutcomes(db);
  return { network: net, summary: summarize(net) };
}
