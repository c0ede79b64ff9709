import { useI18n } from "../../i18n/i18n";
import type { TrainingProgressView } from "./types";

/** Hours earned this year against the state's annual requirement, with the rule's source. */
export function ProgressSummary({ progress }: { progress: TrainingProgressView }) {
  const { t, formatNumber } = useI18n();
  const { requirement } = progress;
  return (
    <div data-testid="training-progress">
      <p className="qpi-stat">
        {requirement.hours === null
          ? formatNumber(progress.earnedHours)
          : `${formatNumber(progress.earnedHours)} / ${formatNumber(requirement.hours)}`}
      </p>
      <p>
        {requirement.hours === null
          ? t("training.hoursNoRule", { earned: progress.earnedHours, year: progress.year })
          : t("training.hoursOf", {
              earned: progress.earnedHours,
              required: requirement.hours,
              owed: progress.owedHours ?? 0,
              year: progress.year,
            })}
      </p>
      <p className="font-sans-2xs">
        {requirement.note}{" "}
        {requirement.sourceUrl && (
          <a href={requirement.sourceUrl} rel="noreferrer">
            {t("training.source")}
          </a>
        )}
      </p>
    </div>
  );
}
