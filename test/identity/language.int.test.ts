import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DemoNetwork } from "../../server/demo/generate-network.js";
import { practiceJobs } from "../../server/modules/children/reminders.js";
import type { App } from "../../server/platform/http/types.js";
import { createScheduler } from "../../server/platform/jobs/scheduler.js";
import { setListeningUrl } from "../../server/platform/mail/mailer.js";
import { addCalendarDays } from "../../server/platform/rules/zoned-time.js";
import { familyHome, newChild, siteOf, todayAt } from "../children/practice-fixtures.js";
import { buildTestApp, type SignedIn, signIn } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedTestWorld } from "../support/test-world.js";
import { cookiesOf } from "./support.js";

// The account's language, invitations in the invitee's language, validation messages that name the field and its
// limit in the user's language, rule texts in Spanish, and email links to the configured public address.
let database: TestDatabase;
let app: App;
let world: DemoNetwork;
const CAREGIVER = "caregiver@demo.qpi.example";
const CW = "caseworker@demo.qpi.example";
const ADMIN = "admin@demo.qpi.example";
const previousPublicUrl = process.env.QPI_PUBLIC_URL;
const previousSmtpUrl = process.env.QPI_SMTP_URL;

beforeAll(async () => {
  delete process.env.QPI_SMTP_URL;
  database = await createTestDatabase();
  world = await seedTestWorld(database.db);
  app = await buildTestApp(database.db, database.kind);
}, 180_000);
afterEach(() => {
  if (previousPublicUrl === undefined) delete process.env.QPI_PUBLIC_URL;
  else process.env.QPI_PUBLIC_URL = previousPublicUrl;
  setListeningUrl(undefined);
});
afterAll(async () => {
  if (previousSmtpUrl !== undefined) process.env.QPI_SMTP_URL = previousSmtpUrl;
  await app?.close();
  await database?.close();
});

const setLanguage = (email: string, language: "en" | "es") =>
  database.db.updateTable("user_account").set({ preferred_language: language }).where("email", "=", email).execute();
const lastEmailTo = (to: string) =>
  database.db
    .selectFrom("outbound_email")
    .selectAll()
    .where("to_address", "=", to)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
const post = (who: SignedIn, url: string, payload: object, lang: "en" | "es" = "en") =>
  app.inject({ method: "POST", url, headers: who.headers({ "accept-language": lang }), payload });

describe("the account's language", () => {
  it("applies at sign-in, whatever language the browser used before", async () => {
    await setLanguage(CAREGIVER, "es");
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { cookie: "qpi_lang=en", "accept-language": "en-US" },
      payload: { email: CAREGIVER, password: "qpi-demo-2026" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, next: "done", language: "es" });
    expect(cookiesOf(response).qpi_lang).toBe("es");
    const cookie = `${Object.entries(cookiesOf(response))
      .map(([k, v]) => `${k}=${v}`)
      .join("; ")}`;
    const session = await app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } });
    expect(session.json().user.language).toBe("es");
    const missing = await app.inject({
      method: "GET",
      url: "/api/children/00000000-0000-4000-8000-000000000000",
      headers: { cookie, "accept-language": "en" },
    });
    expect(missing.json().error.message).toBe("No encontrado.");
    // And an English account gets English, even from a browser last set to Spanish.
    const english = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { cookie: "qpi_lang=es", "accept-language": "es" },
      payload: { email: CW, password: "qpi-demo-2026" },
    });
    expect(english.json().language).toBe("en");
    expect(cookiesOf(english).qpi_lang).toBe("en");
    await setLanguage(CAREGIVER, "en");
  });
});

