import { useI18n } from "../../i18n/i18n";
import { cellText, periodShort } from "./format";
import type { MeasureUnit, TrendPointView } from "./types";

/** A word-sized trend for the printed report; its name lists every point, so it reads without the picture. */
export function Sparkline({
  points,
  unit,
  measureName,
}: {
  points: TrendPointView[];
  unit: MeasureUnit;
  measureName: string;
}) {
  const { t, language } = useI18n();
  const width = 120;
  const height = 28;
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const max = Math.max(1e-9, ...values);
  const x = (i: number) => 3 + (points.length <= 1 ? 0 : (i * (width - 6)) / (points.length - 1));
  const y = (v: number) => height - 3 - (v / max) * (height - 6);
  let path = "";
  let drawing = false;
  points.forEach((p, i) => {
    if (p.value === null) return void (drawing = false);
    path += `${drawing ? "L" : "M"}${x(i).toFixed(1)},${y(p.value).toFixed(1)} `;
    drawing = true;
  });
  const label =
    `${measureName}: ` +
    `${points.map((p) => `${periodShort(language, p.period)} ${cellText(t, language, unit, p)}`).join(", ")}`;
  return (
    <svg
      className="qpi-sparkline"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={label}
    >
      <path d={path.trim()} fill="none" stroke="#005ea2" strokeWidth={2} />
      {points.map((p, i) =>
        p.value === null ? null : (
          <circle
            key={p.period.start}
            cx={x(i)}
            cy={y(p.value)}
            r={i === points.length - 1 ? 2.5 : 1.2}
            fill="#005ea2"
          />
        ),
      )}
    </svg>
  );
}
