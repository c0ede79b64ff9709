import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../app/api";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import type { DeadlinesView } from "./types";

/** Home for RFA workers: approval and CPR deadlines coming up or overdue, and homes whose availability is stale. */
export function DeadlinesCard() {
  const { t, formatDate } = useI18n();
  const session = useSession();
  const siteId = session.data?.roles.find((r) => r.role === "rfa_worker")?.siteId ?? "";
  const data = useQuery({
    queryKey: ["household-deadlines", siteId],
    queryFn: () => api<DeadlinesView>(`/api/households/deadlines?siteId=${siteId}`),
    enabled: Boolean(siteId),
  });
  const tasks = data.data?.tasks ?? [];
  const overdue = tasks.filter((task) => task.overdue).length;
  return (
    <section className="qpi-card" aria-labelledby="homes-deadlines-card">
      <h2 id="homes-deadlines-card">{t("homes.card.title")}</h2>
      {data.isPending && <p>{t("common.loading")}</p>}
      {data.data && (
        <>
          <p className={`qpi-stat ${overdue > 0 ? "text-secondary-dark" : ""}`}>{overdue}</p>
          <p>{t("homes.card.summary", { overdue, soon: tasks.length - overdue })}</p>
          <ul className="usa-list usa-list--unstyled">
            {tasks.slice(0, 6).map((task) => (
              <li key={task.id} className="margin-bottom-1">
                <Link to={`/households/${task.householdId}`}>{task.householdName}</Link>{" "}
                <span className={task.overdue ? "text-secondary-dark" : "text-base"}>
                  · {t(`homes.task.${task.kind}`, { date: formatDate(task.dueOn) })}
                </span>
              </li>
            ))}
          </ul>
          <p>{t("homes.card.stale", { count: data.data.staleAvailability })}</p>
          <Link className="usa-button usa-button--outline" to="/households?stage=pipeline">
            {t("homes.card.open")}
          </Link>
        </>
      )}
    </section>
  );
}
