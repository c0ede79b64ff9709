import { DataTable, type TableLayout } from "../../app/DataTable";
import { useI18n } from "../../i18n/i18n";
import { usePracticeName } from "./practice-name";
import type { PracticeTimeliness } from "./types";

/**
 * The practice-timeliness table, shared by the coordinators' timeliness page
 * (one per unit) and the outcomes dashboard (the site in a period). Stacked
 * cells carry their column name for phones.
 */
export function TimelinessTable({
  rows,
  caption,
  captionVisible = true,
  layout = "stacked",
  className,
  scroll = "wrap",
}: {
  rows: PracticeTimeliness[];
  caption: string;
  captionVisible?: boolean;
  layout?: TableLayout;
  className?: string;
  scroll?: "wrap" | "region";
}) {
  const { t, formatNumber } = useI18n();
  const practiceName = usePracticeName();
  const count = (key: string, value: (r: PracticeTimeliness) => number) => ({
    header: t(key),
    cell: (r: PracticeTimeliness) => formatNumber(value(r)),
  });
  return (
    <DataTable
      caption={caption}
      captionHidden={!captionVisible}
      layout={layout}
      className={className}
      scroll={scroll}
      rows={rows}
      rowKey={(r) => r.practice}
      columns={[
        { header: t("worklist.practice"), cell: (r) => practiceName(r.practice) },
        count("timeliness.onTime", (r) => r.onTime),
        count("timeliness.late", (r) => r.late),
        count("timeliness.overdue", (r) => r.overdue),
        count("timeliness.pending", (r) => r.pending),
        count("timeliness.notRequired", (r) => r.notRequired),
        {
          header: t("timeliness.rate"),
          cell: (r) => (r.onTimeRate === null ? "—" : `${formatNumber(Math.round(r.onTimeRate * 100))} %`),
        },
      ]}
    />
  );
}
