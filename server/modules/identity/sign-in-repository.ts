import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import "./tables.js";

/** All SQL of the password step and its throttle. */

export async function accountByKey(db: Kysely<Database>, key: string) {
  return db
    .selectFrom("user_account")
    .select(["id", "password_hash", "status", "preferred_language"])
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", key))
    .executeTakeFirst();
}

export async function emailOfUser(db: Kysely<Database>, userId: string): Promise<string> {
  const row = await db.selectFrom("user_account").select("email").where("id", "=", userId).executeTakeFirstOrThrow();
  return row.email;
}

/** Which failures to count: of one account, from one address, with one device cookie (any combination). */
export interface FailureFilter {
  account?: string;
  address?: string | null;
  device?: string;
}

/** Failures matching the filter since a moment, and from how many distinct addresses. */
export async function countFailures(
  db: Kysely<Database>,
  filter: FailureFilter,
  since: Date,
): Promise<{ failures: number; addresses: number }> {
  let query = db
    .selectFrom("sign_in_failure")
    .select((eb) => [
      eb.fn.countAll<string>().as("n"),
      sql<string>`count(distinct coalesce(${eb.ref("ip")}, ''))`.as("addresses"),
    ])
    .where("occurred_at", ">", since);
  if (filter.account !== undefined) query = query.where("account_key", "=", filter.account);
  if (filter.address !== undefined)
    query = filter.address === null ? query.where("ip", "is", null) : query.where("ip", "=", filter.address);
  if (filter.device !== undefined) query = query.where("device", "=", filter.device);
  const row = await query.executeTakeFirstOrThrow();
  return { failures: Number(row.n), addresses: Number(row.addresses) };
}

export async function insertFailure(
  db: Kysely<Database>,
  failure: { account: string; address: string | null; device: string | null; at: Date },
): Promise<void> {
  await db
    .insertInto("sign_in_failure")
    .values({ account_key: failure.account, ip: failure.address, device: failure.device, occurred_at: failure.at })
    .execute();
}

export async function lockoutsOf(db: Kysely<Database>, account: string, scopes: string[]) {
  if (!scopes.length) return [];
  return db
    .selectFrom("account_lockout")
    .select(["scope", "locked_until", "lockouts"])
    .where("account_key", "=", account)
    .where("scope", "in", scopes)
    .execute();
}

export async function saveLockout(
  db: Kysely<Database>,
  lock: { account: string; scope: string; lockedUntil: Date; lockouts: number },
): Promise<void> {
  await db
    .insertInto("account_lockout")
    .values({ account_key: lock.account, scope: lock.scope, locked_until: lock.lockedUntil, lockouts: lock.lockouts })
    .onConflict((oc) =>
      oc.columns(["account_key", "scope"]).doUpdateSet({ locked_until: lock.lockedUntil, lockouts: lock.lockouts }),
    )
    .execute();
}

/** Deletes the account's lockouts of these scopes, or all of them. */
export async function deleteLockouts(db: Kysely<Database>, account: string, scopes?: string[]): Promise<void> {
  if (scopes && !scopes.length) return;
  let query = db.deleteFrom("account_lockout").where("account_key", "=", account);
  if (scopes) query = query.where("scope", "in", scopes);
  await query.execute();
}

export async function deleteFailures(db: Kysely<Database>, account: string): Promise<void> {
  await db.deleteFrom("sign_in_failure").where("account_key", "=", account).execute();
}

/** A named server secret, made on first use (the first instance to write it wins; every instance reads that one). */
export async function serverSecret(db: Kysely<Database>, name: string, fresh: () => string): Promise<string> {
  await db
    .insertInto("server_secret")
    .values({ name, secret: fresh() })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db.selectFrom("server_secret").select("secret").where("name", "=", name).executeTakeFirstOrThrow();
  return row.secret;
}
