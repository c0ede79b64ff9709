import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { type Actor, actorDay } from "../../platform/access/actor.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { checkPasswordPolicy } from "../../platform/auth/password-policy.js";
import { hashPassword } from "../../platform/auth/passwords.js";
import { revokeAllSessionsOf } from "../../platform/auth/sessions.js";
import { AppError, invalid, notFound } from "../../platform/errors/app-error.js";
import { type Locale, translate } from "../../platform/i18n/locale.js";
import { publicBaseUrl, sendEmail } from "../../platform/mail/mailer.js";
import { networkDirectory } from "../network/index.js";
import { checkGrant } from "./grant-policy.js";
import { isEnrolled } from "./mfa.js";
import { identityRepository } from "./repository.js";
import type { InviteInput, PolicyInput } from "./schema.js";
import { policyOfSite, type SecurityPolicy } from "./security-policy.js";
import { accountKey, forgiveFailures } from "./throttle.js";
import { consumeToken, issueToken, liveToken, TOKEN_LIFETIME_MS } from "./tokens.js";

function linkEmail(locale: Locale, kind: "invitation" | "reset", params: Record<string, string>) {
  return {
    subject: translate(locale, `email.${kind}.subject`, params),
    text: translate(locale, `email.${kind}.body`, params),
  };
}

/**
 * The link an invitation email carries: the token and the invitee's language travel in the fragment (never sent to
 * the server in a URL), so the page opens in the language the invitation was written in.
 */
function invitationLink(token: string, language: Locale): string {
  return `${publicBaseUrl()}/accept-invitation#token=${token}&lang=${language}`;
}

/**
 * Invites a person to the platform with one role at the site. Who may grant
 * which role, and to whom, is decided in one place (grant-policy.ts); the
 * person's recorded email is never changed — the account has its own.
 */
