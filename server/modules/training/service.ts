import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { siteDirectory } from "../network/index.js";
import { trainingRepository } from "./repository.js";
import type { TrainingItem, TrainingItemSummary, TrainingProgress } from "./schema.js";

const num = (v: number | string) => Number(v);

/** Words of a question, lower case, for the synonym list (RPPS, CFT, IEP, TPR …). */
function wordsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .toLowerCase()
        .split(/[^\p{L}\p{N}+]+/u)
        .filter((w) => w.length >= 2),
    ),
  ].slice(0, 30);
}

type Row = Awaited<ReturnType<ReturnType<typeof trainingRepository>["search"]>>[number];

function summaryOf(row: Omit<Row, "rank" | "id">, locale: "en" | "es"): TrainingItemSummary {
  const es = locale === "es";
  return {
    code: row.code,
    format: row.format,
    topic: { code: row.topic_code, name: es ? row.topic_es : row.topic_en },
    ageMin: row.age_min,
    ageMax: row.age_max,
    creditHours: num(row.credit_hours),
    title: es ? row.title_es : row.title_en,
    summary: es ? row.summary_es : row.summary_en,
  };
}

export function trainingService(db: Kysely<Database>) {
  const repository = trainingRepository(db);

  /** The site the caregiver's training counts at: the first site where they may record their own. */
  function homeSite(actor: Actor): string {
    return requireAccess(actor, "training:complete")[0].siteId;
  }

  return {
    /** Search the library in the caller's words; the log keeps the query text and the count only. */
    async search(
      actor: Actor,
      input: { q: string; topic?: string; age?: number; format?: TrainingItemSummary["format"] },
      limit = 20,
    ): Promise<{ results: TrainingItemSummary[] }> {
      const held = requireAccess(actor, "training:read");
      const siteIds = [...new Set(held.map((p) => p.siteId))];
      const synonyms = await repository.synonyms(wordsOf(input.q));
      const text = [input.q, ...synonyms.map((s) => s.expansion)].join(" ");
      const rows = await repository.search({ ...input, text, siteIds, limit });
      await repository.logSearch(siteIds[0], input.q, rows.length);
      return { results: rows.map((r) => summaryOf(r, actor.locale)) };
    },

    async item(actor: Actor, code: string): Promise<TrainingItem> {
      const held = requireAccess(actor, "training:read");
      const row = await repository.itemByCode(code, [...new Set(held.map((p) => p.siteId))]);
      if (!row) throw notFound();
      const canComplete = actor.permissions.some((p) => p.permission === "training:complete");
      let completedOn: string | null = null;
      if (canComplete) {
        const site = homeSite(actor);
        const year = Number(actor.siteDays[site].slice(0, 4));
        completedOn = (await repository.completionOf(actor.personId, row.id, year))?.completed_on ?? null;
      }
      const es = actor.locale === "es";
      return {
        ...summaryOf(row, actor.locale),
        paragraphs: (es ? row.body_es : row.body_en).split("\n"),
        completedOn,
      };
    },

    /**
     * The caregiver attests they read, watched or listened to the item: its hours count this year. Once per item a
     * year. Webinars and courses are refused: their hours come from attendance marked by staff.
     */
    async attest(actor: Actor, code: string): Promise<TrainingProgress> {
      const site = homeSite(actor);
      const held = requireAccess(actor, "training:read");
      const day = actor.siteDays[site];
      const year = Number(day.slice(0, 4));
      return db.transaction().execute(async (trx) => {
        const repo = trainingRepository(trx);
        const item = await repo.itemByCode(code, [...new Set(held.map((p) => p.siteId))]);
        if (!item) throw notFound();
        if (num(item.credit_hours) <= 0)
          throw new AppError("validation", "training.no_credit", {}, [
            { field: "itemCode", messageKey: "training.no_credit" },
          ]);
        // A webinar or a classroom course counts on attendance marked by staff, never on the caregiver's word.
        if (item.format === "webinar" || item.format === "course")
          throw new AppError("validation", "training.attendance_only", {}, [
            { field: "itemCode", messageKey: "training.attendance_only" },
          ]);
        if (await repo.completionOf(actor.personId, item.id, year))
          throw new AppError("conflict", "training.already_completed", { year });
        const { id } = await repo.insertCompletion({
          person_id: actor.personId,
          site_id: site,
          item_id: item.id,
          method: "attested",
          hours: num(item.credit_hours),
          completed_on: day,
          completed_year: year,
        });
        await recordAudit(trx, actor, {
          action: "training.complete",
          entityType: "training_completion",
          entityId: id,
          siteId: site,
          outcome: "success",
        });
        return progressOf(trx, actor, site, year);
      });
    },

    async progress(actor: Actor, year?: number): Promise<TrainingProgress> {
      const site = homeSite(actor);
      const thisYear = Number(actor.siteDays[site].slice(0, 4));
      if (year !== undefined && (year < 2000 || year > thisYear))
        throw new AppError("validation", "error.validation", {}, [{ field: "year", messageKey: "training.bad_year" }]);
      return db.transaction().execute(async (trx) => {
        const progress = await progressOf(trx, actor, site, year ?? thisYear);
        await recordAudit(trx, actor, {
          action: "training.progress.read",
          entityType: "person",
          entityId: actor.personId,
          siteId: site,
          outcome: "success",
        });
        return progress;
      });
    },
  };
}

async function progressOf(db: Kysely<Database>, actor: Actor, site: string, year: number): Promise<TrainingProgress> {
  const repository = trainingRepository(db);
  const [facts] = await siteDirectory(db).byIds([site]);
  const today = actor.siteDays[site];
  const day = year === Number(today.slice(0, 4)) ? today : `${year}-12-31`;
  const rule = await repository.annualRule(facts.state_code, day);
  const completions = await repository.completionsOf(actor.personId, year);
  const earned = completions.reduce((sum, c) => sum + num(c.hours), 0);
  const es = actor.locale === "es";
  const required = rule?.hours == null ? null : num(rule.hours);
  return {
    year,
    stateCode: facts.state_code,
    requirement: {
      hours: required,
      note: rule ? (es ? rule.note_es : rule.note) : es ? "No establecido" : "Not established",
      sourceUrl: rule?.source_url ?? null,
      effectiveFrom: rule?.effective_from ?? day,
    },
    earnedHours: earned,
    owedHours: required === null ? null : Math.max(0, required - earned),
    completions: completions.map((c) => ({
      itemCode: c.code,
      title: es ? c.title_es : c.title_en,
      hours: num(c.hours),
      completedOn: c.completed_on,
      method: c.method,
    })),
  };
}
