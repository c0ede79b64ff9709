import type { Insertable } from "kysely";
import type { Allegation, MaltreatmentReportTable, ReporterRole } from "../modules/children/index.js";
import { addYears, dayOf, isoOf } from "./calendar.js";
import type { DemoNetwork, GenerateOptions } from "./demo-network.js";
import { familyNames, givenNames } from "./names.js";
import { Random } from "./random.js";

export type DemoReport = Insertable<MaltreatmentReportTable> & { id: string };
type Disposition = NonNullable<DemoReport["disposition"]>;

/**
 * How often the demo's children are reported, so the CFSR safety indicators
 * read like the nation's (research/metrics.md §5.2: S1 9.1 victimizations per
 * 100,000 days in care, FY23; S2 9.4 % recurrence, FY23–24). At demo scale
 * (scale 1) a site has 17,000–22,000 days in care a year, so S1 at the
 * national rate is one to three substantiated reports in care a site-year;
 * S2 counts about 30 victims a site-year. Measured over seeds and days
 * (test/demo/maltreatment-history.test.ts): S1 ≈ 9.5, S2 ≈ 10 %.
 */
export const maltreatmentCalibration = {
  /** Substantiated reports in care per 100,000 days in care that S1 can count (from the 8th day of an episode). */
  substantiatedInCarePer100kDays: 9.5,
  /**
   * Reports in care that are not substantiated, per substantiated one: most allegations against caregivers are
   * unfounded.
   */
  otherInCarePerSubstantiated: 2,
  /** The report that led to a removal is substantiated; the rest inconclusive (a removal on the risk found). */
  removalSubstantiated: 0.9,
  /** An earlier report, 1–18 months before the one that led to removal (a family known to the hotline). */
  priorReport: 0.35,
  priorDisposition: { substantiated: 25, inconclusive: 30, unfounded: 45 },
  /**
   * After going home (reunification, relative, guardianship) without coming back into care: a new report within about a
   * year.
   */
  reReportAfterHome: 0.22,
  reReportSubstantiated: 0.5,
  /** After a substantiated report at home, another within the year. */
  secondReReport: 0.35,
  /** Share of reports that give the day of the incident. */
  incidentKnown: 0.7,
  /** An investigation takes up to about a month: reports younger than this are still pending on the demo's "now". */
  investigationDays: 30,
} as const;

const removalAllegation: Record<string, Allegation> = {
  neglect: "neglect",
  physical_abuse: "physical_abuse",
  sexual_abuse: "sexual_abuse",
  parental_substance_use: "neglect",
  caretaker_inability_to_cope: "neglect",
  abandonment: "neglect",
};
const removalReporters: Record<ReporterRole, number> = {
  law_enforcement: 22,
  medical: 18,
  teacher: 18,
  social_services: 14,
  relative: 10,
  neighbor: 8,
  anonymous: 7,
  other: 3,
};
const inCareReporters: Record<ReporterRole, number> = {
  teacher: 30,
  medical: 20,
  social_services: 25,
  relative: 12,
  anonymous: 10,
  other: 3,
  law_enforcement: 0,
  neighbor: 0,
};
const inCareAllegations: Record<Allegation, number> = {
  neglect: 40,
  physical_abuse: 30,
  emotional_abuse: 15,
  sexual_abuse: 10,
  exploitation: 2,
  other: 3,
};
const homeAllegations: Record<Allegation, number> = {
  neglect: 60,
  physical_abuse: 22,
  emotional_abuse: 8,
  sexual_abuse: 5,
  exploitation: 1,
  other: 4,
};
const REUNIFYING = new Set(["reunification", "relative", "guardianship"]);

interface EpisodeSpan {
  childId: string;
  siteId: string;
  removal: number;
  /** The first day not in care: the exit, or the day after the demo's "now". */
  end: number;
  exitReason: string | null;
  reentered: boolean;
  /** The end of the child's previous episode: reports before this removal come after it. */
  previousEnd: number;
  birth: number;
  eighteenth: number;
  familyKey: string;
  removalReason: string;
}

