import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { checkPasswordPolicy } from "../../platform/auth/password-policy.js";
import { hashPassword } from "../../platform/auth/passwords.js";
import { revokeAllSessionsOf } from "../../platform/auth/sessions.js";
import { AppError, invalid, notFound } from "../../platform/errors/app-error.js";
import { type Locale, translate } from "../../platform/i18n/locale.js";
import { publicBaseUrl, sendEmail } from "../../platform/mail/mailer.js";
import { isEnrolled } from "./mfa.js";
import type { InviteInput, PolicyInput } from "./schema.js";
import { policyOfSite, type SecurityPolicy } from "./security-policy.js";
import { accountKey, forgiveFailures } from "./throttle.js";
import { consumeToken, issueToken, liveToken, TOKEN_LIFETIME_MS } from "./tokens.js";

const FAMILY_ROLES = new Set(["caregiver", "birth_parent", "youth"]);

/** Staff invite families (user:invite); only a site admin invites staff (user:manage). */
function permissionToInvite(role: string) {
  return FAMILY_ROLES.has(role) ? "user:invite" : "user:manage";
}

function linkEmail(locale: Locale, kind: "invitation" | "reset", params: Record<string, string>) {
  return {
    subject: translate(locale, `email.${kind}.subject`, params),
    text: translate(locale, `email.${kind}.body`, params),
  };
}

export async function inviteUser(db: Kysely<Database>, actor: Actor, siteId: string, input: InviteInput, now: Date) {
  requireAccess(actor, permissionToInvite(input.role), { siteId });
  const email = input.email.trim();
  const result = await db.transaction().execute(async (trx) => {
    const role = await trx.selectFrom("role").select("code").where("code", "=", input.role).executeTakeFirst();
    if (!role) throw invalid([{ field: "role", messageKey: "validation.unknown_role", params: { role: input.role } }]);
    const taken = await trx
      .selectFrom("user_account")
      .select("id")
      .where((eb) => eb(eb.fn("lower", ["email"]), "=", accountKey(email)))
      .executeTakeFirst();
    if (taken) throw new AppError("conflict", "error.email_taken");
    let personId: string;
    if (input.personId) {
      // An existing person of this site: a household member, a child's birth parent, a youth.
      const person = await trx
        .selectFrom("person")
        .select(["id", "site_id"])
        .where("id", "=", input.personId)
        .executeTakeFirst();
      if (!person || person.site_id !== siteId) throw notFound();
      const hasAccount = await trx
        .selectFrom("user_account")
        .select("id")
        .where("person_id", "=", person.id)
        .executeTakeFirst();
      if (hasAccount) throw new AppError("conflict", "error.person_has_account");
      personId = person.id;
      await trx.updateTable("person").set({ email }).where("id", "=", person.id).execute();
    } else {
      const problems = [];
      if (!input.givenName?.trim()) problems.push({ field: "givenName", messageKey: "validation.required" });
      if (!input.familyName?.trim()) problems.push({ field: "familyName", messageKey: "validation.required" });
      if (problems.length) throw invalid(problems);
      const person = await trx
        .insertInto("person")
        .values({
          site_id: siteId,
          given_name: input.givenName!.trim(),
          family_name: input.familyName!.trim(),
          email,
          preferred_language: input.language,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      personId = person.id;
    }
    const user = await trx
      .insertInto("user_account")
      .values({
        person_id: personId,
        email,
        password_hash: null,
        status: "invited",
        preferred_language: input.language,
      })
      .returning(["id"])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("role_grant")
      .values({ user_id: user.id, role_code: input.role, site_id: siteId, unit_id: null })
      .execute();
    const token = await issueToken(trx, {
      userId: user.id,
      purpose: "invitation",
      siteId,
      createdBy: actor.userId,
      now,
    });
    const site = await trx.selectFrom("site").select("name").where("id", "=", siteId).executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: "user.invite",
      entityType: "user_account",
      entityId: user.id,
      siteId,
      outcome: "success",
    });
    return { userId: user.id, token, siteName: site.name };
  });
  const link = `${publicBaseUrl()}/accept-invitation#token=${result.token}`;
  await sendEmail(db, {
    to: email,
    ...linkEmail(input.language, "invitation", { site: result.siteName, link, inviter: actor.displayName }),
  });
  return {
    userId: result.userId,
    email,
    status: "invited" as const,
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS.invitation).toISOString(),
  };
}

