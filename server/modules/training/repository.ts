import { type Insertable, type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { Database } from "../../db/database.js";
import type { TrainingItemTable } from "./tables.js";

type Format = TrainingItemTable["format"];

export interface SearchFilters {
  text: string;
  siteIds: string[];
  topic?: string;
  age?: number;
  format?: Format;
  /** An age the question names ("my 3 year old", "mi hijo de 3 años"): items for other ages rank lower. */
  ageHint?: number;
  limit: number;
}

/** Candidates ranked per search at most, and the count under which the trigram lookup of titles joins in. */
const CANDIDATES = 120;
/** Candidates, ordered by full-text rank, whose titles are also compared by trigram word similarity. */
const SHORTLIST = 40;
const FEW = 5;
/** Words of a question used to gather candidates (the longest first); all of them still count in the rank. */
const MAX_TERMS = 8;

/** A lexeme as a tsquery operand: quoted, so it is matched as is and never re-parsed. */
const operand = (lexeme: string) => `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

/** tsquery texts over a question's lexemes: any of them, and two or more of them (one alone when only one). */
export function tierQueries(lexemes: string[]): { any: string | null; pairs: string | null } {
  const all = [...new Set(lexemes)].filter((l) => l.length > 0);
  if (all.length === 0) return { any: null, pairs: null };
  const terms = [...all].sort((a, b) => b.length - a.length || a.localeCompare(b)).slice(0, MAX_TERMS);
  const any = all.map(operand).join(" | ");
  if (terms.length === 1) return { any, pairs: operand(terms[0]) };
  const pairs: string[] = [];
  for (let i = 0; i < terms.length; i++)
    for (let j = i + 1; j < terms.length; j++) pairs.push(`(${operand(terms[i])} & ${operand(terms[j])})`);
  return { any, pairs: pairs.join(" | ") };
}

async function searchIn(db: Kysely<Database>, filters: SearchFilters) {
  const queries = await lexemesOf(db, filters.text);
  const en = tierQueries(queries.en);
  const es = tierQueries(queries.es);
  const found = new Set<string>();
  const titles = sql`(training_item.title_en || ' ' || training_item.title_es)`;
  const gather = async (condition: ReturnType<typeof sql<boolean>>) => {
    const rows = await scoped(db.selectFrom("training_item").select("training_item.id"), filters)
      .where(condition)
      .$if(found.size > 0, (q) => q.where("training_item.id", "not in", [...found]))
      .limit(CANDIDATES - found.size)
      .execute();
    for (const r of rows) found.add(r.id);
  };
  const tiers: ReturnType<typeof sql<boolean>>[] = [];
  const either = (column: "head" | "search", en: string | null, es: string | null) => {
    const parts = [
      ...(en ? [sql`training_item.${sql.raw(`${column}_en`)} @@ ${en}::tsquery`] : []),
      ...(es ? [sql`training_item.${sql.raw(`${column}_es`)} @@ ${es}::tsquery`] : []),
    ];
    return parts.length ? sql<boolean>`(${sql.join(parts, sql` OR `)})` : null;
  };
  for (const tier of [
    either("head", en.pairs, es.pairs),
    either("head", en.any, es.any),
    either("search", en.pairs, es.pairs),
    either("search", en.any, es.any),
  ])
    if (tier) tiers.push(tier);
  for (const tier of tiers) {
    if (found.size >= CANDIDATES) break;
    await gather(tier);
  }
  if (found.size < FEW) await gather(sql<boolean>`${filters.text} <% ${titles}`);
  if (found.size === 0) return [];

  const enQuery = en.any ? sql`${en.any}::tsquery` : sql`NULL::tsquery`;
  const esQuery = es.any ? sql`${es.any}::tsquery` : sql`NULL::tsquery`;
  // Full-text rank for every candidate; the title's word similarity (costlier) only for the shortlist it orders.
  const ageFitOf = (table: string) =>
    filters.ageHint === undefined
      ? sql`1`
      : sql`CASE WHEN ${filters.ageHint}::int BETWEEN ${sql.ref(`${table}.age_min`)} AND ${sql.ref(`${table}.age_max`)}
          THEN 1 ELSE 0.5 END`;
  return db
    .with("shortlist", (qb) =>
      qb
        .selectFrom("training_item")
        .select([
          "training_item.id",
          sql<number>`coalesce(ts_rank(training_item.search_en, ${enQuery}), 0)
            + coalesce(ts_rank(training_item.search_es, ${esQuery}), 0)`.as("text_rank"),
        ])
        .where("training_item.id", "in", [...found])
        .orderBy(
          sql`(coalesce(ts_rank(training_item.search_en, ${enQuery}), 0)
            + coalesce(ts_rank(training_item.search_es, ${esQuery}), 0)) * ${ageFitOf("training_item")}`,
          "desc",
        )
        .limit(SHORTLIST),
    )
    .selectFrom("shortlist")
    .innerJoin("training_item", "training_item.id", "shortlist.id")
    .innerJoin("training_topic", "training_topic.code", "training_item.topic_code")
    .select([
      "training_item.id",
      "training_item.code",
      "training_item.format",
      "training_item.topic_code",
      "training_topic.name_en as topic_en",
      "training_topic.name_es as topic_es",
      "training_item.age_min",
      "training_item.age_max",
      "training_item.credit_hours",
      "training_item.title_en",
      "training_item.title_es",
      "training_item.summary_en",
      "training_item.summary_es",
      sql<number>`(shortlist.text_rank + 0.3 * word_similarity(${filters.text}, ${titles}))
        * ${ageFitOf("training_item")}`.as("rank"),
    ])
    .orderBy("rank", "desc")
    .orderBy("training_item.code")
    .limit(filters.limit)
    .execute();
}

async function lexemesOf(db: Kysely<Database>, text: string): Promise<{ en: string[]; es: string[] }> {
  const row = await sql<{ en: string[]; es: string[] }>`SELECT
      tsvector_to_array(to_tsvector('english', ${text})) AS en,
      tsvector_to_array(to_tsvector('spanish', ${text})) AS es`.execute(db);
  return row.rows[0];
}

/** The library an actor may see (network-wide items and their sites' own), narrowed by the search filters. */
function scoped<Q extends SelectQueryBuilder<Database, "training_item", object>>(query: Q, filters: SearchFilters): Q {
  let q = query.where((eb) =>
    eb.or([
      eb("training_item.site_id", "is", null),
      ...(filters.siteIds.length > 0 ? [eb("training_item.site_id", "in", filters.siteIds)] : []),
    ]),
  ) as Q;
  if (filters.topic) q = q.where("training_item.topic_code", "=", filters.topic) as Q;
  if (filters.format) q = q.where("training_item.format", "=", filters.format) as Q;
  if (filters.age !== undefined)
    q = q.where("training_item.age_min", "<=", filters.age).where("training_item.age_max", ">=", filters.age) as Q;
  return q;
}

/** All SQL of the training module. Every read of the library is scoped to the network and the caller's sites. */
export function trainingRepository(db: Kysely<Database>) {
  return {
    /** Foster-care words the query holds and what they stand for (training_synonym). */
    async synonyms(words: string[]) {
      if (words.length === 0) return [];
      return db.selectFrom("training_synonym").select(["term", "expansion"]).where("term", "in", words).execute();
    },

    /** The question's lexemes under the English and Spanish configurations (stemmed, stop words removed). */
    lexemes: (text: string) => lexemesOf(db, text),

    /**
     * Ranked search in two steps. First a bounded candidate set, gathered tier by tier through the indexes and
     * stopping once CANDIDATES are found: the head vectors (title and summary) holding two or more of the
     * question's words, the head vectors holding any, the whole text holding two or more, the whole text holding
     * any, and, only when full-text found fewer than FEW, trigram similarity of the titles (misspellings). Then
     * only those candidates are ranked: full-text rank in both languages, title word similarity, and an item for a
     * different age than the one the question names ranks lower.
     */
    async search(filters: SearchFilters) {
      // The candidate queries carry a LIMIT, under which the planner prefers a sequential scan that stops early; with
      // thousands of wide rows and a sparse match that reads most of the table (measured 46 ms against 1 ms through
      // the GIN indexes on 20,000 items). Index scans are asked for inside the search's own transaction only.
      if (db.isTransaction) return searchIn(db, filters);
      return db.transaction().execute(async (trx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        return searchIn(trx, filters);
      });
    },

    /**
     * Items for a recommendation: in one of the topics (any topic when none), written for the age when one is given,
     * not yet completed by the person this year, carrying credit when only credited items are wanted.
     */
    async recommendable(filters: {
      topics: string[];
      age?: number;
      siteIds: string[];
      personId: string;
      year: number;
      creditOnly: boolean;
      limit: number;
    }) {
      return scoped(
        db
          .selectFrom("training_item")
          .innerJoin("training_topic", "training_topic.code", "training_item.topic_code")
          .select([
            "training_item.id",
            "training_item.code",
            "training_item.format",
            "training_item.topic_code",
            "training_topic.name_en as topic_en",
            "training_topic.name_es as topic_es",
            "training_item.age_min",
            "training_item.age_max",
            "training_item.credit_hours",
            "training_item.title_en",
            "training_item.title_es",
            "training_item.summary_en",
            "training_item.summary_es",
          ]),
        { siteIds: filters.siteIds, age: filters.age, text: "", limit: filters.limit },
      )
        .$if(filters.topics.length > 0, (q) => q.where("training_item.topic_code", "in", filters.topics))
        .$if(filters.creditOnly, (q) => q.where("training_item.credit_hours", ">", 0))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("training_completion")
                .select("training_completion.id")
                .whereRef("training_completion.item_id", "=", "training_item.id")
                .where("training_completion.person_id", "=", filters.personId)
                .where("training_completion.completed_year", "=", filters.year),
            ),
          ),
        )
        .orderBy("training_item.credit_hours", "desc")
        .orderBy("training_item.code")
        .limit(filters.limit)
        .execute();
    },

    async topicCodes() {
      return (await db.selectFrom("training_topic").select("code").execute()).map((r) => r.code);
    },

    async takenCodes(codes: string[]) {
      if (codes.length === 0) return [];
      return (await db.selectFrom("training_item").select("code").where("code", "in", codes).execute()).map(
        (r) => r.code,
      );
    },

    async insertItems(rows: Insertable<TrainingItemTable>[]) {
      if (rows.length === 0) return;
      await db.insertInto("training_item").values(rows).execute();
    },

    async itemByCode(code: string, siteIds: string[]) {
      return db
        .selectFrom("training_item")
        .innerJoin("training_topic", "training_topic.code", "training_item.topic_code")
        .selectAll("training_item")
        .select(["training_topic.name_en as topic_en", "training_topic.name_es as topic_es"])
        .where("training_item.code", "=", code)
        .where((eb) =>
          eb.or([
            eb("training_item.site_id", "is", null),
            ...(siteIds.length > 0 ? [eb("training_item.site_id", "in", siteIds)] : []),
          ]),
        )
        .executeTakeFirst();
    },

    async completionOf(personId: string, itemId: string, year: number) {
      return db
        .selectFrom("training_completion")
        .select(["id", "completed_on"])
        .where("person_id", "=", personId)
        .where("item_id", "=", itemId)
        .where("completed_year", "=", year)
        .executeTakeFirst();
    },

    async insertCompletion(row: {
      person_id: string;
      site_id: string;
      item_id: string;
      method: "attested" | "quiz" | "attendance";
      hours: number;
      completed_on: string;
      completed_year: number;
    }) {
      return db.insertInto("training_completion").values(row).returning("id").executeTakeFirstOrThrow();
    },

    async completionsOf(personId: string, year: number) {
      return db
        .selectFrom("training_completion")
        .innerJoin("training_item", "training_item.id", "training_completion.item_id")
        .select([
          "training_item.code",
          "training_item.title_en",
          "training_item.title_es",
          "training_completion.hours",
          "training_completion.completed_on",
          "training_completion.method",
        ])
        .where("training_completion.person_id", "=", personId)
        .where("training_completion.completed_year", "=", year)
        .orderBy("training_completion.completed_on")
        .orderBy("training_item.code")
        .execute();
    },

    /** The annual hours rule of a state in force on a day (versioned rows with effective dates). */
    async annualRule(stateCode: string, day: string) {
      return db
        .selectFrom("training_hours_rule")
        .selectAll()
        .where("state_code", "=", stateCode)
        .where("kind", "=", "annual")
        .where("effective_from", "<=", day)
        .where((eb) => eb.or([eb("effective_to", "is", null), eb("effective_to", ">", day)]))
        .orderBy("effective_from", "desc")
        .executeTakeFirst();
    },

    async logSearch(siteId: string, query: string, resultCount: number) {
      await db
        .insertInto("training_search_log")
        .values({ site_id: siteId, query: query.slice(0, 200), result_count: resultCount })
        .execute();
    },
  };
}
