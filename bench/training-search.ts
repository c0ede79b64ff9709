import os from "node:os";
import { type Kysely, sql } from "kysely";
import type { Database } from "../server/db/database.js";
import { openDatabase } from "../server/db/engine.js";
import { migrateToLatest } from "../server/db/migrate.js";
import { ageHintOf, wordsOf } from "../server/modules/training/question.js";
import { trainingRepository } from "../server/modules/training/repository.js";
import { searchQuestions } from "../test/training/search-quality.js";

/**
 * The training search's answer time over a 20,000-item library: the catalogue copied until the library holds
 * ITEMS items (each copy a new code), then every question of the search-quality set (English and Spanish) asked
 * ROUNDS times through the module's repository (synonyms, then the ranked search), as the service does.
 * In-memory PGlite, or PostgreSQL when DATABASE_URL names a server. Target: p95 under 50 ms.
 * The same run also times the query the module used before migration 0720 (`legacySearch` below: every word ORed,
 * every match ranked, the trigram condition inside the OR), so before and after are measured on one library (the
 * old query once per question: it takes seconds).
 */
const ITEMS = 20_000;
const ROUNDS = 5;
const TARGET_MS = 50;

export async function runTrainingSearchBench() {
  const database = await openDatabase(
    process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: "memory://" },
  );
  try {
    await migrateToLatest(database.db);
    const base = Number(
      (
        await database.db
          .selectFrom("training_item")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const copies = Math.ceil((ITEMS - base) / base);
    await sql`INSERT INTO training_item (code, format, topic_code, age_min, age_max, credit_hours, title_en, title_es,
        summary_en, summary_es, body_en, body_es)
      SELECT i.code || '-' || n, i.format, i.topic_code, i.age_min, i.age_max, i.credit_hours,
        i.title_en || ' (' || n || ')', i.title_es || ' (' || n || ')', i.summary_en, i.summary_es, i.body_en, i.body_es
      FROM training_item i CROSS JOIN generate_series(1, ${copies}) AS n`.execute(database.db);
    await sql`ANALYZE training_item`.execute(database.db);
    const items = Number(
      (
        await database.db
          .selectFrom("training_item")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const repository = trainingRepository(database.db);
    const prepare = async (q: string) => {
      const synonyms = await repository.synonyms(wordsOf(q));
      return { text: [q, ...synonyms.map((s) => s.expansion)].join(" "), ageHint: ageHintOf(q) };
    };
    const time = async (search: (q: string) => Promise<unknown>, rounds = ROUNDS) => {
      for (const { q } of searchQuestions.slice(0, 5)) await search(q);
      const ms: number[] = [];
      for (let round = 0; round < rounds; round++)
        for (const { q } of searchQuestions) {
          const t0 = performance.now();
          await search(q);
          ms.push(performance.now() - t0);
        }
      ms.sort((a, b) => a - b);
      const at = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] * 10) / 10;
      return { searches: ms.length, p50_ms: at(0.5), p95_ms: at(0.95), max_ms: at(1) };
    };
    const after = await time(async (q) => repository.search({ ...(await prepare(q)), siteIds: [], limit: 20 }));
    const before = await time(async (q) => legacySearch(database.db, (await prepare(q)).text), 1);
    return {
      engine: database.kind,
      items,
      searches: after.searches,
      p50_ms: after.p50_ms,
      p95_ms: after.p95_ms,
      max_ms: after.max_ms,
      before_0720: before,
      target_ms: TARGET_MS,
      within_target: after.p95_ms < TARGET_MS,
      node: process.version,
      cpus: os.cpus().length,
      measured_at: new Date().toISOString(),
    };
  } finally {
    await database.close();
  }
}

/** The search as it was before migration 0720, kept here only to measure it against the new one. */
async function legacySearch(db: Kysely<Database>, text: string) {
  const enQuery = sql`nullif(replace(plainto_tsquery('english', ${text})::text, ' & ', ' | '), '')::tsquery`;
  const esQuery = sql`nullif(replace(plainto_tsquery('spanish', ${text})::text, ' & ', ' | '), '')::tsquery`;
  const titles = sql`(i.title_en || ' ' || i.title_es)`;
  return sql`SELECT i.id, i.code, i.format, i.topic_code, t.name_en, t.name_es, i.age_min, i.age_max, i.credit_hours,
      i.title_en, i.title_es, i.summary_en, i.summary_es,
      coalesce(ts_rank(i.search_en, ${enQuery}), 0) + coalesce(ts_rank(i.search_es, ${esQuery}), 0)
        + 0.3 * word_similarity(${text}, ${titles}) AS rank
    FROM training_item i JOIN training_topic t ON t.code = i.topic_code
    WHERE i.site_id IS NULL
      AND (i.search_en @@ ${enQuery} OR i.search_es @@ ${esQuery} OR ${text} <% ${titles})
    ORDER BY rank DESC, i.code LIMIT 20`.execute(db);
}
