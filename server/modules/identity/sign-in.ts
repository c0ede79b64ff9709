import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { AuditAction } from "../../platform/audit/actions.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { decoyPasswordHash, verifyPassword } from "../../platform/auth/passwords.js";
import { createSession, type NewSession } from "../../platform/auth/sessions.js";
import { AppError } from "../../platform/errors/app-error.js";
import { createChallenge, isEnrolled } from "./mfa.js";
import { sessionRulesOf } from "./security-policy.js";
import { accountKey, clearFailures, isThrottled, recordFailure } from "./throttle.js";

export interface SignInClient {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** Idle timeout for a user from their sites' security policy: the staff one if they hold any staff role. */
export async function idleMinutesFor(db: Kysely<Database>, userId: string): Promise<number> {
  return (await sessionRulesOf(db, userId)).idleMinutes;
}

export type SignInResult =
  | { next: "done"; userId: string; session: NewSession }
  | { next: "totp" | "enroll"; userId: string; challenge: string };

/** A full session for a user whose every factor is checked, audited in the same transaction. */
export async function startSession(
  db: Kysely<Database>,
  userId: string,
  client: SignInClient,
  now: Date,
  action: AuditAction = "auth.sign_in",
) {
  return db.transaction().execute(async (trx) => {
    const rules = await sessionRulesOf(trx, userId);
    const session = await createSession(trx, userId, rules, client, now);
    await recordAudit(
      trx,
      { userId, ip: client.ip, requestId: client.requestId },
      { action, entityType: "user_account", entityId: userId, outcome: "success" },
    );
    return session;
  });
}

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
  const throttled = await isThrottled(db, key, client.ip, now);
  const user = await db
    .selectFrom("user_account")
    .select(["id", "password_hash", "status"])
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", key))
    .executeTakeFirst();
  const hash = !throttled && user?.password_hash ? user.password_hash : await decoyPasswordHash();
  const passwordMatches = await verifyPassword(credentials.password, hash);
  const ok = Boolean(!throttled && user && user.password_hash && user.status === "active" && passwordMatches);
  const who = { userId: user?.id ?? null, ip: client.ip, requestId: client.requestId };
  if (!ok || !user) {
    await db.transaction().execute(async (trx) => {
      if (!throttled) await recordFailure(trx, key, client.ip, now);
      await recordAudit(trx, who, {
        action: throttled ? "auth.sign_in_throttled" : "auth.sign_in",
        entityType: "user_account",
        entityId: user?.id ?? null,
        outcome: "failure",
      });
    });
    throw new AppError("sign_in_failed");
  }
  await clearFailures(db, key);
  if (await isEnrolled(db, user.id))
    return { next: "totp", userId: user.id, challenge: await createChallenge(db, user.id, "verify", now) };
  const rules = await sessionRulesOf(db, user.id);
  if (rules.mfaRequired)
    return { next: "enroll", userId: user.id, challenge: await createChallenge(db, user.id, "enroll", now) };
  return { next: "done", userId: user.id, session: await startSession(db, user.id, client, now) };
}
