import { useI18n } from "../../i18n/i18n";

/** One practice's deadlines in a span: met, missed, still open. */
export interface TimelinessRow {
  practice: string;
  onTime: number;
  late: number;
  overdue: number;
  pending: number;
  notRequired: number;
  onTimeRate: number | null;
}

/**
 * The practice-timeliness table, shared by the coordinators' timeliness page
 * (one per unit) and the outcomes dashboard (the site in a period). Stacked
 * cells carry their column name for phones.
 */
export function TimelinessTable({
  rows,
  caption,
  captionVisible = true,
  className = "usa-table--borderless usa-table--stacked",
}: {
  rows: TimelinessRow[];
  caption: string;
  captionVisible?: boolean;
  className?: string;
}) {
  const { t, formatNumber } = useI18n();
  const columns = [
    ["timeliness.onTime", (r: TimelinessRow) => formatNumber(r.onTime)],
    ["timeliness.late", (r: TimelinessRow) => formatNumber(r.late)],
    ["timeliness.overdue", (r: TimelinessRow) => formatNumber(r.overdue)],
    ["timeliness.pending", (r: TimelinessRow) => formatNumber(r.pending)],
    ["timeliness.notRequired", (r: TimelinessRow) => formatNumber(r.notRequired)],
    [
      "timeliness.rate",
      (r: TimelinessRow) => (r.onTimeRate === null ? "—" : `${formatNumber(Math.round(r.onTimeRate * 100))} %`),
    ],
  ] as const;
  return (
    <table className={`usa-table ${className} width-full`}>
      <caption className={captionVisible ? undefined : "usa-sr-only"}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("worklist.practice")}</th>
          {columns.map(([key]) => (
            <th scope="col" key={key}>
              {t(key)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.practice}>
            <th scope="row" data-label={t("worklist.practice")}>
              {t(`practice.name.${r.practice}`)}
            </th>
            {columns.map(([key, cell]) => (
              <td data-label={t(key)} key={key}>
                {cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
