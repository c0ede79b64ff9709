import { useId } from "react";
import { useI18n } from "../../i18n/i18n";
import { formatNumber, formatValue, periodShort } from "./format";
import type { MeasureUnit, TrendPointView } from "./types";

/*
 * Charts are plain SVG components rather than a charting library. The
 * candidates (Recharts, Chart.js, Nivo, Observable Plot) either draw on a
 * canvas — nothing for a screen reader, blurry in print — or add 100–400 kB
 * for two chart shapes whose accessible names, descriptions and data tables
 * we would still have to supply ourselves. A line and a set of bars in SVG
 * are a few dozen lines each, print sharp at any size, take USWDS colours and
 * read as one image with a title and description (role="img"), with the same
 * figures in a real table beside or under them.
 */

const COLORS = { line: "#005ea2", national: "#565c65", launch: "#b50909", grid: "#dfe1e2", text: "#1b1b1b" };

export interface TrendChartProps {
  points: TrendPointView[];
  unit: MeasureUnit;
  measureName: string;
  national: number | null;
  launchDate: string | null;
  /** Card size (small) or the measure page's (large). */
  size?: "small" | "large";
}

function niceMax(max: number, unit: MeasureUnit): number {
  if (max <= 0) return unit === "percent" ? 10 : 1;
  const padded = max * 1.15;
  if (unit === "percent") return Math.min(100, Math.ceil(padded / 5) * 5);
  const magnitude = 10 ** Math.floor(Math.log10(padded));
  return Math.ceil(padded / magnitude) * magnitude;
}

/**
 * A line of 12-month periods: gaps where a figure is suppressed or missing, the national figure dashed, QPI's launch
 * marked.
 */
export function TrendChart({ points, unit, measureName, national, launchDate, size = "small" }: TrendChartProps) {
  const { t, language, formatDate } = useI18n();
  const id = useId();
  const width = size === "large" ? 640 : 320;
  const height = size === "large" ? 240 : 150;
  // Text stays about 12 px on screen whatever the chart's drawn width.
  const fontSize = size === "large" ? 13 : 14;
  const margin = { top: 12, right: size === "large" ? 30 : 14, bottom: 28, left: size === "large" ? 52 : 48 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const yMax = niceMax(Math.max(0, ...values, national ?? 0), unit);
  const x = (i: number) => margin.left + (points.length <= 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v: number) => margin.top + plotH - (v / yMax) * plotH;

  // One path with a move at every gap: suppressed or missing periods break the line.
  let path = "";
  let drawing = false;
  points.forEach((p, i) => {
    if (p.value === null) {
      drawing = false;
      return;
    }
    path += `${drawing ? "L" : "M"}${x(i).toFixed(1)},${y(p.value).toFixed(1)} `;
    drawing = true;
  });
  const launchIndex = points.findIndex((p) => p.launch === "spans" || p.launch === "after");
  const showLaunch = launchDate !== null && launchIndex > 0;
  const first = points[0];
  const last = points[points.length - 1];
  const desc = [
    t("outcomes.trend.desc", { measure: measureName }),
    national !== null ? t("outcomes.trend.descNational", { value: formatValue(t, language, unit, national) }) : "",
    showLaunch ? t("outcomes.trend.descLaunch", { date: formatDate(launchDate) }) : "",
    values.length < points.length ? t("outcomes.trend.gap") : "",
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <div className={`qpi-chart-box qpi-chart-box--${size}`}>
      <svg
        className={`qpi-chart qpi-chart--${size}`}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>
          {first && last
            ? t("outcomes.trend.title", {
                measure: measureName,
                first: periodShort(language, first.period),
                last: periodShort(language, last.period),
              })
            : measureName}
        </title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {[0, yMax / 2, yMax].map((tick) => (
          <g key={tick}>
            <line
              x1={margin.left}
              x2={width - margin.right}
              y1={y(tick)}
              y2={y(tick)}
              stroke={COLORS.grid}
              strokeWidth={1}
            />
            <text x={margin.left - 6} y={y(tick) + 4} textAnchor="end" fontSize={fontSize} fill={COLORS.text}>
              {formatNumber(language, tick, tick % 1 === 0 ? 0 : 1)}
            </text>
          </g>
        ))}
        {national !== null && national <= yMax && (
          <g>
            <line
              x1={margin.left}
              x2={width - margin.right}
              y1={y(national)}
              y2={y(national)}
              stroke={COLORS.national}
              strokeWidth={1.5}
              strokeDasharray="5 4"
            />
          </g>
        )}
        {showLaunch && (
          <g>
            <line
              x1={(x(launchIndex) + x(launchIndex - 1)) / 2}
              x2={(x(launchIndex) + x(launchIndex - 1)) / 2}
              y1={margin.top}
              y2={margin.top + plotH}
              stroke={COLORS.launch}
              strokeWidth={1.5}
            />
            <text
              x={(x(launchIndex) + x(launchIndex - 1)) / 2 + 3}
              y={margin.top + 10}
              fontSize={fontSize - 1}
              fill={COLORS.launch}
            >
              {t("outcomes.trend.launch")}
            </text>
          </g>
        )}
        <path d={path.trim()} fill="none" stroke={COLORS.line} strokeWidth={2.5} strokeLinejoin="round" />
        {points.map((p, i) =>
          p.value === null ? (
            // No value: a tick on the axis (never a dot at zero, which would read as 0).
            <line
              key={p.period.start}
              x1={x(i)}
              x2={x(i)}
              y1={margin.top + plotH - 4}
              y2={margin.top + plotH + 4}
              stroke={COLORS.national}
              strokeWidth={1.5}
            />
          ) : (
            <circle
              key={p.period.start}
              cx={x(i)}
              cy={y(p.value)}
              r={3.5}
              fill={p.followUpComplete ? COLORS.line : "#fff"}
              stroke={COLORS.line}
              strokeWidth={2}
            />
          ),
        )}
        {points.map((p, i) =>
          // The large chart names every period; the card's names the first and the last.
          size === "large" || i === 0 || i === points.length - 1 ? (
            <text
              key={p.period.start}
              x={x(i)}
              y={height - 8}
              textAnchor={size === "large" ? "middle" : i === 0 ? "start" : "end"}
              fontSize={fontSize}
              fill={COLORS.text}
            >
              {periodShort(language, p.period)}
            </text>
          ) : null,
        )}
      </svg>
      {/* The legend repeats what the description says, for sighted readers. */}
      <p className="qpi-chart-legend" aria-hidden="true">
        <span className="qpi-key qpi-key--line" /> {t("outcomes.trend.legendSite")}
        {national !== null && (
          <>
            <span className="qpi-key qpi-key--national" /> {t("outcomes.trend.legendNational")}
          </>
        )}
        {showLaunch && (
          <>
            <span className="qpi-key qpi-key--launch" /> {t("outcomes.trend.legendLaunch")}
          </>
        )}
        {values.length < points.length && (
          <>
            <span className="qpi-key qpi-key--gap" /> {t("outcomes.trend.legendGap")}
          </>
        )}
      </p>
    </div>
  );
}
