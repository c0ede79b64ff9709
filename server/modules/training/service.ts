import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { childrenInMyHomeForTraining } from "../caregiver/index.js";
import { siteDirectory } from "../network/index.js";
import { readLibraryCsv } from "./csv-import.js";
import { ageHintOf, wordsOf } from "./question.js";
import { trainingRepository } from "./repository.js";
import type { TrainingItem, TrainingItemSummary, TrainingProgress, TrainingRecommendations } from "./schema.js";

type Reason = TrainingRecommendations["items"][number]["reasons"][number];
type Need = NonNullable<Reason["need"]>;

/** A placement this recent is new: its first month is when the caregiver needs the welcome topics. */
const NEW_PLACEMENT_DAYS = 30;
/** The library's topics for an age, a new placement and a need named in the child's summary. */
const ageTopics = (age: number) => (age <= 2 ? ["infants"] : age >= 11 ? ["adolescents"] : ["behaviour"]);
const newPlacementTopics = (age: number) => [...(age <= 2 ? ["infants"] : []), "attachment", "transitions"];
const needTopics: Record<Need, string[]> = {
  medication: ["medication"],
  education: ["education"],
  behaviour: ["trauma", "behaviour"],
};
const RECOMMENDED = 6;

/** Whole years from a birth date to a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [y, m, d] = day.split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Days from one calendar day to another. */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

const num = (v: number | string) => Number(v);

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
      const rows = await repository.search({ ...input, text, siteIds, ageHint: ageHintOf(input.q), limit });
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

    /**
     * Recommended for you (the caregiver's home page): items for a child placed in the last month (an infant placed
     * today brings infant-care items first), for each child's age and the needs in the child's summary, then credited
     * items while hours are still owed this year. The children come through the caregiver module's service.
     */
    async recommended(actor: Actor): Promise<TrainingRecommendations> {
      const site = homeSite(actor);
      const held = requireAccess(actor, "training:read");
      const siteIds = [...new Set(held.map((p) => p.siteId))];
      const today = actor.siteDays[site];
      const year = Number(today.slice(0, 4));
      const children = actor.permissions.some((p) => p.permission === "caregiver_home:read")
        ? await childrenInMyHomeForTraining(db, actor)
        : [];
      const progress = await progressOf(db, actor, site, year);
      const owes = progress.owedHours === null || progress.owedHours > 0;
      const wanted: { topics: string[]; age?: number; reason: Reason }[] = [];
      const byRecency = [...children].sort((a, b) => b.placedSince.localeCompare(a.placedSince));
      for (const child of byRecency) {
        const age = child.birthDate ? ageOn(child.birthDate, today) : undefined;
        const who = { childName: child.firstName, age: age ?? null, need: null };
        if (age !== undefined && daysBetween(child.placedSince, today) <= NEW_PLACEMENT_DAYS)
          wanted.push({ topics: newPlacementTopics(age), age, reason: { kind: "new_placement", ...who } });
      }
      for (const child of byRecency) {
        const age = child.birthDate ? ageOn(child.birthDate, today) : undefined;
        const who = { childName: child.firstName, age: age ?? null };
        if (age !== undefined)
          wanted.push({ topics: ageTopics(age), age, reason: { kind: "child_age", ...who, need: null } });
        for (const need of child.needs)
          wanted.push({ topics: needTopics[need], age, reason: { kind: "child_need", ...who, need } });
      }
      if (progress.owedHours !== null && progress.owedHours > 0)
        wanted.push({ topics: [], reason: { kind: "hours_owed", childName: null, age: null, need: null } });

      const picked = new Map<string, TrainingRecommendations["items"][number]>();
      for (const want of wanted) {
        if (picked.size >= RECOMMENDED && want.reason.kind !== "new_placement") break;
        // Topic by topic, in the order of need (infant care before attachment for an infant placed today).
        const rows = [];
        for (const topics of want.topics.length > 0 ? want.topics.map((t) => [t]) : [[]])
          rows.push(
            ...(await repository.recommendable({
              topics,
              age: want.age,
              siteIds,
              personId: actor.personId,
              year,
              creditOnly: owes,
              limit: 3,
            })),
          );
        for (const row of rows) {
          const known = picked.get(row.code);
          if (known) known.reasons.push(want.reason);
          else if (picked.size < RECOMMENDED || want.reason.kind === "new_placement")
            picked.set(row.code, { ...summaryOf(row, actor.locale), reasons: [want.reason] });
        }
      }
      return { owedHours: progress.owedHours, items: [...picked.values()].slice(0, RECOMMENDED) };
    },

    /** A site's own items from CSV, checked row by row; a bad row names the row and the column (400). */
    async importPreview(actor: Actor, input: { siteId: string; csv: string }) {
      requireAccess(actor, "training:import", { siteId: input.siteId });
      const items = await checkedCsv(repository, input.csv);
      const es = actor.locale === "es";
      return {
        items: items.map((i) => ({
          row: i.row,
          code: i.code,
          format: i.format,
          topic: i.topic,
          ageMin: i.ageMin,
          ageMax: i.ageMax,
          creditHours: i.creditHours,
          title: es ? i.titleEs : i.titleEn,
        })),
      };
    },

    /** Imports the CSV's items into the site's own library: all rows or none, audited in the same transaction. */
    async importItems(actor: Actor, input: { siteId: string; csv: string }) {
      requireAccess(actor, "training:import", { siteId: input.siteId });
      return db.transaction().execute(async (trx) => {
        const repo = trainingRepository(trx);
        const items = await checkedCsv(repo, input.csv);
        await repo.insertItems(
          items.map((i) => ({
            code: i.code,
            site_id: input.siteId,
            format: i.format,
            topic_code: i.topic,
            age_min: i.ageMin,
            age_max: i.ageMax,
            credit_hours: i.creditHours,
            title_en: i.titleEn,
            title_es: i.titleEs,
            summary_en: i.summaryEn,
            summary_es: i.summaryEs,
            body_en: i.bodyEn,
            body_es: i.bodyEs,
          })),
        );
        await recordAudit(trx, actor, {
          action: "training.import",
          entityType: "training_item",
          entityIds: [],
          siteId: input.siteId,
          outcome: "success",
        });
        return { imported: items.length };
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

/** The CSV's items when every row is good; otherwise a 400 listing each bad row and column. */
async function checkedCsv(repository: ReturnType<typeof trainingRepository>, csv: string) {
  const topics = new Set(await repository.topicCodes());
  const codes = [...csv.matchAll(/^"?([A-Za-z0-9][A-Za-z0-9_-]*)"?,/gm)].map((m) => m[1]).slice(0, 5_000);
  const taken = new Set(await repository.takenCodes(codes));
  const { items, problems } = readLibraryCsv(csv, topics, taken);
  if (problems.length > 0) throw new AppError("validation", "training.csv.rejected", {}, problems.slice(0, 50));
  return items;
}
