import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import type { TrainingItemTable } from "./tables.js";

type Format = TrainingItemTable["format"];

export interface SearchFilters {
  text: string;
  siteIds: string[];
  topic?: string;
  age?: number;
  format?: Format;
  limit: number;
}

/** All SQL of the training module. Every read of the library is scoped to the network and the caller's sites. */
export function trainingRepository(db: Kysely<Database>) {
  return {
    /** Foster-care words the query holds and what they stand for (training_synonym). */
    async synonyms(words: string[]) {
      if (words.length === 0) return [];
      return db.selectFrom("training_synonym").select(["term", "expansion"]).where("term", "in", words).execute();
    },

    /**
     * Ranked full-text search in English and Spanish (any word may match: a caregiver's question is not a list of
     * required terms), plus trigram similarity of the titles for misspellings.
     */
    async search(filters: SearchFilters) {
      const { text } = filters;
      const enQuery = sql`nullif(replace(plainto_tsquery('english', ${text})::text, ' & ', ' | '), '')::tsquery`;
      const esQuery = sql`nullif(replace(plainto_tsquery('spanish', ${text})::text, ' & ', ' | '), '')::tsquery`;
      const titles = sql`(training_item.title_en || ' ' || training_item.title_es)`;
      let query = db
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
          sql<number>`coalesce(ts_rank(training_item.search_en, ${enQuery}), 0)
            + coalesce(ts_rank(training_item.search_es, ${esQuery}), 0)
            + 0.3 * word_similarity(${text}, ${titles})`.as("rank"),
        ])
        .where((eb) =>
          eb.or([
            eb("training_item.site_id", "is", null),
            ...(filters.siteIds.length > 0 ? [eb("training_item.site_id", "in", filters.siteIds)] : []),
          ]),
        )
        .where(
          sql<boolean>`(training_item.search_en @@ ${enQuery} OR training_item.search_es @@ ${esQuery}
            OR ${text} <% ${titles})`,
        );
      if (filters.topic) query = query.where("training_item.topic_code", "=", filters.topic);
      if (filters.format) query = query.where("training_item.format", "=", filters.format);
      if (filters.age !== undefined)
        query = query
          .where("training_item.age_min", "<=", filters.age)
          .where("training_item.age_max", ">=", filters.age);
      return query.orderBy("rank", "desc").orderBy("training_item.code").limit(filters.limit).execute();
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