/** A fresh invitation link for an account that has not accepted yet (the first expired or never arrived). */
export async function resendInvitation(db: Kysely<Database>, actor: Actor, siteId: string, userId: string, now: Date) {
  requireAccess(actor, "user:invite", { siteId });
  const result = await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("user_account")
      .innerJoin("role_grant", "role_grant.user_id", "user_account.id")
      .select([
        "user_account.id",
        "user_account.email",
        "user_account.status",
        "user_account.preferred_language",
        "role_grant.role_code",
      ])
      .where("user_account.id", "=", userId)
      .where("role_grant.site_id", "=", siteId)
      .executeTakeFirst();
    if (!user) throw notFound();
    requireAccess(actor, permissionToInvite(user.role_code), { siteId });
    if (user.status !== "invited") throw new AppError("conflict", "error.not_invited");
    const token = await issueToken(trx, { userId, purpose: "invitation", siteId, createdBy: actor.userId, now });
    const site = await trx.selectFrom("site").select("name").where("id", "=", siteId).executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: "user.invite_resend",
      entityType: "user_account",
      entityId: userId,
      siteId,
      outcome: "success",
    });
    return { token, email: user.email, language: user.preferred_language, siteName: site.name };
  });
  const link = `${publicBaseUrl()}/accept-invitation#token=${result.token}`;
  await sendEmail(db, {
    to: result.email,
    ...linkEmail(result.language, "invitation", { site: result.siteName, link, inviter: actor.displayName }),
  });
  return {
    userId,
    email: result.email,
    status: "invited" as const,
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS.invitation).toISOString(),
  };
}

const linkInvalid = () => new AppError("link_invalid", "error.link_invalid", {}, [], 400);

export async function previewInvitation(db: Kysely<Database>, token: string, now: Date) {
  const row = await liveToken(db, token, "invitation", now);
  if (!row) throw linkInvalid();
  const user = await db
    .selectFrom("user_account")
    .innerJoin("person", "person.id", "user_account.person_id")
    .select(["user_account.email", "person.given_name", "person.family_name"])
    .where("user_account.id", "=", row.user_id)
    .executeTakeFirstOrThrow();
  const site = row.site_id
    ? await db.selectFrom("site").select("name").where("id", "=", row.site_id).executeTakeFirst()
    : undefined;
  return { email: user.email, displayName: `${user.given_name} ${user.family_name}`, siteName: site?.name ?? "" };
}

/** The invitee sets a first password; the account becomes active. */
export async function acceptInvitation(
  db: Kysely<Database>,
  token: string,
  password: string,
  client: { ip: string | null; requestId: string | null },
  now: Date,
) {
  checkPasswordPolicy(password);
  const row = await liveToken(db, token, "invitation", now);
  if (!row) throw linkInvalid();
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    if (!(await consumeToken(trx, row.id_hash, now))) throw linkInvalid();
    const updated = await trx
      .updateTable("user_account")
      .set({ password_hash: passwordHash, status: "active" })
      .where("id", "=", row.user_id)
      .where("status", "=", "invited")
      .returning("email")
      .executeTakeFirst();
    if (!updated) throw linkInvalid();
    await recordAudit(
      trx,
      { userId: row.user_id, ip: client.ip, requestId: client.requestId },
      {
        action: "user.accept_invitation",
        entityType: "user_account",
        entityId: row.user_id,
        siteId: row.site_id,
        outcome: "success",
      },
    );
    return { email: updated.email };
  });
}

/** At most this many reset emails per account per hour: the form cannot be used to flood an inbox. */
export const RESETS_PER_HOUR = 3;

/**
 * A reset link by email. The answer is the same whether or not the address
 * has an account (OWASP Forgot Password Cheat Sheet), and the email is sent
 * after the reply so its time does not tell either.
 */
export async function requestPasswordReset(
  db: Kysely<Database>,
  email: string,
  client: { ip: string | null; requestId: string | null },
  now: Date,
) {
  const user = await db
    .selectFrom("user_account")
    .select(["id", "email", "status", "preferred_language"])
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", accountKey(email)))
    .executeTakeFirst();
  if (user?.status !== "active") return null;
  const recent = await db
    .selectFrom("account_token")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", user.id)
    .where("purpose", "=", "password_reset")
    .where("created_at", ">", new Date(now.getTime() - 3_600_000))
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= RESETS_PER_HOUR) return null;
  const token = await db.transaction().execute(async (trx) => {
    const t = await issueToken(trx, { userId: user.id, purpose: "password_reset", now });
    await recordAudit(
      trx,
      { userId: user.id, ip: client.ip, requestId: client.requestId },
      { action: "auth.password_reset_request", entityType: "user_account", entityId: user.id, outcome: "success" },
    );
    return t;
  });
  const link = `${publicBaseUrl()}/reset-password#token=${token}`;
  return () => sendEmail(db, { to: user.email, ...linkEmail(user.preferred_language, "reset", { link }) });
}

