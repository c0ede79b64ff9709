import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/database.js";
import { isLocale, translate } from "../../platform/i18n/locale.js";
import type { JobDefinition } from "../../platform/jobs/scheduler.js";
import { sendEmail } from "../../platform/mail/mailer.js";
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

/**
 * At most this many emails per run (a minute): a backlog drains over the next
 * runs. The run holds its transaction while it talks to the SMTP server, and
 * the embedded engine has one connection, so a long run would stall sign-ins.
 */
export const EMAILS_PER_RUN = 100;

/**
 * Sends the email copy of notifications not yet mailed, in the user's language, claiming rows so no instance sends
 * twice.
 */
export async function sendNotificationEmail(trx: Transaction<Database>, baseUrl: string, now: Date) {
  const rows = await sql<{ id: string; user_id: string; subject_key: string; params: Record<string, string> }>`
    SELECT n.id, n.user_id, n.subject_key, n.params
    FROM notification n
    WHERE n.email_sent_at IS NULL
    ORDER BY n.created_at, n.id LIMIT ${EMAILS_PER_RUN}
    FOR UPDATE OF n SKIP LOCKED`.execute(trx);
  const mailboxes = await mailboxesOf(
    trx,
    rows.rows.map((r) => r.user_id),
  );
  for (const row of rows.rows) {
    const mailbox = mailboxes.get(row.user_id)!;
    const locale = isLocale(mailbox.language) ? mailbox.language : "en";
    const params = {
      ...row.params,
      practice: translate(locale, `practice.name.${row.params.practice}`),
      url: `${baseUrl}/worklist`,
    };
    await sendEmail(trx, {
      to: mailbox.email,
      subject: translate(locale, row.subject_key, params),
      text: translate(locale, "reminder.body", params),
    });
    await trx.updateTable("notification").set({ email_sent_at: now }).where("id", "=", row.id).execute();
  }
  return { emailed: rows.rows.length };
}

/** The practice jobs the scheduler runs (rows seeded in migration 0200), on the scheduler's clock. */
export function practiceJobs(
  baseUrl = process.env.QPI_PUBLIC_URL ?? "http://localhost:3000",
): Record<string, JobDefinition> {
  return {
    practice_reminders: { run: (trx, now) => queueReminders(trx, now) },
    send_notification_email: { run: (trx, now) => sendNotificationEmail(trx, baseUrl, now) },
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
