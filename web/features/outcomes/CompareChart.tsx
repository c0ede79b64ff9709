import { useId } from "react";
import { useI18n } from "../../i18n/i18n";
import { cellText } from "./format";
import type { CompareView, MeasureUnit } from "./types";

/**
 * Horizontal bars, one per site (plain SVG: see TrendChart.tsx for why); a suppressed site has no bar, only the word.
 */
export function CompareChart({
  view,
  unit,
  title,
  desc,
}: {
  view: CompareView;
  unit: MeasureUnit;
  title: string;
  desc: string;
}) {
  const { t, language } = useI18n();
  const id = useId();
  const rowH = 30;
  const width = 640;
  const labelW = 200;
  const valueW = 110;
  const plotW = width - labelW - valueW;
  const height = view.rows.length * rowH + 24;
  const values = view.rows.map((r) => r.value).filter((v): v is number => v !== null);
  const max = Math.max(1e-9, ...values, view.national ?? 0) * 1.1;
  const x = (v: number) => labelW + (v / max) * plotW;
  return (
    <svg
      className="qpi-chart qpi-chart--bars"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {view.rows.map((row, i) => {
        const yTop = 8 + i * rowH;
        const name = row.name.length > 28 ? `${row.name.slice(0, 27)}…` : row.name;
        return (
          <g key={row.area}>
            <text x={labelW - 8} y={yTop + 17} textAnchor="end" fontSize={13} fill="#1b1b1b">
              {name}
            </text>
            {row.value !== null && (
              <rect
                x={labelW}
                y={yTop + 4}
                width={Math.max(1, x(row.value) - labelW)}
                height={rowH - 10}
                fill="#005ea2"
              />
            )}
            <text
              x={row.value !== null ? x(row.value) + 6 : labelW + 6}
              y={yTop + 17}
              fontSize={13}
              fill="#1b1b1b"
              fontStyle={row.value === null ? "italic" : undefined}
            >
              {cellText(t, language, unit, row, true)}
            </text>
          </g>
        );
      })}
      {view.national !== null && (
        <g>
          <line
            x1={x(view.national)}
            x2={x(view.national)}
            y1={4}
            y2={height - 16}
            stroke="#565c65"
            strokeWidth={1.5}
            strokeDasharray="5 4"
          />
          <text x={x(view.national)} y={height - 4} textAnchor="middle" fontSize={11} fill="#565c65">
            {t("outcomes.trend.national")}
          </text>
        </g>
      )}
    </svg>
  );
}
