import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../app/api";
import { useI18n } from "../../i18n/i18n";
import { ProgressSummary } from "./ProgressSummary";
import type { TrainingProgressView } from "./types";

/** Home for caregivers: training hours this year, and the way to the library. */
export function TrainingHoursCard() {
  const { t } = useI18n();
  const progress = useQuery({
    queryKey: ["training-progress"],
    queryFn: () => api<TrainingProgressView>("/api/training/progress"),
  });
  return (
    <section className="qpi-card" aria-labelledby="training-card">
      <h2 id="training-card">{t("training.myHours")}</h2>
      {progress.isPending && <p>{t("common.loading")}</p>}
      {progress.data && <ProgressSummary progress={progress.data} />}
      <Link className="usa-button usa-button--outline" to="/training">
        {t("training.openLibrary")}
      </Link>
    </section>
  );
}
