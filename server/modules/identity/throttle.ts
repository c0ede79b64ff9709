import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import "./tables.js";

/**
 * Sign-in throttling, kept in the database so every app instance sees the
 * same counts (security.md §authentication; NIST SP 800-63B §5.2.2 "rate
 * limiting": no more than 100 consecutive failures per account).
 * Only attempts that checked a secret count; attempts refused by a throttle
 * do not, so an attacker cannot keep an account locked forever by hammering it.
 */
export const THROTTLE = {
  /** Failures per account within one minute before further attempts are refused. */
  accountPerMinute: 6,
  /** Failures per account within 15 minutes that lock it. */
  lockoutFailures: 10,
  lockoutWindowMinutes: 15,
  /** The first lockout lasts this long; each further one doubles, up to an hour. */
  lockoutMinutes: 15,
  maxLockoutMinutes: 60,
  /** A hard ceiling: never more than this many failures per account per hour. */
  accountPerHour: 100,
  /** Failures from one address per minute (password spraying across accounts). */
  addressPerMinute: 30,
} as const;

export function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

async function failuresSince(
  db: Kysely<Database>,
  column: "account_key" | "ip",
  value: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom("sign_in_failure")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where(column, "=", value)
    .where("occurred_at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** True when this account or address may not try a secret now. */
export async function isThrottled(db: Kysely<Database>, key: string, ip: string | null, now: Date): Promise<boolean> {
  const lock = await db
    .selectFrom("account_lockout")
    .select("locked_until")
    .where("account_key", "=", key)
    .executeTakeFirst();
  if (lock && lock.locked_until > now) return true;
  const minuteAgo = new Date(now.getTime() - 60_000);
  if ((await failuresSince(db, "account_key", key, minuteAgo)) >= THROTTLE.accountPerMinute) return true;
  if ((await failuresSince(db, "account_key", key, new Date(now.getTime() - 3_600_000))) >= THROTTLE.accountPerHour)
    return true;
  if (ip && (await failuresSince(db, "ip", ip, minuteAgo)) >= THROTTLE.addressPerMinute) return true;
  return false;
}

/** Records a failed secret; locks the account when the failures pile up. */
export async function recordFailure(db: Kysely<Database>, key: string, ip: string | null, now: Date): Promise<void> {
  await db.insertInto("sign_in_failure").values({ account_key: key, ip, occurred_at: now }).execute();
  const windowStart = new Date(now.getTime() - THROTTLE.lockoutWindowMinutes * 60_000);
  const lock = await db.selectFrom("account_lockout").selectAll().where("account_key", "=", key).executeTakeFirst();
  // Failures since the last lockout ended count towards the next one.
  const since = lock && lock.locked_until > windowStart ? lock.locked_until : windowStart;
  if ((await failuresSince(db, "account_key", key, since)) < THROTTLE.lockoutFailures) return;
  const lockouts = (lock?.lockouts ?? 0) + 1;
  const minutes = Math.min(THROTTLE.lockoutMinutes * 2 ** (lockouts - 1), THROTTLE.maxLockoutMinutes);
  const lockedUntil = new Date(now.getTime() + minutes * 60_000);
  await db
    .insertInto("account_lockout")
    .values({ account_key: key, locked_until: lockedUntil, lockouts })
    .onConflict((oc) => oc.column("account_key").doUpdateSet({ locked_until: lockedUntil, lockouts }))
    .execute();
}

/** A successful sign-in clears the account's lockout history. */
export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom("account_lockout").where("account_key", "=", key).execute();
}

/** The owner proved control of the account's email (a completed reset): its failure history no longer counts. */
export async function forgiveFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom("sign_in_failure").where("account_key", "=", key).execute();
  await clearFailures(db, key);
}
