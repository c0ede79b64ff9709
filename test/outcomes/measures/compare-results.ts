import type { PeriodResults, Tally } from "../../../server/modules/outcomes/measures/types.js";

/**
 * The first difference between two result sets, as a readable path
 * ("period 1 total.placement_stability.by.age_group.17.numerator: 3 vs 2"),
 * or null. Counts must match exactly; values to 1e-9 relative.
 */
export function firstDifference(actual: PeriodResults[], expected: PeriodResults[]): string | null {
  if (actual.length !== expected.length) return `period count ${actual.length} vs ${expected.length}`;
  for (let k = 0; k < actual.length; k++) {
    const a = actual[k];
    const b = expected[k];
    const where = `period ${k} (${a.period.start}..${a.period.end})`;
    if (a.period.start !== b.period.start || a.period.end !== b.period.end) return `${where}: period differs`;
    const measures = new Set([...Object.keys(a.total), ...Object.keys(b.total)]);
    for (const m of measures) {
      const ra = a.total[m as keyof typeof a.total];
      const rb = b.total[m as keyof typeof b.total];
      if (!ra || !rb) return `${where} total.${m}: missing on one side`;
      const diff =
        tallyDifference(ra, rb) ??
        recordDifference(ra.by.age_group, rb.by.age_group, "by.age_group") ??
        recordDifference(ra.by.race, rb.by.race, "by.race") ??
        recordDifference(ra.by.sex, rb.by.sex, "by.sex") ??
        recordDifference(ra.byReason ?? {}, rb.byReason ?? {}, "byReason");
      if (diff) return `${where} total.${m}.${diff}`;
    }
    if (a.bySite.length !== b.bySite.length) return `${where}: site count`;
    for (let s = 0; s < a.bySite.length; s++) {
      const diff = recordDifference(a.bySite[s], b.bySite[s], "");
      if (diff) return `${where} bySite[${s}]${diff}`;
    }
  }
  return null;
}

function recordDifference(a: Record<string, Tally>, b: Record<string, Tally>, path: string): string | null {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (!a[key] || !b[key]) return `${path}.${key}: missing on one side`;
    const diff = tallyDifference(a[key], b[key]);
    if (diff) return `${path}.${key}.${diff}`;
  }
  return null;
}

function tallyDifference(a: Tally, b: Tally): string | null {
  if (a.numerator !== b.numerator) return `numerator: ${a.numerator} vs ${b.numerator}`;
  if (a.denominator !== b.denominator) return `denominator: ${a.denominator} vs ${b.denominator}`;
  if (a.value === null || b.value === null) return a.value === b.value ? null : `value: ${a.value} vs ${b.value}`;
  const scale = Math.max(1, Math.abs(a.value), Math.abs(b.value));
  return Math.abs(a.value - b.value) <= 1e-9 * scale ? null : `value: ${a.value} vs ${b.value}`;
}
