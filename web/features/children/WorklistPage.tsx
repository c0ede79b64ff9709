import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../app/api";
import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { Loading } from "../../app/Loading";
import { useI18n } from "../../i18n/i18n";
import { DueDate } from "./DueDate";
import type { PracticeTask, TaskListView } from "./types";

/** What is overdue and due in the next two weeks across the user's children. */
export function WorklistPage() {
  const { t } = useI18n();
  const worklist = useQuery({
    queryKey: ["worklist"],
    queryFn: () => api<TaskListView>("/api/worklist?withinDays=14"),
  });
  const tasks = worklist.data?.tasks ?? [];
  const overdue = tasks.filter((x) => x.overdue);
  const soon = tasks.filter((x) => !x.overdue);
  const table = (rows: PracticeTask[], caption: string) => (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(task) => task.id}
      columns={[
        {
          header: t("worklist.child"),
          cell: (task) => <Link to={`/children/${task.childId}`}>{task.childName}</Link>,
        },
        { header: t("worklist.practice"), cell: (task) => t(`practice.name.${task.practice}`) },
        { header: t("practice.due"), cell: (task) => <DueDate task={task} /> },
      ]}
    />
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