/**
 * The case records' maltreatment reports for the demo network: the report
 * (sometimes an earlier one too) that led to each removal, reports during
 * care spread evenly over each site's days in care at the calibrated rate —
 * a Poisson draw at this scale would leave some sites' 12 months without a
 * single one — and new reports after some children go home. Drawn from a
 * stream of their own, after the network is made, so every other record is
 * exactly what the seed made before reports existed. Reporters are invented.
 */
export function addMaltreatmentReports(net: DemoNetwork, options: GenerateOptions): DemoReport[] {
  const random = new Random(options.seed ^ 0x3e9047);
  const now = dayOf(options.asOf);
  const reports: DemoReport[] = [];
  const birthOf = new Map(net.persons.map((p) => [p.id, p.birth_date ?? null]));
  const children = new Map(net.children.map((c) => [c.id, c]));
  const motherOf = new Map<string, string>();
  for (const r of net.childRelations)
    if (r.kind === "birth_parent" && !motherOf.has(r.child_id)) motherOf.set(r.child_id, r.person_id);
  const spans: EpisodeSpan[] = net.episodes.map((e, i) => {
    const child = children.get(e.child_id)!;
    const birthDate = birthOf.get(child.person_id)!;
    const [previous, next] = [net.episodes[i - 1], net.episodes[i + 1]];
    return {
      childId: e.child_id,
      siteId: e.site_id,
      removal: dayOf(e.removal_date),
      end: e.exit_date ? dayOf(e.exit_date) : now + 1,
      exitReason: e.exit_reason ?? null,
      reentered: next?.child_id === e.child_id,
      previousEnd: previous?.child_id === e.child_id && previous.exit_date ? dayOf(previous.exit_date) : -Infinity,
      birth: dayOf(birthDate),
      eighteenth: dayOf(addYears(birthDate, 18)),
      familyKey: `${motherOf.get(e.child_id) ?? e.child_id}|${e.removal_date}`,
      removalReason: e.removal_reason,
    };
  });

  const report = (span: EpisodeSpan, day: number, fields: ReportFields) => {
    if (day > now || day < span.birth || day >= span.eighteenth) return;
    reports.push({
      id: random.uuid(),
      child_id: span.childId,
      site_id: span.siteId,
      received_on: isoOf(day),
      incident_on: fields.incident === null ? null : isoOf(Math.max(span.birth, Math.min(day, fields.incident))),
      allegation: fields.allegation,
      disposition: now - day < maltreatmentCalibration.investigationDays ? "pending" : fields.disposition,
      reporter_name: fields.name,
      reporter_role: fields.role,
    });
  };
  const reporter = (weights: Record<ReporterRole, number>) => {
    const role = random.weighted(weights);
    return {
      role,
      name:
        role === "anonymous"
          ? null
          : `${random.pick([...givenNames.female, ...givenNames.male])} ${random.pick(familyNames)}`,
    };
  };
  const incidentBefore = (day: number, maxDays: number) =>
    random.chance(maltreatmentCalibration.incidentKnown) ? day - random.int(0, maxDays) : null;

  // What led to each removal; siblings removed together share the hotline report (and any earlier one).
  const shared = new Map<
    string,
    { day: number; fields: ReportFields; prior: { day: number; fields: ReportFields } | null }
  >();
  for (const span of spans) {
    let removalReport = shared.get(span.familyKey);
    if (!removalReport) {
      const day = Math.max(span.previousEnd, span.removal - Math.min(21, 1 + Math.floor(random.exponential(4))));
      const fields: ReportFields = {
        allegation: removalAllegation[span.removalReason] ?? "neglect",
        disposition: random.chance(maltreatmentCalibration.removalSubstantiated) ? "substantiated" : "inconclusive",
        incident: incidentBefore(day, 10),
        ...reporter(removalReporters),
      };
      const priorDay = random.chance(maltreatmentCalibration.priorReport) ? day - random.int(30, 540) : null;
      const prior =
        priorDay === null || priorDay <= span.previousEnd
          ? null
          : {
              day: priorDay,
              fields: {
                allegation: random.weighted(homeAllegations),
                disposition: random.weighted(maltreatmentCalibration.priorDisposition),
                incident: incidentBefore(priorDay, 14),
                ...reporter(removalReporters),
              },
            };
      shared.set(span.familyKey, (removalReport = { day, fields, prior }));
    }
    if (removalReport.prior) report(span, removalReport.prior.day, removalReport.prior.fields);
    // A newborn removed at the hospital is reported on the day of birth.
    report(span, Math.max(span.birth, removalReport.day), removalReport.fields);
  }

  for (const siteId of new Set(spans.map((s) => s.siteId)))
    inCareReports(
      spans.filter((s) => s.siteId === siteId),
      { random, now, report, reporter },
    );

  // Back home: some families are reported again, a few of them again within the year (recurrence, S2). Children who
  // came back into care had their removal's report above.
  const { reReportAfterHome, reReportSubstantiated, secondReReport } = maltreatmentCalibration;
  const reReport = (span: EpisodeSpan, day: number, substantiated: boolean) =>
    report(span, day, {
      allegation: random.weighted(homeAllegations),
      disposition: substantiated ? "substantiated" : random.chance(0.4) ? "inconclusive" : "unfounded",
      incident: incidentBefore(day, 10),
      ...reporter(removalReporters),
    });
  for (const span of spans) {
    if (
      span.end > now ||
      !span.exitReason ||
      !REUNIFYING.has(span.exitReason) ||
      span.reentered ||
      !random.chance(reReportAfterHome)
    )
      continue;
    const day = span.end + 15 + Math.floor(random.exponential(150));
    const substantiated = random.chance(reReportSubstantiated);
    reReport(span, day, substantiated);
    if (substantiated && random.chance(secondReReport)) reReport(span, day + random.int(20, 330), random.chance(0.6));
  }
  return reports;
}

