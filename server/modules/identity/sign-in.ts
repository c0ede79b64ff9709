import os from "node:os";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { AuditAction } from "../../platform/audit/actions.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { FairQueue, QueueFullError } from "../../platform/auth/fair-queue.js";
import { decoyPasswordHash, verifyPassword } from "../../platform/auth/passwords.js";
import { createSession, type NewSession } from "../../platform/auth/sessions.js";
import { AppError } from "../../platform/errors/app-error.js";
import { deviceCookieAfterSignIn } from "./device-cookie.js";
import { createChallenge, isEnrolled } from "./mfa.js";
import { sessionRulesOf } from "./security-policy.js";
import { accountByKey, emailOfUser } from "./sign-in-repository.js";
import { accountKey, addressKey, isThrottled, recordFailure, recordSuccess } from "./throttle.js";

export interface SignInClient {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /** The browser's device cookie, when it sent one (see device-cookie.ts). */
  deviceCookie?: string | null;
  /** The user ticked "Stay signed in on this device": the session cookie outlives the browser. */
  remember?: boolean;
}

/** Idle timeout for a user from their sites' security policy: the staff one if they hold any staff role. */
export async function idleMinutesFor(db: Kysely<Database>, userId: string): Promise<number> {
  return (await sessionRulesOf(db, userId)).idleMinutes;
}

/** `language`: the account's own, which the interface takes from here on (whatever the browser asked for before). */
export type SignInResult = { userId: string; language: "en" | "es" } & (
  | { next: "done"; session: NewSession }
  | { next: "totp" | "enroll"; challenge: string }
);

/** A full session for a user whose every factor is checked, audited in the same transaction. */
export async function startSession(
  db: Kysely<Database>,
  userId: string,
  client: SignInClient,
  now: Date,
  action: AuditAction = "auth.sign_in",
): Promise<NewSession> {
  const { session, email } = await db.transaction().execute(async (trx) => {
    const rules = await sessionRulesOf(trx, userId);
    const session = await createSession(trx, userId, rules, client, now);
    await recordAudit(
      trx,
      { userId, ip: client.ip, requestId: client.requestId },
      { action, entityType: "user_account", entityId: userId, outcome: "success" },
    );
    return { session, email: await emailOfUser(trx, userId) };
  });
  // This browser signed in to the account: from now on the throttle knows it as the owner's device.
  return { ...session, deviceCookie: await deviceCookieAfterSignIn(db, client.deviceCookie, accountKey(email), now) };
}

/**
 * The password step runs through a small fair queue: scrypt at N=2^17 takes
 * a core and 128 MiB for a good part of a second, so only a few run at once
 * (one core stays free for everything else), a few more wait, and a client
 * address holds at most three places. The next to run is the one whose
 * address used the least of it lately; when the queue is full, a quieter
 * address takes the place of the busiest one. Whoever gets no place is
 * refused at once with 429: a flood of sign-ins cannot starve real users.
 */
export const PASSWORD_QUEUE = {
  concurrency: Math.max(1, Math.min(4, os.availableParallelism() - 1)),
  capacity: 8,
  perClient: 3,
  halfLifeMs: 60_000,
} as const;

export const passwordQueue = new FairQueue(PASSWORD_QUEUE);

/**
 * Email + password, the first step of sign-in. Unknown user, wrong password,
 * a disabled or not-yet-activated account and a throttled or locked account
 * all answer the same way and cost the same time (one scrypt verification).
 * When the account has a second factor, or its site's policy requires one
 * for staff, the answer is a short-lived challenge instead of a session.
 */
export async function signIn(
  db: Kysely<Database>,
  credentials: { email: string; password: string },
  client: SignInClient,
  now: Date = new Date(),
): Promise<SignInResult> {
  const key = accountKey(credentials.email);
  let user: Awaited<ReturnType<typeof accountByKey>>;
  try {
    user = await passwordQueue.run(addressKey(client.ip) ?? "", () => checkPassword(db, key, credentials, client, now));
  } catch (error) {
    if (error instanceof QueueFullError) throw new AppError("too_many_requests", "error.sign_in_busy");
    throw error;
  }
  if (!user) throw new AppError("sign_in_failed");
  await recordSuccess(db, key, client, now);
  const account = { userId: user.id, language: user.preferred_language };
  if (await isEnrolled(db, user.id))
    return { next: "totp", ...account, challenge: await createChallenge(db, user.id, "verify", now) };
  const rules = await sessionRulesOf(db, user.id);
  if (rules.mfaRequired)
    return { next: "enroll", ...account, challenge: await createChallenge(db, user.id, "enroll", now) };
  return { next: "done", ...account, session: await startSession(db, user.id, client, now) };
}

/** The account when the password is right and it may sign in; undefined (failure recorded and audited) otherwise. */
async function checkPassword(
  db: Kysely<Database>,
  key: string,
  credentials: { password: string },
  client: SignInClient,
  now: Date,
) {
  const throttled = await isThrottled(db, key, client, now);
  const user = await accountByKey(db, key);
  const hash = !throttled && user?.password_hash ? user.password_hash : await decoyPasswordHash();
  const passwordMatches = await verifyPassword(credentials.password, hash);
  const ok = Boolean(!throttled && user && user.password_hash && user.status === "active" && passwordMatches);
  if (ok && user) return user;
  await db.transaction().execute(async (trx) => {
    if (!throttled) await recordFailure(trx, key, client, now);
    await recordAudit(
      trx,
      { userId: user?.id ?? null, ip: client.ip, requestId: client.requestId },
      {
        action: throttled ? "auth.sign_in_throttled" : "auth.sign_in",
        entityType: "user_account",
        entityId: user?.id ?? null,
        outcome: "failure",
      },
    );
  });
  return undefined;
}
