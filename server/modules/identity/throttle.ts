import { isIPv6 } from "node:net";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { knownDevice } from "./device-cookie.js";
import {
  countFailures,
  deleteFailures,
  deleteLockouts,
  type FailureFilter,
  insertFailure,
  lockoutsOf,
  saveLockout,
} from "./sign-in-repository.js";

/**
 * Sign-in throttling, kept in the database so every app instance sees the
 * same counts (security.md §authentication; NIST SP 800-63B §5.2.2 "rate
 * limiting": no more than 100 consecutive failures per account), built so
 * that it cannot be turned against the account's owner (OWASP Authentication
 * Cheat Sheet, "device cookies"):
 *
 * - failures count first per (account, client address) pair: one address
 *   guessing at an account locks out that address only;
 * - the account as a whole is throttled and locked only when its failures
 *   come from several addresses (a distributed guess);
 * - a browser holding a valid device cookie for the account (it signed in
 *   successfully before) is judged on its own failures only, so the owner
 *   gets through from their own device even while the account is locked.
 *
 * Only attempts that checked a secret count; attempts refused by a throttle
 * do not, so hammering a locked account does not extend the lock.
 */
export const THROTTLE = {
  /** Failures within one minute per (account, address) pair, per device, and per account from several addresses. */
  accountPerMinute: 6,
  /** Failures within 15 minutes that lock the pair, the device, or (from several addresses) the account. */
  lockoutFailures: 10,
  lockoutWindowMinutes: 15,
  /** The first lockout lasts this long; each further one doubles, up to an hour. */
  lockoutMinutes: 15,
  maxLockoutMinutes: 60,
  /** How many distinct addresses make a distributed guess: only then is the whole account throttled. */
  accountAddresses: 3,
  /** A hard ceiling: never more than this many failures per account per hour (browsers it does not know). */
  accountPerHour: 100,
  /** Failures from one address per minute (password spraying across accounts). */
  addressPerMinute: 30,
} as const;

export function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The client address as the throttle and the sign-in queue count it: an IPv4
 * address as is, an IPv6 address by its /64 prefix (one subscriber gets a
 * whole /64, so single IPv6 addresses cost an attacker nothing).
 */
export function addressKey(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head, tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

/** Who is trying: the client's address and, when it sent one, its device cookie. */
export interface ThrottleClient {
  ip: string | null;
  deviceCookie?: string | null;
}

interface Subject {
  key: string;
  address: string | null;
  /** The nonce of a valid, unlocked device cookie for this account. */
  device: string | null;
}

const MINUTE = 60_000;
const addressScope = (address: string | null) => `address:${address ?? "?"}`;
const deviceScope = (nonce: string) => `device:${nonce}`;
const ACCOUNT_SCOPE = "*";

async function subjectOf(
  db: Kysely<Database>,
  key: string,
  client: ThrottleClient | string | null,
  now: Date,
): Promise<Subject> {
  const { ip, deviceCookie } = typeof client === "object" && client ? client : { ip: client, deviceCookie: null };
  const address = addressKey(ip);
  let device = deviceCookie ? await knownDevice(db, deviceCookie, key, now) : null;
  if (device) {
    // A device cookie that was itself locked out (stolen, guessed with) is judged like an unknown browser.
    const [lock] = await lockoutsOf(db, key, [deviceScope(device)]);
    if (lock && lock.locked_until > now) device = null;
  }
  return { key, address, device };
}

/** True when this client may not try a secret for this account now. */
export async function isThrottled(
  db: Kysely<Database>,
  key: string,
  client: ThrottleClient | string | null,
  now: Date,
): Promise<boolean> {
  const { address, device } = await subjectOf(db, key, client, now);
  const minuteAgo = new Date(now.getTime() - MINUTE);
  if (device) return (await countFailures(db, { device }, minuteAgo)).failures >= THROTTLE.accountPerMinute;

  const locks = await lockoutsOf(db, key, [ACCOUNT_SCOPE, addressScope(address)]);
  if (locks.some((lock) => lock.locked_until > now)) return true;
  if ((await countFailures(db, { account: key, address }, minuteAgo)).failures >= THROTTLE.accountPerMinute)
    return true;
  const lastMinute = await countFailures(db, { account: key }, minuteAgo);
  if (lastMinute.failures >= THROTTLE.accountPerMinute && lastMinute.addresses >= THROTTLE.accountAddresses)
    return true;
  const hourAgo = new Date(now.getTime() - 60 * MINUTE);
  if ((await countFailures(db, { account: key }, hourAgo)).failures >= THROTTLE.accountPerHour) return true;
  if (address && (await countFailures(db, { address }, minuteAgo)).failures >= THROTTLE.addressPerMinute) return true;
  return false;
}

/** Locks one scope when the failures since its last lockout ended (within the window) pile up. */
async function lockWhenDue(
  db: Kysely<Database>,
  key: string,
  scope: string,
  filter: FailureFilter,
  now: Date,
  minAddresses = 1,
): Promise<void> {
  const windowStart = new Date(now.getTime() - THROTTLE.lockoutWindowMinutes * MINUTE);
  const [lock] = await lockoutsOf(db, key, [scope]);
  // Failures since the last lockout ended count towards the next one.
  const since = lock && lock.locked_until > windowStart ? lock.locked_until : windowStart;
  const counted = await countFailures(db, filter, since);
  if (counted.failures < THROTTLE.lockoutFailures || counted.addresses < minAddresses) return;
  const lockouts = (lock?.lockouts ?? 0) + 1;
  const minutes = Math.min(THROTTLE.lockoutMinutes * 2 ** (lockouts - 1), THROTTLE.maxLockoutMinutes);
  await saveLockout(db, { account: key, scope, lockedUntil: new Date(now.getTime() + minutes * MINUTE), lockouts });
}

/**
 * Records a failed secret and locks what is due: the (account, address)
 * pair, the device cookie it came with, and the account as a whole when its
 * failures come from several addresses.
 */
export async function recordFailure(
  db: Kysely<Database>,
  key: string,
  client: ThrottleClient | string | null,
  now: Date,
): Promise<void> {
  const { address, device } = await subjectOf(db, key, client, now);
  await insertFailure(db, { account: key, address, device, at: now });
  await lockWhenDue(db, key, addressScope(address), { account: key, address }, now);
  if (device) await lockWhenDue(db, key, deviceScope(device), { device }, now);
  await lockWhenDue(db, key, ACCOUNT_SCOPE, { account: key }, now, THROTTLE.accountAddresses);
}

/**
 * A successful sign-in clears the lockout history of the address and device
 * it came from, and the account's own unless the account is locked right now
 * (the owner got through on a known device while someone else is guessing:
 * their lock stays).
 */
export async function recordSuccess(
  db: Kysely<Database>,
  key: string,
  client: ThrottleClient | string | null,
  now: Date,
): Promise<void> {
  const { address, device } = await subjectOf(db, key, client, now);
  const scopes = [addressScope(address), ...(device ? [deviceScope(device)] : [])];
  const [account] = await lockoutsOf(db, key, [ACCOUNT_SCOPE]);
  if (account && account.locked_until <= now) scopes.push(ACCOUNT_SCOPE);
  await deleteLockouts(db, key, scopes);
}

/** The owner proved control of the account's email (a completed reset): its failure history no longer counts. */
export async function forgiveFailures(db: Kysely<Database>, key: string): Promise<void> {
  await deleteFailures(db, key);
  await deleteLockouts(db, key);
}
