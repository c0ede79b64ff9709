import crypto from "node:crypto";
import type { Kysely } from "kysely";
import { generateSecret, generateURI, verify } from "otplib";
import type { Database } from "../../db/database.js";
import { hashToken } from "../../platform/auth/sessions.js";
import "./tables.js";

export const TOTP_ISSUER = "QPI Platform";
export const RECOVERY_CODE_COUNT = 10;
/** A challenge (password done, second factor pending) lives five minutes and allows five codes. */
export const CHALLENGE_LIFETIME_MS = 5 * 60_000;
export const CHALLENGE_MAX_ATTEMPTS = 5;

export async function totpOf(db: Kysely<Database>, userId: string) {
  return db.selectFrom("user_totp").selectAll().where("user_id", "=", userId).executeTakeFirst();
}

export async function isEnrolled(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await totpOf(db, userId);
  return Boolean(row?.confirmed_at);
}

/** Starts (or restarts) enrollment: a fresh secret, not yet confirmed. */
export async function beginEnrollment(db: Kysely<Database>, userId: string, email: string) {
  const secret = generateSecret();
  await db
    .insertInto("user_totp")
    .values({ user_id: userId, secret, confirmed_at: null, last_time_step: null })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ secret, confirmed_at: null, last_time_step: null }))
    .execute();
  return { secret, otpauthUri: generateURI({ issuer: TOTP_ISSUER, label: email, secret }) };
}

/**
 * Checks a 6-digit code against the user's secret, one 30-second step of
 * clock drift either way (RFC 6238 §5.2), and refuses a code whose time step
 * was already used (replay).
 */
export async function checkTotp(
  db: Kysely<Database>,
  userId: string,
  code: string,
  now: Date,
  confirmed: boolean,
): Promise<boolean> {
  const row = await totpOf(db, userId);
  if (!row || Boolean(row.confirmed_at) !== confirmed) return false;
  if (!/^\d{6}$/.test(code)) return false;
  const result = await verify({
    secret: row.secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: 30,
  });
  if (!result.valid || !("timeStep" in result)) return false;
  if (row.last_time_step !== null && Number(row.last_time_step) >= result.timeStep) return false;
  const update = await db
    .updateTable("user_totp")
    .set({ last_time_step: result.timeStep, confirmed_at: row.confirmed_at ?? now })
    .where("user_id", "=", userId)
    .where((eb) => eb.or([eb("last_time_step", "is", null), eb("last_time_step", "<", result.timeStep)]))
    .executeTakeFirst();
  return Number(update.numUpdatedRows) === 1;
}

/**
 * Ten fresh recovery codes, shown once; the old ones stop working. Format xxxxx-xxxxx-xxxxx-xxxxx (base32, 100 bits).
 */
export async function replaceRecoveryCodes(db: Kysely<Database>, userId: string): Promise<string[]> {
  await db.deleteFrom("user_recovery_code").where("user_id", "=", userId).execute();
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from(crypto.randomBytes(20), (b) => alphabet[b % alphabet.length]).join("");
    return chars.match(/.{5}/g)!.join("-");
  });
  await db
    .insertInto("user_recovery_code")
    .values(codes.map((c) => ({ code_hash: hashToken(c), user_id: userId, used_at: null })))
    .execute();
  return codes;
}

export function normalizeRecoveryCode(code: string): string {
  const bare = code.toLowerCase().replace(/[^a-z0-9]/g, "");
  return bare.match(/.{1,5}/g)?.join("-") ?? "";
}

/** Uses a recovery code once; false if unknown or already used. */
export async function useRecoveryCode(db: Kysely<Database>, userId: string, code: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("user_recovery_code")
    .set({ used_at: now })
    .where("code_hash", "=", hashToken(normalizeRecoveryCode(code)))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recoveryCodesLeft(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .selectFrom("user_recovery_code")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function removeMfa(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom("user_recovery_code").where("user_id", "=", userId).execute();
  await db.deleteFrom("user_totp").where("user_id", "=", userId).execute();
}

// ---- challenges: the password was right, the second factor is pending ----

export async function createChallenge(
  db: Kysely<Database>,
  userId: string,
  purpose: "verify" | "enroll",
  now: Date,
): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await db
    .insertInto("mfa_challenge")
    .values({
      id_hash: hashToken(token),
      user_id: userId,
      purpose,
      expires_at: new Date(now.getTime() + CHALLENGE_LIFETIME_MS),
      used_at: null,
    })
    .execute();
  return token;
}

export async function liveChallenge(db: Kysely<Database>, token: string, now: Date) {
  return db
    .selectFrom("mfa_challenge")
    .selectAll()
    .where("id_hash", "=", hashToken(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .where("attempts", "<", CHALLENGE_MAX_ATTEMPTS)
    .executeTakeFirst();
}

export async function countChallengeAttempt(db: Kysely<Database>, idHash: string): Promise<void> {
  await db
    .updateTable("mfa_challenge")
    .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
    .where("id_hash", "=", idHash)
    .execute();
}

export async function finishChallenge(db: Kysely<Database>, idHash: string, now: Date): Promise<void> {
  await db.updateTable("mfa_challenge").set({ used_at: now }).where("id_hash", "=", idHash).execute();
}