export async function inviteUser(
  db: Kysely<Database>,
  actor: Actor,
  siteId: string,
  input: InviteInput,
  now: Date,
  /** A caller's own check (and audit) in the invitation's transaction, before anything is written. */
  guard?: (trx: Kysely<Database>) => Promise<void>,
) {
  requireAccess(actor, "user:invite", { siteId });
  const email = input.email.trim();
  const result = await db.transaction().execute(async (trx) => {
    await guard?.(trx);
    const repository = identityRepository(trx);
    const directory = networkDirectory(trx);
    const { person } = await checkGrant(trx, actor, { role: input.role, siteId, personId: input.personId ?? null });
    if (await repository.accountByEmailKey(accountKey(email))) throw new AppError("conflict", "error.email_taken");
    let personId: string;
    if (person) {
      // An existing person of this site: a household member, a child's birth parent, a youth.
      if (await repository.accountOfPerson(person.id)) throw new AppError("conflict", "error.person_has_account");
      personId = person.id;
    } else {
      const problems = [];
      if (!input.givenName?.trim()) problems.push({ field: "givenName", messageKey: "validation.required" });
      if (!input.familyName?.trim()) problems.push({ field: "familyName", messageKey: "validation.required" });
      if (problems.length) throw invalid(problems);
      personId = await directory.addPerson({
        siteId,
        givenName: input.givenName!.trim(),
        familyName: input.familyName!.trim(),
        email,
        language: input.language,
      });
    }
    const user = await repository.insertAccount({
      person_id: personId,
      email,
      password_hash: null,
      status: "invited",
      preferred_language: input.language,
    });
    await repository.insertRoleGrant({
      user_id: user.id,
      role_code: input.role,
      site_id: siteId,
      unit_id: null,
      starts_on: actorDay(actor, siteId),
    });
    const token = await issueToken(trx, {
      userId: user.id,
      purpose: "invitation",
      siteId,
      createdBy: actor.userId,
      now,
    });
    const site = await directory.siteById(siteId);
    await recordAudit(trx, actor, {
      action: "user.invite",
      entityType: "user_account",
      entityId: user.id,
      siteId,
      outcome: "success",
    });
    return { userId: user.id, token, siteName: site?.name ?? "" };
  });
  const link = invitationLink(result.token, input.language);
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
    const grants = await identityRepository(trx).accountGrantsAtSite(userId, siteId);
    const user = grants[0];
    if (!user) throw notFound();
    // Sending the link again grants the same roles again: the same check as the first invitation.
    for (const grant of grants)
      await checkGrant(trx, actor, { role: grant.role_code, siteId, personId: user.person_id });
    if (user.status !== "invited") throw new AppError("conflict", "error.not_invited");
    const token = await issueToken(trx, { userId, purpose: "invitation", siteId, createdBy: actor.userId, now });
    const site = await networkDirectory(trx).siteById(siteId);
    await recordAudit(trx, actor, {
      action: "user.invite_resend",
      entityType: "user_account",
      entityId: userId,
      siteId,
      outcome: "success",
    });
    return { token, email: user.email, language: user.preferred_language, siteName: site?.name ?? "" };
  });
  const link = invitationLink(result.token, result.language);
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
  const user = await identityRepository(db).account(row.user_id);
  if (!user) throw linkInvalid();
  const directory = networkDirectory(db);
  const name = (await directory.names([user.person_id])).get(user.person_id);
  const site = row.site_id ? await directory.siteById(row.site_id) : undefined;
  return {
    email: user.email,
    displayName: name ? `${name.givenName} ${name.familyName}` : "",
    siteName: site?.name ?? "",
    language: user.preferred_language,
  };
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
    const email = await identityRepository(trx).activateInvited(row.user_id, passwordHash);
    if (!email) throw linkInvalid();
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
    return { email };
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
  const repository = identityRepository(db);
  const user = await repository.accountByEmailKey(accountKey(email));
  if (user?.status !== "active") return null;
  const recent = await repository.tokensIssuedSince(user.id, "password_reset", new Date(now.getTime() - 3_600_000));
  if (recent >= RESETS_PER_HOUR) return null;
  const token = await db.transaction().execute(async (trx) => {
    const t = await issueToken(trx, { userId: user.id, purpose: "password_reset", now });
    await recordAudit(
      trx,
      { userId: user.id, ip: client.ip, requestId: client.requestId },
      { action: "auth.password_reset_request", entityType: "user_account", entityId: user.id, outcome: "success" },
    );
    return t;
  });
  const link = `${publicBaseUrl()}/reset-password#token=${token}&lang=${user.preferred_language}`;
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
    const email = await identityRepository(trx).setPasswordOfActive(row.user_id, passwordHash);
    if (!email) throw linkInvalid();
    await revokeAllSessionsOf(trx, row.user_id);
    await forgiveFailures(trx, accountKey(email));
    await recordAudit(
      trx,
      { userId: row.user_id, ip: client.ip, requestId: client.requestId },
      { action: "auth.password_reset", entityType: "user_account", entityId: row.user_id, outcome: "success" },
    );
    return { email };
  });
}

// ---- site administration ----

export async function listSiteUsers(db: Kysely<Database>, actor: Actor, siteId: string) {
  requireAccess(actor, "user:manage", { siteId });
  const grants = await identityRepository(db).siteGrants(siteId);
  const names = await networkDirectory(db).names(grants.map((g) => g.person_id));
  const collator = new Intl.Collator("en");
  const rows = grants
    .map((g) => ({ ...g, name: names.get(g.person_id) ?? { givenName: "", familyName: "" } }))
    .sort(
      (a, b) =>
        collator.compare(a.name.familyName, b.name.familyName) || collator.compare(a.name.givenName, b.name.givenName),
    );
  const byId = new Map<
    string,
    { id: string; email: string; displayName: string; status: string; roles: string[]; mfaEnrolled: boolean }
  >();
  for (const r of rows) {
    const user = byId.get(r.id) ?? {
      id: r.id,
      email: r.email,
      displayName: `${r.name.givenName} ${r.name.familyName}`,
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
    const repository = identityRepository(trx);
    const [user] = await repository.accountGrantsAtSite(userId, siteId);
    if (!user) throw notFound();
    const status = enabled ? (user.password_hash ? "active" : "invited") : "disabled";
    await repository.setStatus(userId, status, true);
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
    await identityRepository(trx).writeSecurityPolicy(siteId, values, current.version + 1);
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
