import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { hashToken } from "../../platform/auth/sessions.js";
import { identityRepository, type TokenPurpose } from "./repository.js";

export type { TokenPurpose } from "./repository.js";

/** How long a link works: an invitation a week, a reset an hour (OWASP Forgot Password Cheat Sheet). */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  invitation: 7 * 24 * 3_600_000,
  password_reset: 3_600_000,
};

/** Issues a single-use token; only its hash is stored. Earlier live tokens of the same purpose stop working. */
export async function issueToken(
  db: Kysely<Database>,
  input: { userId: string; purpose: TokenPurpose; siteId?: string | null; createdBy?: string | null; now: Date },
): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  const repository = identityRepository(db);
  await repository.expireLiveTokens(input.userId, input.purpose, input.now);
  await repository.insertToken({
    id_hash: hashToken(token),
    user_id: input.userId,
    purpose: input.purpose,
    site_id: input.siteId ?? null,
    created_by: input.createdBy ?? null,
    expires_at: new Date(input.now.getTime() + TOKEN_LIFETIME_MS[input.purpose]),
    created_at: input.now,
  });
  return token;
}

/** The live token's row, or undefined when it is unknown, used or expired. */
export async function liveToken(db: Kysely<Database>, token: string, purpose: TokenPurpose, now: Date) {
  return identityRepository(db).liveToken(hashToken(token), purpose, now);
}

/** Marks a token used; false when someone else used it first (two tabs, a replay). */
export async function consumeToken(db: Kysely<Database>, idHash: string, now: Date): Promise<boolean> {
  return identityRepository(db).consumeToken(idHash, now);
}
