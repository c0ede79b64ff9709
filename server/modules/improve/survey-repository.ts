import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";
import type { SurveyAnswers, SurveyAudience, SurveyQuestion } from "./survey-tables.js";
import "./survey-tables.js";

const surveyColumns = [
  "s.id",
  "s.site_id",
  "s.instrument_code",
  "s.audience",
  "s.title_en",
  "s.title_es",
  "s.questions",
  "s.opens_on",
  "s.closes_on",
] as const;

/**
 * All SQL of surveys. A response is written without any account; the receipt that allows one response per person
 * is written in the same transaction, in another table, with no column pointing at the response.
 */
export function surveyRepository(db: Kysely<Database>) {
  return {
    instruments() {
      return db.selectFrom("survey_instrument").selectAll().orderBy("code").execute();
    },

    instrument(code: string) {
      return db.selectFrom("survey_instrument").selectAll().where("code", "=", code).executeTakeFirst();
    },

    insert(values: {
      site_id: string;
      instrument_code: string;
      audience: SurveyAudience;
      title_en: string;
      title_es: string;
      questions: SurveyQuestion[];
      opens_on: string;
      closes_on: string;
      created_by_user_id: string;
    }) {
      return db
        .insertInto("survey")
        .values({ ...values, questions: JSON.stringify(values.questions) })
        .returning("id")
        .executeTakeFirstOrThrow();
    },

    /** The surveys of a site with their response counts, newest first. */
    ofSite(siteId: string) {
      return db
        .selectFrom("survey as s")
        .select(surveyColumns)
        .select((eb) =>
          eb
            .selectFrom("survey_response as r")
            .select(sql<number>`count(*)::int`.as("n"))
            .whereRef("r.survey_id", "=", "s.id")
            .as("responses"),
        )
        .where("s.site_id", "=", siteId)
        .orderBy("s.opens_on", "desc")
        .execute();
    },

    /** One survey of one of `siteIds`; undefined out of reach. */
    async inSites(surveyId: string, siteIds: string[]) {
      return db
        .selectFrom("survey as s")
        .select(surveyColumns)
        .where("s.id", "=", surveyId)
        .where("s.site_id", "in", siteIds)
        .executeTakeFirst();
    },

    /** The surveys open on `today` at the site for the audience, with whether the account answered. */
    openFor(siteId: string, audience: SurveyAudience, today: string, userId: string) {
      return db
        .selectFrom("survey as s")
        .leftJoin("survey_receipt as rc", (j) => j.onRef("rc.survey_id", "=", "s.id").on("rc.user_id", "=", userId))
        .select(surveyColumns)
        .select(sql<boolean>`rc.user_id IS NOT NULL`.as("answered"))
        .where("s.site_id", "=", siteId)
        .where("s.audience", "=", audience)
        .where("s.opens_on", "<=", today)
        .where("s.closes_on", ">=", today)
        .orderBy("s.closes_on")
        .execute();
    },

    answers(surveyId: string) {
      return db.selectFrom("survey_response").select("answers").where("survey_id", "=", surveyId).execute();
    },

    /** The receipt first (its primary key refuses a second response), then the response. */
    async respond(surveyId: string, userId: string, day: string, answers: SurveyAnswers) {
      const receipt = await db
        .insertInto("survey_receipt")
        .values({ survey_id: surveyId, user_id: userId })
        .onConflict((oc) => oc.doNothing())
        .returning("user_id")
        .executeTakeFirst();
      if (!receipt) return false;
      await db
        .insertInto("survey_response")
        .values({ survey_id: surveyId, submitted_on: day, answers: JSON.stringify(answers) })
        .execute();
      return true;
    },
  };
}

export type SurveyRow = Awaited<ReturnType<ReturnType<typeof surveyRepository>["inSites"]>> & object;
