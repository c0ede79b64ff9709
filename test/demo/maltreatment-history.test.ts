import { describe, expect, it } from "vitest";
import { addDays } from "../../server/demo/calendar.js";
import { type DemoNetwork, generateDemoNetwork } from "../../server/demo/generate-network.js";
import { addMaltreatmentReports } from "../../server/demo/maltreatment-history.js";
import { familyNames, givenNames } from "../../server/demo/names.js";
import { exitReasonNames, settingNames } from "../../server/modules/outcomes/history/codes.js";
import { columnsFromHistories } from "../../server/modules/outcomes/history/columns.js";
import { dayOf, NO_DAY } from "../../server/modules/outcomes/history/days.js";
import type { ChildHistory } from "../../server/modules/outcomes/history/model.js";
import { computeMeasures } from "../../server/modules/outcomes/measures/engine.js";
import { defaultPeriodStart, trendEndingWith } from "../../server/modules/outcomes/periods.js";

const AS_OF = "2026-06-30";

/** One site's demo records as the engine's histories (what the platform projection writes, without the database). */
function siteHistories(net: DemoNetwork, siteId: string): ChildHistory[] {
  const birth = new Map(net.persons.map((p) => [p.id, p.birth_date!]));
  const byChild = <T extends { child_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(r.child_id, [...(map.get(r.child_id) ?? []), r]);
    return map;
  };
  const [episodes, placements, reports] = [byChild(net.episodes), byChild(net.placements), byChild(net.reports)];
  const day = (d: string | null | undefined) => (d ? dayOf(d) : NO_DAY);
  return net.children
    .filter((c) => c.site_id === siteId)
    .map((c, i) => ({
      key: i + 1,
      birthDay: day(birth.get(c.person_id)),
      sex: 0,
      race: 0,
      site: 0,
      siblingGroup: -1,
      episodes: (episodes.get(c.id) ?? []).map((e) => ({
        removalDay: day(e.removal_date),
        exitDay: day(e.exit_date),
        exitReason: e.exit_reason ? exitReasonNames.indexOf(e.exit_reason as (typeof exitReasonNames)[number]) + 1 : 0,
        placements: (placements.get(c.id) ?? [])
          .filter((p) => p.episode_id === e.id)
          .map((p) => ({
            startDay: day(p.start_date),
            endDay: day(p.end_date),
            setting: settingNames.indexOf(p.setting as (typeof settingNames)[number]) + 1,
            changeKind: 0,
            homeKey: -1,
          })),
      })),
      reports: (reports.get(c.id) ?? [])
        .map((r) => ({
          reportDay: day(r.received_on),
          incidentDay: day(r.incident_on),
          substantiated: r.disposition === "substantiated",
        }))
        .sort((a, b) => a.reportDay - b.reportDay),
    }));
}

describe("the demo's maltreatment reports", () => {
  it(`come from a stream of their own: the same seed makes the \
same reports, and drawing them changes no other record`, () => {
    const options = { seed: 11, scale: 0.5, asOf: AS_OF };
    const a = generateDemoNetwork(options);
    const b = generateDemoNetwork(options);
    expect(JSON.stringify(a.reports)).toBe(JSON.stringify(b.reports));
    const rest = JSON.stringify({ ...a, reports: [] });
    expect(JSON.stringify(addMaltreatmentReports(a, options))).toBe(JSON.stringify(a.reports));
    expect(JSON.stringify({ ...a, reports: [] })).toBe(rest);
    expect(a.reports.length).toBeGreaterThan(100);
    // Every report id is new: none collides with an id of the network's other records.
    const ids = new Set(
      [...a.children, ...a.persons, ...a.episodes, ...a.placements, ...a.households].map((r) => r.id),
    );
    for (const r of a.reports) expect(ids.has(r.id)).toBe(false);
    expect(new Set(a.reports.map((r) => r.id)).size).toBe(a.reports.length);
  });

  it("are consistent with the case histories: a report before each removal, dates in order, invented reporters", () => {
    const net = generateDemoNetwork({ seed: 5, scale: 1, asOf: AS_OF });
    const reportsOf = new Map<string, typeof net.reports>();
    for (const r of net.reports) reportsOf.set(r.child_id, [...(reportsOf.get(r.child_id) ?? []), r]);
    const children = new Map(net.children.map((c) => [c.id, c]));
    const birth = new Map(net.persons.map((p) => [p.id, p.birth_date!]));
    const names = new Set<string>([...givenNames.female, ...givenNames.male]);
    for (const r of net.reports) {
      const child = children.get(r.child_id)!;
      expect(r.site_id).toBe(child.site_id);
      expect(r.received_on >= birth.get(child.person_id)!).toBe(true);
      expect(r.received_on <= AS_OF).toBe(true);
      if (r.incident_on) expect(r.incident_on <= r.received_on).toBe(true);
      if (r.disposition === "pending") expect(r.received_on > addDays(AS_OF, -30)).toBe(true);
      expect(r.reporter_name === null).toBe(r.reporter_role === "anonymous");
      if (r.reporter_name) {
        const [given, ...family] = r.reporter_name.split(" ");
        expect(names.has(given) || names.has(`${given} ${family[0]}`)).toBe(true);
        expect(familyNames).toContain(family[family.length - 1]);
      }
    }
    for (const [i, e] of net.episodes.entries()) {
      const previous = net.episodes[i - 1]?.child_id === e.child_id ? net.episodes[i - 1] : null;
      const led = (reportsOf.get(e.child_id) ?? []).filter(
        (r) =>
          r.received_on <= e.removal_date &&
          r.received_on >= addDays(e.removal_date, -21) &&
          (!previous || r.received_on >= previous.exit_date!),
      );
      expect(led.length, `a report led to the removal of ${e.removal_date}`).toBeGreaterThan(0);
    }
  });

  // National: S1 9.1 victimizations per 100,000 days in care, S2 9.4 % (research/metrics.md §5.2).
  it("make S1 and S2 about the nation's, with substantiated reports in care in every site's default 12 months", () => {
    let [victimizations, days, recurred, victims] = [0, 0, 0, 0];
    for (const seed of [1, 2, 3]) {
      for (const asOf of [AS_OF, "2027-01-15"]) {
        const net = generateDemoNetwork({ seed, scale: 1, asOf });
        for (const site of net.sites) {
          const results = computeMeasures(
            columnsFromHistories(siteHistories(net, site.id), [site.code]),
            trendEndingWith(defaultPeriodStart(dayOf(asOf)), 4),
          );
          for (const r of results) {
            victimizations += r.total.maltreatment_in_care.numerator!;
            days += r.total.maltreatment_in_care.denominator!;
            recurred += r.total.recurrence.numerator!;
            victims += r.total.recurrence.denominator!;
          }
          expect(
            results[results.length - 1].total.maltreatment_in_care.numerator,
            `${site.code} seed ${seed} ${asOf}`,
          ).toBeGreaterThan(0);
        }
      }
    }
    const s1 = (100_000 * victimizations) / days;
    const s2 = recurred / victims;
    expect(s1).toBeGreaterThan(6);
    expect(s1).toBeLessThan(13);
    expect(s2).toBeGreaterThan(0.065);
    expect(s2).toBeLessThan(0.14);
  });
});
