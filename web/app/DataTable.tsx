import type { ReactNode } from "react";

/** One column: its name, and what each row shows in it. */
export interface Column<Row> {
  /** The column's name: its header, and the label a stacked cell shows on a phone (data-label). */
  header: string;
  /** What the header shows when more than the name (a note under it); the name still labels stacked cells. */
  headerContent?: ReactNode;
  /** A header for screen readers only (a column of buttons). */
  headerHidden?: boolean;
  cell(row: Row): ReactNode;
  /** Classes of the column's cells. */
  className?: string;
}

/**
 * How the table lays out: `stacked` turns each row into a block on a phone,
 * every cell labelled with its column (USWDS stacked table); `compact` is a
 * dense table of figures that scrolls sideways on a phone; `plain` is a short
 * borderless table.
 */
export type TableLayout = "stacked" | "compact" | "plain";

const layoutClass: Record<TableLayout, string> = {
  stacked: "usa-table usa-table--borderless usa-table--stacked width-full",
  compact: "usa-table usa-table--borderless usa-table--compact",
  plain: "usa-table usa-table--borderless",
};

/**
 * The one table of the web app (USWDS). Every table has a caption (shown, or
 * for screen readers only when a heading already names it), column headers
 * with scope, the first column as the row's header, and a data-label on every
 * cell for the stacked phone layout.
 *
 * `scroll` is the box around it: `wrap` lets a wide table scroll sideways;
 * `region` does too and makes the box a named, focusable region, so someone
 * without a mouse can scroll it (WCAG 2.1.1; axe "scrollable-region-focusable").
 */
export function DataTable<Row>({
  caption,
  captionHidden = false,
  columns,
  rows,
  rowKey,
  layout = "stacked",
  rowHeader = true,
  className,
  scroll = "wrap",
  regionLabel,
  regionLabelledBy,
}: {
  caption: string;
  captionHidden?: boolean;
  /** Columns; `false` leaves one out (a figure the measure does not have). */
  columns: (Column<Row> | false)[];
  rows: readonly Row[];
  rowKey(row: Row): string | number;
  layout?: TableLayout;
  /** The first column names the row (th scope="row"); false when no column does. */
  rowHeader?: boolean;
  /** More classes of the table element. */
  className?: string;
  scroll?: "none" | "wrap" | "region";
  /** The region's name (default: the caption). */
  regionLabel?: string;
  /** The id of a heading naming the region, instead of regionLabel. */
  regionLabelledBy?: string;
}) {
  const shown = columns.filter((c): c is Column<Row> => c !== false);
  const table = (
    <table className={className ? `${layoutClass[layout]} ${className}` : layoutClass[layout]}>
      <caption className={captionHidden ? "usa-sr-only" : undefined}>{caption}</caption>
      <thead>
        <tr>
          {shown.map((c) => (
            <th scope="col" key={c.header}>
              {c.headerHidden ? <span className="usa-sr-only">{c.header}</span> : (c.headerContent ?? c.header)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {shown.map((c, i) =>
              rowHeader && i === 0 ? (
                <th scope="row" data-label={c.header} className={c.className} key={c.header}>
                  {c.cell(row)}
                </th>
              ) : (
                <td data-label={c.header} className={c.className} key={c.header}>
                  {c.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (scroll === "none") return table;
  if (scroll === "wrap") return <div className="qpi-table-wrap">{table}</div>;
  return (
    <div
      className="qpi-table-wrap"
      role="region"
      aria-label={regionLabelledBy ? undefined : (regionLabel ?? caption)}
      aria-labelledby={regionLabelledBy}
      tabIndex={0}
    >
      {table}
    </div>
  );
}
