import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import { requireAccess } from "../../platform/access/require-access.js";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { type SurveyRow, surveyRepository } from "./survey-repository.js";
import { questionResults, smallCellMax } from "./survey-results.js";
import type { MySurvey, MySurveys, SiteSurveys, SurveyAnswer, SurveyCreate, SurveyResults } from "./survey-schema.js";
import type { SurveyAnswers, SurveyAudience, SurveyQuestion } from "./survey-tables.js";

const audiences: readonly SurveyAudience[] = ["caregiver", "birth_parent", "youth"];
const questionsOf = (row: { questions: unknown }) => row.questions as SurveyQuestion[];

function summary(row: SurveyRow & { responses?: number | null }, locale: "en" | "es", responses: number) {
  return {
    id: row.id,
    instrumentCode: row.instrument_code,
    title: locale === "es" ? row.title_es : row.title_en,
    audience: row.audience,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    responses,
  };
}

const answerProblem = (messageKey: string, number: number) =>
  new AppError("validation", "error.validation", {}, [{ field: "surveyAnswers", messageKey, params: { number } }]);

/** Every answer fits its question and every required one is there; the answers to keep, in question order. */
export function checkAnswers(questions: SurveyQuestion[], given: Record<string, number | string>): SurveyAnswers {
  const known = new Set(questions.map((q) => q.id));
  if (Object.keys(given).some((id) => !known.has(id)))
    throw new AppError("validation", "error.validation", {}, [
      { field: "surveyAnswers", messageKey: "improve.unknown_question" },
    ]);
  const kept: SurveyAnswers = {};
  questions.forEach((q, i) => {
    const answer = given[q.id];
    const number = i + 1;
    if (answer === undefined || answer === "") {
      if (q.required) throw answerProblem("improve.answer_required", number);
      return;
    }
    const fits =
      q.kind === "scale"
        ? typeof answer === "number"
        : q.kind === "yes_no"
          ? answer === "yes" || answer === "no"
          : q.kind === "choice"
            ? (q.choices ?? []).some((c) => c.value === answer)
            : typeof answer === "string";
    if (!fits) throw answerProblem("improve.answer_invalid", number);
    kept[q.id] = answer;
  });
  return kept;
}

/**
 * Surveys: the site's QPI coordinator publishes them and reads their results (survey:manage at the site, 404
 * elsewhere); caregivers, birth parents and youth answer the ones published to their role at their site. A
 * response is stored without any account, and results hide small counts. Every call is audited in its transaction.
 */
