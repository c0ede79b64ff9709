import { useQuery } from "@tanstack/react-query";
import { api } from "../../app/api";
import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import { usePracticeName } from "./practice-name";
import { RuleNote } from "./RuleNote";
import type { Rule, RuleCoverageView } from "./types";

/**
 * The network's rule sets side by side: for each practice and state, the rule in force today (where it comes from,
 * its deadline, its source) or "not established"; then which years each state's court-holiday table covers.
 */
export function CoveragePage() {
  const { t, formatDate } = useI18n();
  const practiceName = usePracticeName();
  const coverage = useQuery({
    queryKey: ["rules", "coverage"],
    queryFn: () => api<RuleCoverageView>("/api/rules/coverage"),
  });
  const data = coverage.data;
  const describe = (r: Rule) =>
    t(`rules.due.${r.dueDirection}`, {
      amount: r.dueAmount,
      unit: t(`rules.unit.${r.dueUnit}`),
      event: t(`rules.trigger.${r.trigger}`),
    });
  const ruleCell = (state: string, practice: string) => {
    const rules = data?.rules.filter((r) => r.stateCode === state && r.practice === practice) ?? [];
    if (rules.length === 0) return <span className="text-base">{t("coverage.notEstablished")}</span>;
    return (
      <ul className="usa-list usa-list--unstyled">
        {rules.map((r) => (
          <li key={r.id} className="margin-bottom-1">
            <span className="text-bold">{t(`coverage.layer.${r.layer}`)}:</span> {describe(r)}
            {r.appliesTo !== "all" && ` (${t(`rules.appliesTo.${r.appliesTo}`)})`}
            <div className="font-body-3xs">
              <a className="usa-link" href={r.sourceUrl} rel="noreferrer">
                {t("rules.source")}
                <span className="usa-sr-only">
                  {` ${t("coverage.sourceOf", { state, practice: practiceName(r.practice) })}`}
                </span>
              </a>
              {" · "}
              {r.effectiveFrom ? (
                t("coverage.since", { date: formatDate(r.effectiveFrom) })
              ) : (
                <RuleNote en={r.effectiveNote ?? ""} es={r.effectiveNoteEs} />
              )}
            </div>
          </li>
        ))}
      </ul>
    );
  };
  return (
    <>
      <h1>{t("coverage.title")}</h1>
      <p>{t("coverage.intro")}</p>
      <ErrorAlert error={coverage.error} />
      {data && (
        <>
          <h2 id="coverage-rules">{t("coverage.rulesHeading", { date: formatDate(data.onDay) })}</h2>
          <DataTable
            caption={t("coverage.rulesHeading", { date: formatDate(data.onDay) })}
            captionHidden
            rows={data.practices}
            rowKey={(p) => p}
            className="font-body-2xs"
            scroll="region"
            regionLabelledBy="coverage-rules"
            columns={[
              { header: t("worklist.practice"), cell: (p) => practiceName(p) },
              ...data.states.map((state) => ({ header: state, cell: (p: string) => ruleCell(state, p) })),
            ]}
          />
          <h2 id="coverage-holidays">{t("coverage.holidaysHeading")}</h2>
          <p>{t("coverage.holidaysIntro")}</p>
          <DataTable
            caption={t("coverage.holidaysHeading")}
            captionHidden
            rows={data.states}
            rowKey={(s) => s}
            columns={[
              { header: t("coverage.state"), cell: (s) => s },
              ...data.holidayYears.map((year) => ({
                header: String(year),
                cell: (s: string) => {
                  const row = data.holidays.find((h) => h.stateCode === s && h.year === year);
                  return row ? t("coverage.holidayCount", { count: row.count }) : t("coverage.notEstablished");
                },
              })),
              {
                header: t("rules.source"),
                cell: (s) => {
                  const row = data.holidays.find((h) => h.stateCode === s);
                  return row ? (
                    <a className="usa-link" href={row.sourceUrl} rel="noreferrer" title={row.sourceNote}>
                      {t("coverage.holidaySource", { state: s })}
                    </a>
                  ) : (
                    t("coverage.notEstablished")
                  );
                },
              },
            ]}
          />
        </>
      )}
    </>
  );
}
