import crypto from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../server/db/database.js";
import { DEMO_DOMAIN } from "../../server/demo/demo-accounts.js";
import { today } from "./expect.js";
import { ALL_ROLES, type Relation, type RoleName } from "./policy-types.js";

/**
 * The test world as the authorization runner sees it: who each demo actor is,
 * and for each child who works with it and where it lives — so a target with
 * a given relation to an actor can be chosen from real records (or, for a
 * call that changes things, minted with exactly that relation).
 */
export interface ChildFacts {
  id: string;
  siteId: string;
  personId: string;
  /** Person id of the current caseworker, and the unit they work in. */
  caseworker: string | null;
  unitId: string | null;
  /** The household of the open placement. */
  householdId: string | null;
  inCare: boolean;
  /** Person ids on the team now. */
  team: Set<string>;
  /** Person ids of birth parents and legal guardians. */
  parents: Set<string>;
}

export interface ActorFacts {
  role: RoleName;
  email: string;
  userId: string;
  personId: string;
  siteId: string;
  unitId: string | null;
  /** Households the actor is a member of (caregivers). */
  households: Set<string>;
}

const STAFF_WITH_CASELOAD = new Set<RoleName>(["caseworker", "supervisor"]);
const FAMILY = new Set<RoleName>(["caregiver", "birth_parent", "youth"]);

export async function loadChildFacts(db: Kysely<Database>): Promise<ChildFacts[]> {
  const children = await db
    .selectFrom("child")
    .leftJoin("placement", (j) => j.onRef("placement.child_id", "=", "child.id").on("placement.end_date", "is", null))
    .select(["child.id", "child.site_id", "child.person_id", "placement.household_id", "placement.id as placement_id"])
    .orderBy("child.id")
    .execute();
  const team = await db
    .selectFrom("child_team_member")
    .select(["child_id", "person_id", "role"])
    .where("starts_on", "<=", sql<string>`current_date`)
    .where((eb) => eb.or([eb("ends_on", "is", null), eb("ends_on", ">=", sql<string>`current_date`)]))
    .execute();
  const units = await db
    .selectFrom("role_grant")
    .innerJoin("user_account", "user_account.id", "role_grant.user_id")
    .select(["user_account.person_id", "role_grant.unit_id"])
    .where("role_code", "=", "caseworker")
    .execute();
  const parents = await db
    .selectFrom("child_relation")
    .select(["child_id", "person_id"])
    .where("kind", "in", ["birth_parent", "legal_guardian"])
    .execute();
  return children.map((c) => {
    const caseworker = team.find((t) => t.child_id === c.id && t.role === "caseworker")?.person_id ?? null;
    return {
      id: c.id,
      siteId: c.site_id,
      personId: c.person_id,
      caseworker,
      unitId: caseworker ? (units.find((u) => u.person_id === caseworker)?.unit_id ?? null) : null,
      householdId: c.household_id,
      inCare: c.placement_id !== null,
      team: new Set(team.filter((t) => t.child_id === c.id).map((t) => t.person_id)),
      parents: new Set(parents.filter((p) => p.child_id === c.id).map((p) => p.person_id)),
    };
  });
}

/** The demo account of each role (the printed demo sign-ins; the state analyst's is at another site). */
export async function loadActorFacts(db: Kysely<Database>): Promise<ActorFacts[]> {
  const rows = await db
    .selectFrom("user_account")
    .innerJoin("role_grant", "role_grant.user_id", "user_account.id")
    .select([
      "user_account.id",
      "user_account.email",
      "user_account.person_id",
      "role_grant.role_code",
      "role_grant.site_id",
      "role_grant.unit_id",
    ])
    .where("user_account.email", "like", `%@${DEMO_DOMAIN}`)
    .orderBy("user_account.email")
    .execute();
  const homes = await db.selectFrom("household_member").select(["household_id", "person_id"]).execute();
  return ALL_ROLES.map((role) => {
    const row = rows.find((r) => r.role_code === role);
    if (!row)
      throw new Error(
        `The test world has no demo account with the role ${role}: the authorization runner needs one per role`,
      );
    return {
      role,
      email: row.email,
      userId: row.id,
      personId: row.person_id,
      siteId: row.site_id,
      unitId: row.unit_id,
      households: new Set(homes.filter((h) => h.person_id === row.person_id).map((h) => h.household_id)),
    };
  });
}

