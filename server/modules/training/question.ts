/**
 * Reading a caregiver's question before it is searched: its words (for the synonym list: RPPS, CFT, IEP, TPR …)
 * and the age of the child it names, if any ("my 3 year old", "mi hijo de 3 años", "teen", "bebé"), which ranks
 * items written for that age above items for other ages.
 */

/** Words of a question, lower case, at most 30. */
export function wordsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .toLowerCase()
        .split(/[^\p{L}\p{N}+]+/u)
        .filter((w) => w.length >= 2),
    ),
  ].slice(0, 30);
}

/** Words that name an age group, and the age taken for it (inside every item range written for that group). */
const ageWords: [RegExp, number][] = [
  [/(?<!\p{L})(baby|babies|infant|infants|newborn|bebé|bebe|bebés|bebes|recién nacid[oa])(?!\p{L})/u, 0],
  [/(?<!\p{L})(toddler|toddlers)(?!\p{L})/u, 2],
  [
    /(?<!\p{L})(teen|teens|teenager|teenagers|teenager's|adolescent|adolescents|adolescente|adolescentes)(?!\p{L})/u,
    15,
  ],
];

/** The age a question names: a number of years ("3 year old", "3-year-old", "3 yo", "de 3 años") or an age word. */
export function ageHintOf(text: string): number | undefined {
  const lower = text.toLowerCase();
  const years = /(?:^|[^\p{N}])(\d{1,2})\s*(?:-\s*)?(?:years?|yrs?|yo|años|anos|año)(?![\p{L}])/u.exec(lower);
  if (years) {
    const age = Number(years[1]);
    if (age <= 21) return age;
  }
  for (const [pattern, age] of ageWords) if (pattern.test(lower)) return age;
  return undefined;
}
