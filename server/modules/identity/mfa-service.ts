import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import type { NewSession } from "../../platform/auth/sessions.js";
import { AppError } from "../../platform/errors/app-error.js";
import {
  beginEnrollment,
  checkTotp,
  countChallengeAttempt,
  finishChallenge,
  isEnrolled,
  liveChallenge,
  recoveryCodesLeft,
  replaceRecoveryCodes,
  useRecoveryCode,
} from "./mfa.js";
import { identityRepository } from "./repository.js";
import { sessionRulesOf } from "./security-policy.js";
import { type SignInClient, startSession } from "./sign-in.js";
import { accountKey, isThrottled, recordFailure } from "./throttle.js";

async function emailOf(db: Kysely<Database>, userId: string): Promise<string> {
  const account = await identityRepository(db).account(userId);
  if (!account) throw new Error(`no account ${userId}`);
  return account.email;
}

/**
 * Who is enrolling: a signed-in user, or one who passed the password step and
 * whose site requires a second factor (an 'enroll' challenge).
 */
async function enrollingUser(db: Kysely<Database>, actor: Actor | null, challengeToken: string | undefined, now: Date) {
  if (actor) return { userId: actor.userId, challenge: null };
  const challenge = challengeToken ? await liveChallenge(db, challengeToken, now) : undefined;
  if (challenge?.purpose !== "enroll") throw new AppError("unauthenticated");
  return { userId: challenge.user_id, challenge };
}

export async function startEnrollment(
  db: Kysely<Database>,
  actor: Actor | null,
  challengeToken: string | undefined,
  now: Date,
) {
  const { userId } = await enrollingUser(db, actor, challengeToken, now);
  if (await isEnrolled(db, userId)) throw new AppError("conflict", "error.mfa_already_enrolled");
  return beginEnrollment(db, userId, await emailOf(db, userId));
}

/** Confirms enrollment with a first code; returns the recovery codes (shown once) and, for a challenge, the session. */
export async function confirmEnrollment(
  db: Kysely<Database>,
  actor: Actor | null,
  challengeToken: string | undefined,
  code: string,
  client: SignInClient,
  now: Date,
): Promise<{ recoveryCodes: string[]; session: NewSession | null }> {
  const { userId, challenge } = await enrollingUser(db, actor, challengeToken, now);
  if (!(await checkTotp(db, userId, code.trim(), now, false))) {
    if (challenge) await countChallengeAttempt(db, challenge.id_hash);
    throw new AppError("validation", "error.validation", {}, [{ field: "code", messageKey: "validation.totp_code" }]);
  }
  const recoveryCodes = await db.transaction().execute(async (trx) => {
    const codes = await replaceRecoveryCodes(trx, userId);
    if (challenge) await finishChallenge(trx, challenge.id_hash, now);
    await recordAudit(
      trx,
      { userId, ip: client.ip, requestId: client.requestId },
      { action: "auth.mfa_enroll", entityType: "user_account", entityId: userId, outcome: "success" },
    );
    return codes;
  });
  const session = challenge ? await startSession(db, userId, client, now) : null;
  return { recoveryCodes, session };
}

/**
 * The second step of sign-in: a TOTP code or a recovery code (single use).
 * Failures count toward the account's throttle like wrong passwords do; a
 * challenge allows five tries.
 */
export async function verifySecondFactor(
  db: Kysely<Database>,
  challengeToken: string | undefined,
  code: string,
  client: SignInClient,
  now: Date,
) {
  const challenge = challengeToken ? await liveChallenge(db, challengeToken, now) : undefined;
  if (challenge?.purpose !== "verify") throw new AppError("mfa_failed", "error.mfa_failed", {}, [], 401);
  const key = accountKey(await emailOf(db, challenge.user_id));
  const throttled = await isThrottled(db, key, client, now);
  const trimmed = code.trim();
  const isTotp = /^\d{6}$/.test(trimmed);
  const ok =
    !throttled &&
    (isTotp
      ? await checkTotp(db, challenge.user_id, trimmed, now, true)
      : await useRecoveryCode(db, challenge.user_id, trimmed, now));
  const who = { userId: challenge.user_id, ip: client.ip, requestId: client.requestId };
  if (!ok) {
    await db.transaction().execute(async (trx) => {
      await countChallengeAttempt(trx, challenge.id_hash);
      if (!throttled) await recordFailure(trx, key, client, now);
      await recordAudit(trx, who, {
        action: "auth.mfa_verify",
        entityType: "user_account",
        entityId: challenge.user_id,
        outcome: "failure",
      });
    });
    throw new AppError("mfa_failed", "error.mfa_failed", {}, [], 401);
  }
  await finishChallenge(db, challenge.id_hash, now);
  return startSession(db, challenge.user_id, client, now, isTotp ? "auth.sign_in" : "auth.sign_in_recovery_code");
}

export async function mfaStatus(db: Kysely<Database>, actor: Actor) {
  const rules = await sessionRulesOf(db, actor.userId);
  return {
    enrolled: await isEnrolled(db, actor.userId),
    recoveryCodesLeft: await recoveryCodesLeft(db, actor.userId),
    requiredByPolicy: rules.mfaRequired,
  };
}

export async function regenerateRecoveryCodes(db: Kysely<Database>, actor: Actor): Promise<string[]> {
  if (!(await isEnrolled(db, actor.userId))) throw new AppError("conflict", "error.mfa_not_enrolled");
  return db.transaction().execute(async (trx) => {
    const codes = await replaceRecoveryCodes(trx, actor.userId);
    await recordAudit(trx, actor, {
      action: "auth.recovery_codes_replace",
      entityType: "user_account",
      entityId: actor.userId,
      outcome: "success",
    });
    return codes;
  });
}