describe("an invitation for a Spanish-speaking person", () => {
  it("is written in Spanish, and its link opens the accept page in Spanish", async () => {
    process.env.QPI_PUBLIC_URL = "https://qpi.example.org/";
    const admin = await signIn(app, ADMIN);
    const site = siteOf(world, "CA-FRESNO");
    const email = "lucia.ramirez@example.org";
    const invited = await post(admin, `/api/sites/${site.id}/invitations`, {
      email,
      role: "caregiver",
      givenName: "Lucía",
      familyName: "Ramírez",
      language: "es",
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const mail = await lastEmailTo(email);
    expect(mail.subject).toBe(`Tiene una invitación a QPI Platform (${site.name})`);
    expect(mail.body_text).toMatch(/^Hola:/);
    const link = mail.body_text.match(/https?:\/\/\S+/)![0];
    expect(link).toMatch(/^https:\/\/qpi\.example\.org\/accept-invitation#token=[^&\s]+&lang=es$/);
    const token = new URLSearchParams(link.split("#")[1]).get("token")!;
    const preview = await app.inject({ method: "POST", url: "/api/auth/invitations/preview", payload: { token } });
    expect(preview.json()).toMatchObject({ email, displayName: "Lucía Ramírez", language: "es" });
    // The page then speaks Spanish (its language cookie): a password too short is refused in Spanish, by its label.
    const short = await app.inject({
      method: "POST",
      url: "/api/auth/invitations/accept",
      headers: { cookie: "qpi_lang=es" },
      payload: { token, password: "corta" },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields).toEqual([
      { field: "password", message: "El campo «Contraseña» debe tener al menos 8 caracteres." },
    ]);
  });
});

describe("validation messages", () => {
  it("name the field by its label and state the limit, in English and in Spanish", async () => {
    const caseworker = await signIn(app, CW);
    const { childId } = await newChild(database.db, world, "CA-FRESNO", CW);
    const removalDate = addCalendarDays(todayAt(world, "CA-FRESNO"), -1);
    const episode = await post(caseworker, `/api/children/${childId}/episodes`, {
      removalDate,
      removalReason: "neglect",
      placement: {
        householdId: familyHome(world, "CA-FRESNO").id,
        setting: "nonrelative_family_home",
        startDate: removalDate,
        startTime: "18:30",
      },
    });
    expect(episode.statusCode, episode.body).toBe(201);
    const tasks = (
      await app.inject({ method: "GET", url: `/api/children/${childId}/tasks`, headers: caseworker.headers() })
    ).json().tasks as { id: string; practice: string; version: number }[];
    const comfort = tasks.find((t) => t.practice === "comfort_call")!;
    const tooLong = { version: comfort.version, details: { outcome: "held", notes: "x".repeat(4001) } };
    const en = await post(caseworker, `/api/tasks/${comfort.id}/complete`, tooLong, "en");
    expect(en.statusCode).toBe(400);
    expect(en.json().error.fields).toEqual([
      { field: "details.notes", message: "Notes can be at most 4,000 characters." },
    ]);
    await setLanguage(CW, "es");
    const spanish = await signIn(app, CW);
    const es = await post(spanish, `/api/tasks/${comfort.id}/complete`, tooLong, "es");
    expect(es.json().error.fields).toEqual([
      { field: "details.notes", message: "El campo «Notas» puede tener como máximo 4,000 caracteres." },
    ]);
    // A route's own schema: the placement's missing start date and an unknown setting, by their labels.
    const bad = await post(
      spanish,
      `/api/children/${childId}/placements`,
      { householdId: null, setting: "tent" },
      "es",
    );
    expect(bad.statusCode).toBe(400);
    const messages = bad.json().error.fields.map((f: { message: string }) => f.message);
    expect(messages).toContain("El campo «Fecha de inicio» es obligatorio.");
    expect(messages).toContain("Tipo de colocación: elija el tipo de colocación.");
    for (const message of messages) expect(message).not.toMatch(/\b[a-z]+[A-Z]\w*\b|validation\.|\{/);
    await setLanguage(CW, "en");
    // Nothing was saved by the refused completion.
    const task = await database.db
      .selectFrom("practice_task")
      .select("status")
      .where("id", "=", comfort.id)
      .executeTakeFirstOrThrow();
    expect(task.status).toBe("open");
  });

  it("on sign-in, before any session: the limit in the language asked for", async () => {
    for (const [lang, text] of [
      ["en", "Password can be at most 1,024 characters."],
      ["es", "El campo «Contraseña» puede tener como máximo 1,024 caracteres."],
    ]) {
      const response = await app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        headers: { "accept-language": lang },
        payload: { email: CW, password: "p".repeat(1025) },
      });
      expect(response.json().error.fields).toEqual([{ field: "password", message: text }]);
    }
  });
});

describe("rule texts", () => {
  it("carry Spanish beside English for every rule of the seeded rule sets", async () => {
    const rules = await database.db.selectFrom("practice_rule").select(["source_note", "source_note_es"]).execute();
    expect(rules.length).toBeGreaterThanOrEqual(20);
    for (const rule of rules) expect(rule.source_note_es, rule.source_note).toBeTruthy();
    const caseworker = await signIn(app, CW);
    const list = (await app.inject({ method: "GET", url: "/api/rules", headers: caseworker.headers() })).json();
    const comfort = list.rules.find((r: { practice: string }) => r.practice === "comfort_call");
    expect(comfort.sourceNoteEs).toBe(
      "Llamada de bienvenida entre el cuidador y el padre o la madre después de cada colocación o cambio; las 72 " +
        "horas son la configuración de este sitio.",
    );
  });

  it("keep a coordinator's Spanish text with the new version, and refuse one too short by its label", async () => {
    const coordinator = await signIn(app, "coordinator@demo.qpi.example");
    const effectiveFrom = addCalendarDays(todayAt(world, "CA-FRESNO"), 30);
    const base = {
      stateCode: "CA",
      practice: "medication_handover",
      trigger: "any_placement",
      dueAmount: 24,
      dueUnit: "hours",
      effectiveFrom,
      sourceUrl: "https://example.org/policy",
      sourceNote: "Medications to the caregiver within 24 hours (county policy).",
    };
    const created = await post(coordinator, "/api/rules", {
      ...base,
      sourceNoteEs: "Medicamentos al cuidador dentro de las 24 horas (política del condado).",
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      sourceNote: base.sourceNote,
      sourceNoteEs: "Medicamentos al cuidador dentro de las 24 horas (política del condado).",
    });
    const tooShort = await post(coordinator, "/api/rules", { ...base, sourceNoteEs: "x" });
    expect(tooShort.json().error.fields).toEqual([
      { field: "sourceNoteEs", message: "Source note in Spanish must be at least 3 characters." },
    ]);
  });
});

describe("links in emails", () => {
  let mailClock = Date.now() + 24 * 3_600_000;
  async function mailAReminder(to: { id: string; email: string }) {
    await database.db
      .updateTable("notification")
      .set({ email_sent_at: new Date() })
      .where("email_sent_at", "is", null)
      .execute();
    await database.db
      .insertInto("notification")
      .values({
        user_id: to.id,
        kind: `link_${Date.now()}`,
        task_id: null,
        subject_key: "reminder.subject",
        params: JSON.stringify({ practice: "comfort_call", child: "Link Test", due: "2026-07-01" }) as never,
        read_at: null,
        email_sent_at: null,
      })
      .execute();
    // Each run a new slot of the one-minute job, later than any before it.
    mailClock += 10 * 60_000;
    const later = new Date(mailClock);
    await createScheduler(database.db, {
      send_notification_email: practiceJobs().send_notification_email,
    }).tick(later);
    return (await lastEmailTo(to.email)).body_text;
  }

  it("point at QPI_PUBLIC_URL when it is set, else at the address the server listens at", async () => {
    const user = await database.db
      .selectFrom("user_account")
      .select(["id", "email"])
      .where("email", "=", CW)
      .executeTakeFirstOrThrow();
    process.env.QPI_PUBLIC_URL = "https://qpi.example.org";
    expect(await mailAReminder(user)).toContain("https://qpi.example.org/worklist");
    delete process.env.QPI_PUBLIC_URL;
    setListeningUrl("http://localhost:4321");
    const body = await mailAReminder(user);
    expect(body).toContain("http://localhost:4321/worklist");
    expect(body).not.toContain("localhost:3000");
  });
});