export function surveyService(db: Kysely<Database>) {
  function respondent(actor: Actor) {
    const held = requireAccess(actor, "survey:respond");
    const siteId = held[0].siteId;
    const role = actor.grants.find((g) => g.siteId === siteId && audiences.includes(g.role as SurveyAudience))?.role;
    if (!role) throw new AppError("forbidden");
    return { siteId, audience: role as SurveyAudience, today: actor.siteDays[siteId] };
  }

  return {
    async ofSite(actor: Actor, siteId: string): Promise<z.infer<typeof SiteSurveys>> {
      requireAccess(actor, "survey:manage", { siteId });
      return db.transaction().execute(async (trx) => {
        const repo = surveyRepository(trx);
        const rows = await repo.ofSite(siteId);
        const instruments = await repo.instruments();
        await recordAudit(trx, actor, {
          action: "survey.list",
          entityType: "survey",
          entityIds: rows.map((r) => r.id),
          siteId,
          outcome: "success",
        });
        const es = actor.locale === "es";
        return {
          surveys: rows.map((r) => summary(r, actor.locale, Number(r.responses ?? 0))),
          instruments: instruments.map((i) => ({
            code: i.code as z.infer<typeof SiteSurveys>["instruments"][number]["code"],
            title: es ? i.title_es : i.title_en,
            sourceNote: i.source_note,
          })),
        };
      });
    },

    async create(actor: Actor, siteId: string, input: z.infer<typeof SurveyCreate>) {
      requireAccess(actor, "survey:manage", { siteId });
      if (input.closesOn < input.opensOn)
        throw new AppError("validation", "error.validation", {}, [
          { field: "closesOn", messageKey: "improve.closes_before_opens" },
        ]);
      return db.transaction().execute(async (trx) => {
        const repo = surveyRepository(trx);
        const instrument = await repo.instrument(input.instrumentCode);
        if (!instrument) throw notFound();
        const { id } = await repo.insert({
          site_id: siteId,
          instrument_code: instrument.code,
          audience: input.audience,
          title_en: instrument.title_en,
          title_es: instrument.title_es,
          questions: questionsOf(instrument),
          opens_on: input.opensOn,
          closes_on: input.closesOn,
          created_by_user_id: actor.userId,
        });
        await recordAudit(trx, actor, {
          action: "survey.create",
          entityType: "survey",
          entityId: id,
          siteId,
          outcome: "success",
        });
        return { id };
      });
    },

    async results(actor: Actor, surveyId: string): Promise<z.infer<typeof SurveyResults>> {
      const held = requireAccess(actor, "survey:manage");
      return db.transaction().execute(async (trx) => {
        const repo = surveyRepository(trx);
        const survey = await repo.inSites(surveyId, [...new Set(held.map((p) => p.siteId))]);
        if (!survey) throw notFound();
        const responses = (await repo.answers(survey.id)).map((r) => r.answers as SurveyAnswers);
        await recordAudit(trx, actor, {
          action: "survey.results",
          entityType: "survey",
          entityId: survey.id,
          siteId: survey.site_id,
          outcome: "success",
        });
        return {
          survey: summary(survey, actor.locale, responses.length),
          smallCellMax,
          questions: questionsOf(survey).map((q) => questionResults(q, responses, actor.locale)),
        };
      });
    },

    async mine(actor: Actor): Promise<z.infer<typeof MySurveys>> {
      const { siteId, audience, today } = respondent(actor);
      return db.transaction().execute(async (trx) => {
        const rows = await surveyRepository(trx).openFor(siteId, audience, today, actor.userId);
        await recordAudit(trx, actor, {
          action: "survey.list_own",
          entityType: "survey",
          entityIds: rows.map((r) => r.id),
          siteId,
          outcome: "success",
        });
        return {
          surveys: rows.map((r) => ({
            id: r.id,
            title: actor.locale === "es" ? r.title_es : r.title_en,
            closesOn: r.closes_on,
            answered: r.answered,
          })),
        };
      });
    },

    async one(actor: Actor, surveyId: string): Promise<z.infer<typeof MySurvey>> {
      const { siteId, audience, today } = respondent(actor);
      return db.transaction().execute(async (trx) => {
        const survey = (await surveyRepository(trx).openFor(siteId, audience, today, actor.userId)).find(
          (s) => s.id === surveyId,
        );
        if (!survey) throw notFound();
        await recordAudit(trx, actor, {
          action: "survey.read_own",
          entityType: "survey",
          entityId: survey.id,
          siteId,
          outcome: "success",
        });
        const es = actor.locale === "es";
        return {
          id: survey.id,
          title: es ? survey.title_es : survey.title_en,
          closesOn: survey.closes_on,
          answered: survey.answered,
          questions: questionsOf(survey).map((q) => ({
            id: q.id,
            kind: q.kind,
            prompt: es ? q.es : q.en,
            required: q.required,
            choices: (q.choices ?? []).map((c) => ({ value: c.value, label: es ? c.es : c.en })),
          })),
        };
      });
    },

    async respond(actor: Actor, surveyId: string, input: z.infer<typeof SurveyAnswer>) {
      const { siteId, audience, today } = respondent(actor);
      return db.transaction().execute(async (trx) => {
        const repo = surveyRepository(trx);
        const survey = (await repo.openFor(siteId, audience, today, actor.userId)).find((s) => s.id === surveyId);
        if (!survey) throw notFound();
        const answers = checkAnswers(questionsOf(survey), input.surveyAnswers);
        if (!(await repo.respond(survey.id, actor.userId, today, answers)))
          throw new AppError("conflict", "improve.already_answered");
        // The audit row names the survey, not a response: nothing joins a response to its author.
        await recordAudit(trx, actor, {
          action: "survey.respond",
          entityType: "survey",
          entityId: survey.id,
          siteId,
          outcome: "success",
        });
        return { surveyId: survey.id, answered: true };
      });
    },
  };
}