/** The actor's own tie to the child (the "own" relation): caseload, team, home, parenthood, self. */
export function isOwn(actor: ActorFacts, child: ChildFacts): boolean {
  if (child.siteId !== actor.siteId) return false;
  switch (actor.role) {
    case "caseworker":
      return child.caseworker === actor.personId;
    case "supervisor":
      return child.team.has(actor.personId);
    case "caregiver":
      return child.householdId !== null && actor.households.has(child.householdId);
    case "birth_parent":
      return child.parents.has(actor.personId);
    case "youth":
      return child.personId === actor.personId;
    default:
      return true;
  }
}

function related(actor: ActorFacts, child: ChildFacts): boolean {
  if (!STAFF_WITH_CASELOAD.has(actor.role) && !FAMILY.has(actor.role)) return false;
  return isOwn(actor, child) || child.team.has(actor.personId);
}

/** The actor's unit: the grant's unit for staff; for families, the unit of their own child's caseworker. */
export function unitOf(actor: ActorFacts, children: ChildFacts[]): string | null {
  if (!FAMILY.has(actor.role)) return actor.unitId;
  const own = children.filter((c) => isOwn(actor, c)).sort((a, b) => Number(b.inCare) - Number(a.inCare));
  return own[0]?.unitId ?? null;
}

/** A child of the world with `relation` to the actor (children in care first), or undefined. */
export function pickTarget(actor: ActorFacts, relation: Relation, children: ChildFacts[]): ChildFacts | undefined {
  const unit = unitOf(actor, children);
  const fits = (c: ChildFacts) => {
    switch (relation) {
      case "own":
        return isOwn(actor, c);
      case "same_unit":
        return c.siteId === actor.siteId && unit !== null && c.unitId === unit && !related(actor, c);
      case "same_site":
        return c.siteId === actor.siteId && c.unitId !== null && c.unitId !== unit && !related(actor, c);
      case "other_site":
        return c.siteId !== actor.siteId;
    }
  };
  const candidates = children.filter(fits);
  return candidates.find((c) => c.inCare) ?? candidates[0];
}

export interface MintSpec {
  siteId: string;
  caseworkerPersonId: string;
  supervisorPersonId?: string;
  householdId: string | null;
  parentPersonId?: string;
}

/**
 * A new child in care with exactly the ties of `spec`, for one call that
 * changes things (a move, a hearing, a share), so no other case is disturbed.
 */
