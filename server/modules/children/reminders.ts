import crypto from "node:crypto";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/database.js";
import { isLocale, translate } from "../../platform/i18n/locale.js";
import { type JobDefinition, withFollowUp } from "../../platform/jobs/scheduler.js";
import { type OutgoingEmail, publicBaseUrl, sendEmail } from "../../platform/mail/mailer.js";
import { mailboxesOf } from "../identity/index.js";
import "./tables.js";

/** How far ahead a reminder goes out: two days before a deadline (and at once for anything already late). */
export const REMINDER_LEAD_HOURS = 48;

/**
 * Reminds each open task's current caseworker once, in-app (a notification
 * row); the email copy is sent by the mail job. reminded_at makes the
 * reminder happen once even if two instances ran the job (they cannot: the
 * scheduler's row lock; this is the second fence).
 */
export async function queueReminders(trx: Transaction<Database>, now: Date) {
  const due = await sql<{ id: string; practice: string; due: string; child_name: string; user_id: string }>`
    SELECT t.id, t.practice, coalesce(to_char(t.due_on, 'YYYY-MM-DD'), \
to_char(t.due_at AT TIME ZONE s.time_zone, 'YYYY-MM-DD HH24:MI')) AS due,
           cp.given_name || ' ' || cp.family_name AS child_name, ua.id AS user_id
    FROM practice_task t
    JOIN site s ON s.id = t.site_id
    JOIN child c ON c.id = t.child_id
    JOIN person cp ON cp.id = c.person_id
    JOIN child_team_member ctm ON ctm.child_id = t.child_id AND ctm.role = 'caseworker' AND ctm.ends_on IS NULL
    JOIN user_account ua ON ua.person_id = ctm.person_id AND ua.status = 'active'
    WHERE t.status = 'open' AND t.reminded_at IS NULL
      AND (t.due_at <= ${now}::timestamptz + make_interval(hours => ${REMINDER_LEAD_HOURS})
           OR t.due_on <= ((${now}::timestamptz AT TIME ZONE \
s.time_zone)::date + ${Math.ceil(REMINDER_LEAD_HOURS / 24)}::int))
    ORDER BY t.id
    LIMIT 1000
    FOR UPDATE OF t SKIP LOCKED`.execute(trx);
  for (const row of due.rows) {
    await trx
      .insertInto("notification")
      .values({
        user_id: row.user_id,
        kind: "task_due",
        task_id: row.id,
        subject_key: "reminder.subject",
        params: JSON.stringify({ practice: row.practice, child: row.child_name, due: row.due }),
        read_at: null,
        email_sent_at: null,
      })
      .onConflict((oc) => oc.columns(["user_id", "kind", "task_id"]).doNothing())
      .execute();
  }
  const ids = [...new Set(due.rows.map((r) => r.id))];
  if (ids.length) await trx.updateTable("practice_task").set({ reminded_at: now }).where("id", "in", ids).execute();
  return { reminded: ids.length, notifications: due.rows.length };
}

/** At most this many emails per run (a minute): a backlog drains over the next runs. */
export const EMAILS_PER_RUN = 100;

/** A claim older than this is taken to be a crashed sender's: the next run claims the row again. */
export const EMAIL_LEASE_MINUTES = 5;

export interface ClaimedEmail {
  notificationId: string;
  message: OutgoingEmail;
}

/**
 * The outbox's claim, inside the job's (short) transaction: leases up to `limit` notifications not yet mailed (and
 * not leased by a live claim) to `token`, and renders their email in the user's language. No SMTP here.
 */