type ReportFields = {
  allegation: Allegation;
  disposition: Disposition;
  incident: number | null;
  role: ReporterRole;
  name: string | null;
};
interface Draw {
  random: Random;
  now: number;
  report(span: EpisodeSpan, day: number, fields: ReportFields): void;
  reporter(weights: Record<ReporterRole, number>): { role: ReporterRole; name: string | null };
}

/**
 * Reports during care at one site: walking its calendar, each day adds the
 * days in care S1 can count (from an episode's 8th day), and a substantiated
 * report falls on a child in care (any of them alike) whenever the running
 * total passes the next mark. Marks are 0.75–1.25 mean gaps apart, so every
 * 12 months of a site has about its expected count — a Poisson draw would
 * give some sites' years none — and the unsubstantiated ones follow marks of
 * their own.
 */
function inCareReports(spans: EpisodeSpan[], draw: Draw) {
  const { random, now, report, reporter } = draw;
  const { substantiatedInCarePer100kDays, otherInCarePerSubstantiated } = maltreatmentCalibration;
  const meanGap = 100_000 / substantiatedInCarePer100kDays;
  const gap = (mean: number) => mean * (0.75 + 0.5 * random.next());
  // Counted from removal + 7 (S1 leaves out the first 7 days), before the end of care and the 18th birthday.
  const windows = spans
    .map((s) => ({ span: s, from: s.removal + 7, to: Math.min(s.end, s.eighteenth, now + 1) }))
    .filter((w) => w.to > w.from)
    .sort((a, b) => a.from - b.from);
  if (windows.length === 0) return;
  let nextSubstantiated = random.next() * meanGap;
  let nextOther = random.next() * (meanGap / otherInCarePerSubstantiated);
  let total = 0;
  let active: typeof windows = [];
  let w = 0;
  for (let day = windows[0].from; day <= now; day++) {
    while (w < windows.length && windows[w].from <= day) active.push(windows[w++]);
    active = active.filter((a) => a.to > day);
    if (active.length === 0) continue;
    total += active.length;
    while (total >= nextSubstantiated || total >= nextOther) {
      const substantiated = nextSubstantiated <= nextOther;
      const { span } = random.pick(active);
      const incident = random.chance(maltreatmentCalibration.incidentKnown)
        ? Math.max(span.removal + 7, day - random.int(0, 10))
        : null;
      report(span, day, {
        allegation: random.weighted(inCareAllegations),
        disposition: substantiated ? "substantiated" : random.chance(0.7) ? "unfounded" : "inconclusive",
        incident,
        ...reporter(inCareReporters),
      });
      if (substantiated) nextSubstantiated += gap(meanGap);
      else nextOther += gap(meanGap / otherInCarePerSubstantiated);
    }
  }
}
