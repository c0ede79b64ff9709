import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../app/api";
import { useI18n } from "../../i18n/i18n";
import type { TrainingRecommendationsView } from "./types";

type Reason = TrainingRecommendationsView["items"][number]["reasons"][number];

/** Home for caregivers: items for the children placed in the home now, a new placement, and the hours still owed. */
export function TrainingRecommendedCard() {
  const { t } = useI18n();
  const recommended = useQuery({
    queryKey: ["training-recommended"],
    queryFn: () => api<TrainingRecommendationsView>("/api/training/recommended"),
  });
  const why = (reason: Reason) => {
    const name = reason.childName ?? "";
    switch (reason.kind) {
      case "new_placement":
        return t("training.why.new_placement", { name });
      case "child_age":
        return t("training.why.child_age", { name, age: reason.age ?? 0 });
      case "child_need":
        return t(`training.why.need.${reason.need ?? "behaviour"}`, { name });
      default:
        return t("training.why.hours_owed", { hours: recommended.data?.owedHours ?? 0 });
    }
  };
  return (
    <section className="qpi-card" aria-labelledby="training-recommended">
      <h2 id="training-recommended">{t("training.recommended")}</h2>
      {recommended.isPending && <p>{t("common.loading")}</p>}
      {recommended.data && recommended.data.items.length === 0 && <p>{t("training.recommendedNone")}</p>}
      {recommended.data && recommended.data.items.length > 0 && (
        <ul className="usa-list usa-list--unstyled" data-testid="training-recommended">
          {recommended.data.items.map((item) => (
            <li key={item.code} className="margin-bottom-1">
              <Link to={`/training/items/${encodeURIComponent(item.code)}`}>{item.title}</Link>
              <p className="font-sans-2xs margin-y-0">
                {why(item.reasons[0])} · {t("training.creditHours", { hours: item.creditHours })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