export async function claimNotificationEmails(
  trx: Transaction<Database>,
  baseUrl: string,
  now: Date,
  token: string,
  limit = EMAILS_PER_RUN,
): Promise<ClaimedEmail[]> {
  const rows = await sql<{
    id: string;
    user_id: string;
    subject_key: string;
    params: Record<string, string>;
    created_at: Date;
  }>`
    UPDATE notification SET email_claimed_at = ${now}, email_claim_token = ${token}
    WHERE id IN (
      SELECT n.id FROM notification n
      WHERE n.email_sent_at IS NULL
        AND (n.email_claimed_at IS NULL
             OR n.email_claimed_at < ${now}::timestamptz - make_interval(mins => ${EMAIL_LEASE_MINUTES}))
      ORDER BY n.created_at, n.id LIMIT ${limit}
      FOR UPDATE OF n SKIP LOCKED)
    RETURNING id, user_id, subject_key, params, created_at`.execute(trx);
  rows.rows.sort((a, b) => +new Date(a.created_at) - +new Date(b.created_at) || a.id.localeCompare(b.id));
  const mailboxes = await mailboxesOf(
    trx,
    rows.rows.map((r) => r.user_id),
  );
  return rows.rows.map((row) => {
    const mailbox = mailboxes.get(row.user_id)!;
    const locale = isLocale(mailbox.language) ? mailbox.language : "en";
    const params = {
      ...row.params,
      practice: translate(locale, `practice.name.${row.params.practice}`),
      url: `${baseUrl}/worklist`,
    };
    return {
      notificationId: row.id,
      message: {
        to: mailbox.email,
        subject: translate(locale, row.subject_key, params),
        text: translate(locale, "reminder.body", params),
      },
    };
  });
}

/**
 * Sends claimed emails outside any transaction. Each sent one is marked in its own statement, only while this
 * claim still holds it; a failed one is released (the next run retries it) and logged without the address.
 */
export async function deliverClaimedEmails(db: Kysely<Database>, token: string, claimed: ClaimedEmail[], now: Date) {
  let sent = 0;
  let failed = 0;
  for (const { notificationId, message } of claimed) {
    try {
      await sendEmail(db, message);
    } catch (err) {
      failed++;
      const e = err as { code?: string; responseCode?: number; message?: string };
      const reason = String(e.message ?? err)
        .split(message.to)
        .join("<recipient>");
      console.error(
        `[mail] notification ${notificationId} not sent (${e.code ?? "error"} ${e.responseCode ?? ""}): ${reason}`,
      );
      await db
        .updateTable("notification")
        .set({ email_claimed_at: null, email_claim_token: null })
        .where("id", "=", notificationId)
        .where("email_claim_token", "=", token)
        .where("email_sent_at", "is", null)
        .execute();
      continue;
    }
    await db
      .updateTable("notification")
      .set({ email_sent_at: now })
      .where("id", "=", notificationId)
      .where("email_claim_token", "=", token)
      .where("email_sent_at", "is", null)
      .execute();
    sent++;
  }
  return { sent, failed };
}

/**
 * The mail job: claims notifications not yet mailed in the job's transaction, and sends them after it committed,
 * so no transaction (nor, on the embedded engine, its one connection) is held while the SMTP server answers.
 */
export async function sendNotificationEmail(
  trx: Transaction<Database>,
  baseUrl: string,
  now: Date,
  limit = EMAILS_PER_RUN,
) {
  const token = crypto.randomUUID();
  const claimed = await claimNotificationEmails(trx, baseUrl, now, token, limit);
  return withFollowUp({ claimed: claimed.length }, async (db) => {
    await deliverClaimedEmails(db, token, claimed, now);
  });
}

/** The practice jobs the scheduler runs (rows seeded in migration 0200), on the scheduler's clock. */
export function practiceJobs(baseUrl?: string, emailsPerRun = EMAILS_PER_RUN): Record<string, JobDefinition> {
  return {
    practice_reminders: { run: (trx, now) => queueReminders(trx, now) },
    // Links point at the public address as it is when the mail is sent (QPI_PUBLIC_URL, else where the server listens).
    send_notification_email: {
      run: (trx, now) => sendNotificationEmail(trx, baseUrl ?? publicBaseUrl(), now, emailsPerRun),
    },
  };
}

export async function notificationsOf(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("notification")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .limit(50)
    .execute();
}