/** A new password from a reset link: every session of the account ends, the lockout is lifted. */
export async function completePasswordReset(
  db: Kysely<Database>,
  token: string,
  password: string,
  client: { ip: string | null; requestId: string | null },
  now: Date,
) {
  checkPasswordPolicy(password);
  const row = await liveToken(db, token, "password_reset", now);
  if (!row) throw linkInvalid();
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    if (!(await consumeToken(trx, row.id_hash, now))) throw linkInvalid();
    const updated = await trx
      .updateTable("user_account")
      .set({ password_hash: passwordHash })
      .where("id", "=", row.user_id)
      .where("status", "=", "active")
      .returning("email")
      .executeTakeFirst();
    if (!updated) throw linkInvalid();
    await revokeAllSessionsOf(trx, row.user_id);
    await forgiveFailures(trx, accountKey(updated.email));
    await recordAudit(
      trx,
      { userId: row.user_id, ip: client.ip, requestId: client.requestId },
      { action: "auth.password_reset", entityType: "user_account", entityId: row.user_id, outcome: "success" },
    );
    return { email: updated.email };
  });
}

// ---- site administration ----

export async function listSiteUsers(db: Kysely<Database>, actor: Actor, siteId: string) {
  requireAccess(actor, "user:manage", { siteId });
  const rows = await db
    .selectFrom("role_grant")
    .innerJoin("user_account", "user_account.id", "role_grant.user_id")
    .innerJoin("person", "person.id", "user_account.person_id")
    .leftJoin("user_totp", "user_totp.user_id", "user_account.id")
    .select([
      "user_account.id",
      "user_account.email",
      "user_account.status",
      "person.given_name",
      "person.family_name",
      "role_grant.role_code",
      "user_totp.confirmed_at",
    ])
    .where("role_grant.site_id", "=", siteId)
    .orderBy("person.family_name")
    .orderBy("person.given_name")
    .execute();
  const byId = new Map<
    string,
    { id: string; email: string; displayName: string; status: string; roles: string[]; mfaEnrolled: boolean }
  >();
  for (const r of rows) {
    const user = byId.get(r.id) ?? {
      id: r.id,
      email: r.email,
      displayName: `${r.given_name} ${r.family_name}`,
      status: r.status,
      roles: [],
      mfaEnrolled: Boolean(r.confirmed_at),
    };
    if (!user.roles.includes(r.role_code)) user.roles.push(r.role_code);
    byId.set(r.id, user);
  }
  await db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      action: "user.list",
      entityType: "site",
      entityId: siteId,
      siteId,
      outcome: "success",
    }),
  );
  return [...byId.values()];
}

/** Disables or re-enables an account of the site; disabling ends every session at once. */
export async function setUserEnabled(
  db: Kysely<Database>,
  actor: Actor,
  siteId: string,
  userId: string,
  enabled: boolean,
) {
  requireAccess(actor, "user:manage", { siteId });
  if (!enabled && userId === actor.userId) throw new AppError("conflict", "error.cannot_disable_self");
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("user_account")
      .innerJoin("role_grant", "role_grant.user_id", "user_account.id")
      .select(["user_account.id", "user_account.password_hash", "user_account.email"])
      .where("user_account.id", "=", userId)
      .where("role_grant.site_id", "=", siteId)
      .executeTakeFirst();
    if (!user) throw notFound();
    const status = enabled ? (user.password_hash ? "active" : "invited") : "disabled";
    await trx
      .updateTable("user_account")
      .set((eb) => ({ status, version: eb("version", "+", 1) }))
      .where("id", "=", userId)
      .execute();
    if (!enabled) await revokeAllSessionsOf(trx, userId);
    await recordAudit(trx, actor, {
      action: enabled ? "user.enable" : "user.disable",
      entityType: "user_account",
      entityId: userId,
      siteId,
      outcome: "success",
    });
    return { id: userId, status, mfaEnrolled: await isEnrolled(trx, userId) };
  });
}

// ---- security policy ----

function policyView(policy: SecurityPolicy) {
  return { ...policy, isDefault: policy.version === 0 };
}

export async function getSecurityPolicy(db: Kysely<Database>, actor: Actor, siteId: string) {
  requireAccess(actor, "security:manage", { siteId });
  return policyView(await policyOfSite(db, siteId));
}

export async function updateSecurityPolicy(
  db: Kysely<Database>,
  actor: Actor,
  siteId: string,
  input: PolicyInput,
  now: Date,
) {
  requireAccess(actor, "security:manage", { siteId });
  return db.transaction().execute(async (trx) => {
    const current = await policyOfSite(trx, siteId);
    if (current.version !== input.version) throw new AppError("conflict");
    const values = {
      staff_idle_minutes: input.staffIdleMinutes,
      family_idle_minutes: input.familyIdleMinutes,
      absolute_hours: input.absoluteHours,
      mfa_required_for_staff: input.mfaRequiredForStaff,
      updated_at: now,
    };
    await trx
      .insertInto("site_security_policy")
      .values({ site_id: siteId, ...values, version: current.version + 1 })
      .onConflict((oc) => oc.column("site_id").doUpdateSet({ ...values, version: current.version + 1 }))
      .execute();
    await recordAudit(trx, actor, {
      action: "security_policy.update",
      entityType: "site",
      entityId: siteId,
      siteId,
      outcome: "success",
    });
    return policyView(await policyOfSite(trx, siteId));
  });
}
