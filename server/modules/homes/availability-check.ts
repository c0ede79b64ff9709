import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/database.js";
import type { JobDefinition } from "../../platform/jobs/scheduler.js";
import { publicBaseUrl, sendEmail } from "../../platform/mail/mailer.js";
import { addCalendarDays, zonedDay } from "../../platform/rules/zoned-time.js";
import { stageSql } from "./repository.js";

/** Confirmation is asked when the last one is older than this, and not again within it (a site practice). */
export const CONFIRM_EVERY_DAYS = 30;

interface Ask {
  to: string;
  spanish: boolean;
  name: string;
}

/**
 * Marks the approved homes whose availability is stale and not asked about lately, in the job's transaction, and
 * returns the emails to send after it commits (a failed send is asked again in 30 days, not lost silently: logged).
 */
export async function markStaleHomes(trx: Transaction<Database>, now: Date): Promise<Ask[]> {
  const rows = await trx
    .selectFrom("household as h")
    .innerJoin("site as s", "s.id", "h.site_id")
    .select([
      "h.id",
      "h.name",
      "h.email",
      "h.languages",
      "h.availability_confirmed_on",
      "h.availability_asked_on",
      "s.time_zone",
    ])
    .where("h.kind", "!=", "facility")
    .where(stageSql, "=", "approved")
    .where("h.email", "is not", null)
    .forUpdate()
    .skipLocked()
    .execute();
  const asks: Ask[] = [];
  for (const row of rows) {
    const today = zonedDay(now, row.time_zone);
    const limit = addCalendarDays(today, -CONFIRM_EVERY_DAYS);
    const stale = row.availability_confirmed_on === null || row.availability_confirmed_on < limit;
    const askedLately = row.availability_asked_on !== null && row.availability_asked_on >= limit;
    if (!stale || askedLately) continue;
    await trx.updateTable("household").set({ availability_asked_on: today }).where("id", "=", row.id).execute();
    asks.push({ to: row.email as string, spanish: row.languages.includes("es"), name: row.name });
  }
  return asks;
}

function message(ask: Ask, base: string) {
  return ask.spanish
    ? {
        to: ask.to,
        subject: "¿Sigue disponible para recibir niños?",
        text: `Hola, ${ask.name}:\n\nPor favor confirme si su hogar está disponible, en pausa o completo, para que solo le llamemos cuando pueda recibir a un niño:\n${base}/my-home\n\nGracias.`,
      }
    : {
        to: ask.to,
        subject: "Are you still available for placements?",
        text: `Hello, ${ask.name}:\n\nPlease confirm whether your home is available, on hold or full, so we only call when you can take a child:\n${base}/my-home\n\nThank you.`,
      };
}

export function homesJobs(baseUrl?: string): Record<string, JobDefinition> {
  let pending: Ask[] = [];
  return {
    household_availability_check: {
      run: async (trx, now) => {
        pending = await markStaleHomes(trx, now);
        return { asked: pending.length };
      },
      afterCommit: async (db: Kysely<Database>) => {
        const asks = pending;
        pending = [];
        for (const ask of asks)
          await sendEmail(db, message(ask, baseUrl ?? publicBaseUrl())).catch((error) =>
            console.error(`availability check email to a home failed: ${(error as Error).message}`),
          );
      },
    },
  };
}
