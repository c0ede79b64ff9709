import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimNotificationEmails, EMAIL_LEASE_MINUTES, practiceJobs } from "../../server/modules/children/reminders.js";
import { createScheduler } from "../../server/platform/jobs/scheduler.js";
import { startSmtpServer } from "../support/smtp-test-server.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";

const SEND_DELAY_MS = 300;

let database: TestDatabase;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let users: { id: string; email: string }[];
let clock = Date.now() + 3_600_000;
/** Each tick is a new slot of the one-minute job, and later than any lease taken before it expired. */
const nextSlot = () => new Date((clock += (EMAIL_LEASE_MINUTES + 1) * 60_000));
const previousSmtpUrl = process.env.QPI_SMTP_URL;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTestWorld(database.db);
  users = await database.db
    .selectFrom("user_account")
    .select(["id", "email"])
    .where("status", "=", "active")
    .orderBy("email")
    .limit(12)
    .execute();
  smtp = await startSmtpServer({ delayMs: SEND_DELAY_MS });
  process.env.QPI_SMTP_URL = smtp.url;
}, 120_000);
afterAll(async () => {
  if (previousSmtpUrl === undefined) delete process.env.QPI_SMTP_URL;
  else process.env.QPI_SMTP_URL = previousSmtpUrl;
  await smtp?.close();
  await database?.close();
});
beforeEach(async () => {
  await database.db
    .updateTable("notification")
    .set({ email_sent_at: new Date() })
    .where("email_sent_at", "is", null)
    .execute();
  smtp.received.length = 0;
});

/** Queues `count` notifications, one per user, each with a marker that shows in its email. */
async function queue(count: number, tag: string) {
  const rows = users.slice(0, count).map((u, i) => ({
    user_id: u.id,
    kind: `outbox_${tag}_${i}`,
    task_id: null,
    subject_key: "reminder.subject",
    params: JSON.stringify({ practice: "comfort_call", child: `OBX${tag}${i}Z`, due: "2026-07-01" }) as never,
    read_at: null,
    email_sent_at: null,
  }));
  await database.db.insertInto("notification").values(rows).execute();
  return rows.map((r, i) => ({ marker: `OBX${tag}${i}Z`, email: users[i].email, kind: r.kind }));
}
const mailJob = (perRun = 100) => ({
  send_notification_email: practiceJobs("http://qpi.test", perRun).send_notification_email,
});
const unsent = async () =>
  (await database.db.selectFrom("notification").select("kind").where("email_sent_at", "is", null).execute()).map(
    (r) => r.kind,
  );
/** Each test queues one notification per user, so the messages to a user's address are the copies of it. */
const copies = (email: string) => smtp.received.filter((m) => m.to.includes(email)).length;

describe("notification email outbox", () => {
  it("holds no transaction while the SMTP server answers: other work completes at once", async () => {
    const mails = await queue(6, "a");
    const scheduler = createScheduler(database.db, mailJob(), "runner-a");
    const sending = smtp.nextData();
    const started = Date.now();
    const run = scheduler.tick(nextSlot());
    await sending;
    // In the send phase: a read-write transaction on the same database (on PGlite its one connection).
    const t0 = Date.now();
    await database.db.transaction().execute(async (trx) => {
      await trx.selectFrom("notification").select("id").where("email_sent_at", "is", null).execute();
      await trx.updateTable("user_account").set({ preferred_language: "en" }).where("id", "=", users[11].id).execute();
    });
    const otherWorkMs = Date.now() - t0;
    expect(await run).toEqual(["send_notification_email"]);
    const jobMs = Date.now() - started;
    expect(jobMs).toBeGreaterThanOrEqual(mails.length * SEND_DELAY_MS);
    expect(otherWorkMs).toBeLessThan(SEND_DELAY_MS);
    for (const m of mails) expect(copies(m.email), m.marker).toBe(1);
    expect(await unsent()).toEqual([]);
  });

  it("an SMTP failure leaves that notification unsent and unclaimed; the next run sends it", async () => {
    const mails = await queue(4, "b");
    smtp.failOnce.add(mails[2].email);
    const scheduler = createScheduler(database.db, mailJob(), "runner-b");
    expect(await scheduler.tick(nextSlot())).toEqual(["send_notification_email"]);
    expect(await unsent()).toEqual([mails[2].kind]);
    const failed = await database.db
      .selectFrom("notification")
      .select(["email_claimed_at", "email_claim_token"])
      .where("kind", "=", mails[2].kind)
      .executeTakeFirstOrThrow();
    expect(failed).toEqual({ email_claimed_at: null, email_claim_token: null });
    expect(copies(mails[2].email)).toBe(0);
    expect(await scheduler.tick(nextSlot())).toEqual(["send_notification_email"]);
    expect(await unsent()).toEqual([]);
    for (const m of mails) expect(copies(m.email), m.marker).toBe(1);
  });

  it("a claim whose sender crashed is claimed again once its lease expired, not before", async () => {
    const [mail] = await queue(1, "c");
    const at = nextSlot();
    const crashed = await database.db
      .transaction()
      .execute((trx) => claimNotificationEmails(trx, "http://qpi.test", at, "crashed-claim"));
    expect(crashed.map((c) => c.message.to)).toEqual([mail.email]);
    const scheduler = createScheduler(database.db, mailJob(), "runner-c");
    // Within the lease: nothing to claim.
    const withinLease = await database.db
      .transaction()
      .execute((trx) => claimNotificationEmails(trx, "http://qpi.test", new Date(at.getTime() + 60_000), "too-early"));
    expect(withinLease).toEqual([]);
    expect(await scheduler.tick(nextSlot())).toEqual(["send_notification_email"]);
    expect(copies(mail.email)).toBe(1);
    expect(await unsent()).toEqual([]);
  });

  it("two schedulers running the job concurrently send no email twice", async () => {
    const mails = await queue(10, "d");
    const a = createScheduler(database.db, mailJob(3), "runner-d1");
    const b = createScheduler(database.db, mailJob(3), "runner-d2");
    for (let round = 0; round < 8 && (await unsent()).length > 0; round++) {
      const slot = nextSlot();
      const later = new Date(slot.getTime() + 60_000);
      // The same slot at once (one of them runs it), and the next slot while the first is still sending.
      const first = Promise.all([a.tick(slot), b.tick(slot)]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = Promise.all([b.tick(later), a.tick(later)]);
      const ran = [...(await first), ...(await second)].flat();
      expect(ran.length).toBeGreaterThanOrEqual(1);
    }
    expect(await unsent()).toEqual([]);
    for (const m of mails) expect(copies(m.email), m.marker).toBe(1);
    expect(smtp.received).toHaveLength(mails.length);
  }, 30_000);
});
