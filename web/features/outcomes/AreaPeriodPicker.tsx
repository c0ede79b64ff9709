import { useI18n } from "../../i18n/i18n";
import type { Area } from "./types";

/** Choose the site (or imported area) and the 12-month period; the choice lives in the address. */
export function AreaPeriodPicker({
  areas,
  area,
  periodStart,
  onChange,
  showPeriod = true,
}: {
  areas: Area[];
  area: Area;
  periodStart: string | undefined;
  onChange(next: { area?: string; period?: string | null }): void;
  showPeriod?: boolean;
}) {
  const { t, formatDate } = useI18n();
  const selected = periodStart ?? area.defaultPeriodStart ?? "";
  return (
    <div className="qpi-pickers qpi-no-print">
      {areas.length > 1 && (
        <div className="usa-form-group margin-top-0">
          <label className="usa-label margin-top-0" htmlFor="outcomes-area">
            {t("outcomes.area")}
          </label>
          <select
            className="usa-select"
            id="outcomes-area"
            value={area.code}
            onChange={(e) => onChange({ area: e.target.value, period: null })}
          >
            {areas.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name} ({a.stateCode})
              </option>
            ))}
          </select>
        </div>
      )}
      {showPeriod && area.periodStarts.length > 0 && (
        <div className="usa-form-group margin-top-0">
          <label className="usa-label margin-top-0" htmlFor="outcomes-period">
            {t("outcomes.period")}
          </label>
          <select
            className="usa-select"
            id="outcomes-period"
            value={selected}
            onChange={(e) => onChange({ period: e.target.value })}
          >
            {area.periodStarts.map((start) => (
              <option key={start} value={start}>
                {t("outcomes.periodRange", { start: formatDate(start), end: formatDate(endOf(start)) })}
                {start > (area.defaultPeriodStart ?? "") ? ` — ${t("outcomes.compare.provisional")}` : ""}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}

/** The last day of the 12 months starting on `start` (same rule as the server's periods). */
export function endOf(start: string): string {
  const [y, m, d] = start.split("-").map(Number);
  const targetMonthLast = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  const sameDay = new Date(Date.UTC(y + 1, m - 1, Math.min(d, targetMonthLast)));
  return new Date(sameDay.getTime() - 86_400_000).toISOString().slice(0, 10);
}
