import type { ColumnType, Generated } from "kysely";
import type { CalendarDay } from "../../db/database.js";

type Json<T> = ColumnType<T, string, string>;

export type QuestionKind = "scale" | "yes_no" | "choice" | "text";
export type SurveyAudience = "caregiver" | "birth_parent" | "youth";

/** One question of an instrument, in both languages. */
export interface SurveyQuestion {
  id: string;
  kind: QuestionKind;
  en: string;
  es: string;
  required: boolean;
  choices?: { value: string; en: string; es: string }[];
}

export type SurveyAnswers = Record<string, number | string>;

/** An instrument a survey is built from (migration 0781). */
export interface SurveyInstrumentTable {
  code: string;
  title_en: string;
  title_es: string;
  questions: Json<SurveyQuestion[]>;
  source_note: string;
}

/** A survey a site published, with its questions as published (migration 0781). */
export interface SurveyTable {
  id: Generated<string>;
  site_id: string;
  instrument_code: string;
  audience: SurveyAudience;
  title_en: string;
  title_es: string;
  questions: Json<SurveyQuestion[]>;
  opens_on: CalendarDay;
  closes_on: CalendarDay;
  created_by_user_id: string;
  created_at: ColumnType<Date, never, never>;
}

/** One anonymous response: answers and a calendar day, no account (migration 0781). */
export interface SurveyResponseTable {
  id: Generated<string>;
  survey_id: string;
  submitted_on: CalendarDay;
  answers: Json<SurveyAnswers>;
}

/** That an account answered a survey, and nothing more (migration 0781). */
export interface SurveyReceiptTable {
  survey_id: string;
  user_id: string;
}

declare module "../../db/database.js" {
  interface Database {
    survey_instrument: SurveyInstrumentTable;
    survey: SurveyTable;
    survey_response: SurveyResponseTable;
    survey_receipt: SurveyReceiptTable;
  }
}