export async function mintChild(
  db: Kysely<Database>,
  spec: MintSpec,
): Promise<ChildFacts & { episodeId: string; teamMemberId: string }> {
  const tag = crypto.randomBytes(4).toString("hex");
  const person = await db
    .insertInto("person")
    .values({
      site_id: spec.siteId,
      given_name: "Minted",
      family_name: `Target-${tag}`,
      preferred_name: null,
      birth_date: "2014-05-01",
      sex: "unknown",
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
    .values({ person_id: person.id, site_id: spec.siteId, case_number: `MINT-${tag}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  const episode = await db
    .insertInto("removal_episode")
    .values({
      child_id: child.id,
      site_id: spec.siteId,
      removal_date: "2026-01-05",
      removal_reason: "neglect",
      exit_date: null,
      exit_reason: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("placement")
    .values({
      episode_id: episode.id,
      child_id: child.id,
      site_id: spec.siteId,
      household_id: spec.householdId,
      setting: spec.householdId ? "nonrelative_family_home" : "runaway",
      start_date: "2026-01-05",
      end_date: null,
      change_kind: "initial",
      change_requested_by: null,
      change_reason: null,
    })
    .execute();
  const team = [
    { person_id: spec.caseworkerPersonId, role: "caseworker" as const },
    ...(spec.supervisorPersonId ? [{ person_id: spec.supervisorPersonId, role: "supervisor" as const }] : []),
  ];
  const members = await db
    .insertInto("child_team_member")
    .values(team.map((t) => ({ child_id: child.id, ...t, starts_on: "2026-01-05", ends_on: null })))
    .returning(["id", "role"])
    .execute();
  if (spec.parentPersonId)
    await db
      .insertInto("child_relation")
      .values({ child_id: child.id, person_id: spec.parentPersonId, kind: "birth_parent" })
      .execute();
  return {
    id: child.id,
    siteId: spec.siteId,
    personId: person.id,
    caseworker: spec.caseworkerPersonId,
    unitId: null,
    householdId: spec.householdId,
    inCare: true,
    team: new Set(team.map((t) => t.person_id)),
    parents: new Set(spec.parentPersonId ? [spec.parentPersonId] : []),
    episodeId: episode.id,
    teamMemberId: members.find((m) => m.role === "caseworker")!.id,
  };
}

/** A review hearing of a minted child in two weeks, with a caregiver's report by `reportBy` when given; its id. */
export async function mintHearing(
  db: Kysely<Database>,
  child: { id: string; siteId: string },
  reportBy?: string,
): Promise<string> {
  const hearing = await db
    .insertInto("court_hearing")
    .values({
      child_id: child.id,
      site_id: child.siteId,
      hearing_on: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
      hearing_type: "review",
      department: "Dept. 1",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (reportBy)
    await db
      .insertInto("caregiver_report")
      .values({ hearing_id: hearing.id, child_id: child.id, submitted_by: reportBy, body: "Minted report." })
      .execute();
  return hearing.id;
}

/** An unfinished intake draft at `siteId` by a staff member of the site other than `notBy`; its id. */
export async function mintDraft(db: Kysely<Database>, siteId: string, notBy: string): Promise<string> {
  const author = await db
    .selectFrom("role_grant")
    .select("user_id")
    .where("site_id", "=", siteId)
    .where("role_code", "in", ["caseworker", "supervisor"])
    .where("user_id", "!=", notBy)
    .orderBy("user_id")
    .executeTakeFirstOrThrow();
  const draft = await db
    .insertInto("intake_draft")
    .values({
      site_id: siteId,
      created_by: author.user_id,
      held_by: author.user_id,
      step: "child",
      answers: JSON.stringify({}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return draft.id;
}

/** A planned move of a minted child in two weeks (the placement in force ends that day); the new placement's id. */
export async function mintPlannedMove(
  db: Kysely<Database>,
  child: { id: string; siteId: string; episodeId: string; householdId: string | null },
): Promise<string> {
  const on = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await db.updateTable("placement").set({ end_date: on }).where("child_id", "=", child.id).execute();
  const placement = await db
    .insertInto("placement")
    .values({
      episode_id: child.episodeId,
      child_id: child.id,
      site_id: child.siteId,
      household_id: child.householdId,
      setting: child.householdId ? "nonrelative_family_home" : "runaway",
      start_date: on,
      end_date: null,
      change_kind: "planned",
      change_requested_by: "agency",
      change_reason: "move_to_relative",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return placement.id;
}

/** A no-contact court order of a minted child from today, without end; its id. */
export async function mintCourtOrder(db: Kysely<Database>, child: { id: string; siteId: string }): Promise<string> {
  const order = await db
    .insertInto("court_order")
    .values({
      child_id: child.id,
      site_id: child.siteId,
      kind: "no_contact",
      starts_on: today(),
      ends_on: null,
      note: null,
      created_by: null,
      ended_by: null,
      ended_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return order.id;
}

/** A share of a minted child with `userId` from today for a month, granted by `grantedBy`; its id. */
export async function mintShare(
  db: Kysely<Database>,
  child: { id: string; siteId: string },
  userId: string,
  grantedBy: string,
): Promise<string> {
  const startsOn = today();
  const ends = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const share = await db
    .insertInto("child_share")
    .values({
      child_id: child.id,
      site_id: child.siteId,
      shared_with_user_id: userId,
      reason: "Minted for a policy call",
      starts_on: startsOn,
      ends_on: ends,
      created_by: grantedBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return share.id;
}

/** Caseworkers (person and unit) and approved open family homes of every site, to mint targets from. */
export async function loadStaffAndHomes(db: Kysely<Database>) {
  const workers = await db
    .selectFrom("role_grant")
    .innerJoin("user_account", "user_account.id", "role_grant.user_id")
    .select(["user_account.person_id", "role_grant.unit_id", "role_grant.site_id"])
    .where("role_code", "=", "caseworker")
    .orderBy("user_account.email")
    .execute();
  const homes = await db
    .selectFrom("household")
    .select(["id", "site_id"])
    .where("kind", "!=", "facility")
    .where("approved_on", "is not", null)
    .where("closed_on", "is", null)
    .orderBy("id")
    .execute();
  return { workers, homes };
}

/**
 * How to mint a child with `relation` to the actor, or null when the relation
 * cannot be made by minting (a youth's own record is the youth).
 */
export function mintSpecFor(
  actor: ActorFacts,
  relation: Relation,
  children: ChildFacts[],
  staff: Awaited<ReturnType<typeof loadStaffAndHomes>>,
): MintSpec | null {
  const otherSite = staff.workers.find((w) => w.site_id !== actor.siteId)!.site_id;
  const siteId = relation === "other_site" ? otherSite : actor.siteId;
  const unit = unitOf(actor, children);
  const atSite = staff.workers.filter((w) => w.site_id === siteId && w.person_id !== actor.personId);
  const worker =
    relation === "own" && actor.role === "caseworker"
      ? { person_id: actor.personId }
      : relation === "same_site"
        ? (atSite.find((w) => w.unit_id !== unit) ?? atSite[0])
        : (atSite.find((w) => unit !== null && w.unit_id === unit) ?? atSite[0]);
  const home = staff.homes.find((h) => h.site_id === siteId && !actor.households.has(h.id))!;
  const spec: MintSpec = { siteId, caseworkerPersonId: worker.person_id, householdId: home.id };
  if (relation !== "own") return spec;
  switch (actor.role) {
    case "youth":
      return null;
    case "supervisor":
      return { ...spec, supervisorPersonId: actor.personId };
    case "caregiver":
      return { ...spec, householdId: [...actor.households][0] };
    case "birth_parent":
      return { ...spec, parentPersonId: actor.personId };
    default:
      return spec;
  }
}

/**
 * People around a child for a call that links one of them to a new account
 * (an invitation): a new birth parent, and a new member of the child's home.
 * A child minted for the call (`ownHome` false) moves to a new home of its
 * own first, so the member's home holds no other child; a child of the
 * actor's own home, or of the test world, keeps its home.
 */
export async function mintFamily(
  db: Kysely<Database>,
  child: { id: string; siteId: string },
  options: { ownHome: boolean },
): Promise<{ youth: string; birthParent: string; caregiver: string }> {
  const tag = crypto.randomBytes(4).toString("hex");
  const person = (given: string) =>
    db
      .insertInto("person")
      .values({ site_id: child.siteId, given_name: given, family_name: `Family-${tag}` })
      .returning("id")
      .executeTakeFirstOrThrow();
  const parent = await person("Parent");
  await db
    .insertInto("child_relation")
    .values({ child_id: child.id, person_id: parent.id, kind: "birth_parent" })
    .execute();
  const placement = await db
    .selectFrom("placement")
    .select(["id", "household_id"])
    .where("child_id", "=", child.id)
    .where("end_date", "is", null)
    .executeTakeFirst();
  let household = placement?.household_id ?? null;
  if (options.ownHome || !household) {
    const home = await db
      .insertInto("household")
      .values({ site_id: child.siteId, name: `Home ${tag}`, kind: "resource_family", approved_on: "2025-01-01" })
      .returning("id")
      .executeTakeFirstOrThrow();
    household = home.id;
    if (placement)
      await db.updateTable("placement").set({ household_id: household }).where("id", "=", placement.id).execute();
  }
  const member = await person("Caregiver");
  await db
    .insertInto("household_member")
    .values({ household_id: household, person_id: member.id, role: "caregiver" })
    .execute();
  const youth = await db.selectFrom("child").select("person_id").where("id", "=", child.id).executeTakeFirstOrThrow();
  return { youth: youth.person_id, birthParent: parent.id, caregiver: member.id };
}
