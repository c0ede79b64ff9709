import { useState } from "react";
import { Link } from "react-router";
import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import { periodText } from "./format";
import { useDrillDown } from "./queries";
import type { DrillDownPart } from "./types";

type Part = DrillDownPart;

/**
 * The children behind a number, for staff who may open their records: the
 * server filters them through the children module's scope (a supervisor sees
 * their unit's) and audits the read. Loaded only when asked for, so merely
 * viewing a measure does not open children's records.
 */
export function DrillDownSection({
  area,
  measure,
  periodStart,
  hasNumerator,
}: {
  area: string;
  measure: string;
  periodStart: string;
  hasNumerator: boolean;
}) {
  const { t, formatDate } = useI18n();
  const [part, setPart] = useState<Part | null>(null);
  const drill = useDrillDown({ area, measure, periodStart, part: part ?? "denominator" }, part !== null);
  const parts: Part[] = hasNumerator ? ["denominator", "numerator"] : ["denominator"];
  return (
    <>
      <p>{t("outcomes.drill.audited")}</p>
      <ul className="usa-button-group">
        {parts.map((p) => (
          <li className="usa-button-group__item" key={p}>
            <button
              type="button"
              className={`usa-button ${part === p ? "" : "usa-button--outline"}`}
              aria-pressed={part === p}
              onClick={() => setPart(p)}
            >
              {t(`outcomes.drill.${p}`)}
            </button>
          </li>
        ))}
      </ul>
      <ErrorAlert error={drill.error} />
      {drill.data && part && (
        <div aria-live="polite">
          <p>
            {t("outcomes.drill.intro", {
              total: drill.data.total,
              period: periodText(t, formatDate, drill.data.period),
            })}
          </p>
          {drill.data.children.length === 0 ? (
            <p>{t("outcomes.drill.none")}</p>
          ) : (
            <DataTable
              caption={t(`outcomes.drill.${part}`)}
              layout="compact"
              scroll="region"
              rows={drill.data.children}
              rowKey={(c) => c.id}
              columns={[
                {
                  header: t("children.name"),
                  cell: (c) => (
                    <Link to={`/children/${c.id}`}>
                      {c.familyName}, {c.givenName}
                    </Link>
                  ),
                },
                { header: t("children.caseNumber"), cell: (c) => c.caseNumber },
                { header: t("children.birthDate"), cell: (c) => formatDate(c.birthDate) },
              ]}
            />
          )}
          {drill.data.notShown > 0 && (
            <p className="usa-hint">{t("outcomes.drill.notShown", { count: drill.data.notShown })}</p>
          )}
        </div>
      )}
    </>
  );
}
