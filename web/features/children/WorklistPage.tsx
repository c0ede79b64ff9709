import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { Loading } from "../../app/Loading";
import { useI18n } from "../../i18n/i18n";
import { DueDate } from "./DueDate";
import type { PracticeTask } from "./practice-types";

/** What is overdue and due in the next two weeks across the user's children. */
export function WorklistPage() {
  const { t } = useI18n();
  const worklist = useQuery({
    queryKey: ["worklist"],
    queryFn: () => api<{ tasks: PracticeTask[] }>("/api/worklist?withinDays=14"),
  });
  const tasks = worklist.data?.tasks ?? [];
  const overdue = tasks.filter((x) => x.overdue);
  const soon = tasks.filter((x) => !x.overdue);
  const table = (rows: PracticeTask[], caption: string) => (
    <div className="qpi-table-wrap">
      <table className="usa-table usa-table--borderless usa-table--stacked width-full">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("worklist.child")}</th>
            <th scope="col">{t("worklist.practice")}</th>
            <th scope="col">{t("practice.due")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((task) => (
            <tr key={task.id}>
              <th scope="row" data-label={t("worklist.child")}>
                <Link to={`/children/${task.childId}`}>{task.childName}</Link>
              </th>
              <td data-label={t("worklist.practice")}>{t(`practice.name.${task.practice}`)}</td>
              <td data-label={t("practice.due")}>
                <DueDate task={task} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <>
      <h1>{t("worklist.title")}</h1>
      <ErrorAlert error={worklist.error} />
      {worklist.isLoading && <Loading label={t("common.loading")} />}
      {worklist.data && (
        <>
          <p aria-live="polite">{t("worklist.summary", { overdue: overdue.length, soon: soon.length })}</p>
          {overdue.length > 0 && table(overdue, t("worklist.overdue"))}
          {soon.length > 0 && table(soon, t("worklist.soon"))}
          {tasks.length === 0 && <p>{t("worklist.empty")}</p>}
        </>
      )}
    </>
  );
}
