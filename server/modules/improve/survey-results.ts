import { isSmallCell, SMALL_CELL_MAX } from "../outcomes/index.js";
import type { SurveyAnswers, SurveyQuestion } from "./survey-tables.js";

type Locale = "en" | "es";
const shown = (count: number) => (isSmallCell(count) ? null : count);

/**
 * One question's results with small-cell suppression: a count from 1 to the outcomes module's threshold is hidden
 * (it could point at a person in a small site), 0 is shown; the mean and the free text only when the number who
 * answered is not itself a small cell.
 */
export function questionResults(question: SurveyQuestion, responses: SurveyAnswers[], locale: Locale) {
  const given = responses.map((r) => r[question.id]).filter((a) => a !== undefined && a !== "");
  const answered = given.length;
  const enough = !isSmallCell(answered);
  const label = (en: string, es: string) => (locale === "es" ? es : en);
  const tally = (values: { value: string; label: string }[]) => {
    const exact = values.map((v) => given.filter((a) => String(a) === v.value).length);
    const cells = values.map((v, i) => ({ ...v, count: shown(exact[i]) }));
    // Secondary suppression: one hidden cell beside a shown total could be worked out by subtraction, so the
    // smallest shown non-zero cell is hidden with it.
    if (cells.filter((c) => c.count === null).length === 1) {
      const candidates = cells.filter((c) => c.count !== null && c.count > 0);
      const smallest = candidates.sort((a, b) => (a.count ?? 0) - (b.count ?? 0))[0];
      if (smallest) smallest.count = null;
    }
    return cells;
  };
  let counts: { value: string; label: string; count: number | null }[] = [];
  let mean: number | null = null;
  let texts: string[] | null = null;
  if (question.kind === "scale") {
    counts = tally([1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) })));
    const numbers = given.filter((a): a is number => typeof a === "number");
    mean =
      enough && numbers.length ? Math.round((numbers.reduce((s, n) => s + n, 0) / numbers.length) * 10) / 10 : null;
  } else if (question.kind === "yes_no") {
    counts = tally([
      { value: "yes", label: label("Yes", "Sí") },
      { value: "no", label: label("No", "No") },
    ]);
  } else if (question.kind === "choice") {
    counts = tally((question.choices ?? []).map((c) => ({ value: c.value, label: label(c.en, c.es) })));
  } else {
    texts = enough ? given.map(String) : null;
  }
  return {
    id: question.id,
    kind: question.kind,
    prompt: label(question.en, question.es),
    answered: shown(answered),
    counts,
    mean,
    texts,
  };
}

export const smallCellMax = SMALL_CELL_MAX;
