import { useI18n } from "../../i18n/i18n";
import { formatBare } from "./format";
import type { CellView, MeasureUnit } from "./types";

/** A measure's value large with its unit small ("4.86 per 1,000 days"); "suppressed" or "No data" in words. */
export function StatValue({
  cell,
  unit,
  large = false,
  notMeasured = false,
}: {
  cell: CellView;
  unit: MeasureUnit;
  large?: boolean;
  notMeasured?: boolean;
}) {
  const { t, language } = useI18n();
  const className = `qpi-stat ${large ? "qpi-stat--large" : ""}`;
  if (notMeasured) return <p className={`${className} qpi-stat--none`}>{t("outcomes.notMeasured")}</p>;
  if (cell.suppressed.value) return <p className={`${className} qpi-stat--suppressed`}>{t("outcomes.suppressed")}</p>;
  if (cell.value === null) return <p className={`${className} qpi-stat--none`}>{t("outcomes.noData")}</p>;
  // The suffix carries its own spacing: "41.2%" in English, "41.2 %" in Spanish.
  const suffix = t(`outcomes.unitSuffix.${unit}`);
  return (
    <p className={className}>
      {formatBare(language, unit, cell.value)}
      {suffix && <span className="qpi-stat__unit">{suffix}</span>}
    </p>
  );
}
