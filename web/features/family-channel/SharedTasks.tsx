import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { CasePlanTasksView, CasePlanTaskView } from "./types";

/** The case-plan tasks the agency shares with the birth parent, with due dates; the parent marks progress. */
export function SharedTasks({ childId }: { childId: string }) {
  const { t } = useI18n();
  const tasks = useQuery({
    queryKey: ["case-plan", "parent", childId],
    queryFn: () => api<CasePlanTasksView>(`/api/family/children/${childId}/case-plan-tasks`),
  });
  return (
    <section aria-labelledby="case-plan-heading" className="qpi-card margin-bottom-2">
      <h2 id="case-plan-heading">{t("casePlan.title")}</h2>
      <ErrorAlert error={tasks.error} />
      {tasks.data?.tasks.length === 0 && <p>{t("casePlan.none")}</p>}
      <ul className="usa-list usa-list--unstyled">
        {tasks.data?.tasks.map((task) => (
          <TaskItem key={task.id} task={task} childId={childId} />
        ))}
      </ul>
    </section>
  );
}

function TaskItem({ task, childId }: { task: CasePlanTaskView; childId: string }) {
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const [note, setNote] = useState("");
  const [status, setStatus] = useState<"in_progress" | "done">(task.status === "done" ? "done" : "in_progress");
  const save = useMutation({
    mutationFn: () =>
      api(`/api/family/children/${childId}/case-plan-tasks/${task.id}/progress`, {
        method: "POST",
        body: { status, note },
      }),
    onSuccess: () => {
      setNote("");
      void client.invalidateQueries({ queryKey: ["case-plan", "parent", childId] });
    },
  });
  const id = task.id.slice(0, 8);
  const last = task.updates.at(-1);
  return (
    <li className="border-bottom border-base-lighter padding-y-1">
      <strong>{task.title}</strong> · {t(`casePlan.kind.${task.kind}`)}
      <div>
        {task.dueOn ? t("casePlan.due", { date: formatDate(task.dueOn) }) : t("casePlan.noDue")} ·{" "}
        {t(`casePlan.status.${task.status}`)}
      </div>
      {last?.note && <div className="qpi-prewrap font-body-2xs">{t("casePlan.lastNote", { note: last.note })}</div>}
      <form
        className="usa-form maxw-full"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <ErrorAlert error={save.error} />
        <label className="usa-label" htmlFor={`task-status-${id}`}>
          {t("casePlan.progress")}
        </label>
        <select
          className="usa-select"
          id={`task-status-${id}`}
          value={status}
          onChange={(e) => setStatus(e.target.value as "in_progress" | "done")}
        >
          <option value="in_progress">{t("casePlan.status.in_progress")}</option>
          <option value="done">{t("casePlan.status.done")}</option>
        </select>
        <label className="usa-label" htmlFor={`task-note-${id}`}>
          {t("casePlan.note")}
        </label>
        <textarea
          className="usa-textarea"
          id={`task-note-${id}`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <button type="submit" className="usa-button usa-button--outline margin-top-1" disabled={save.isPending}>
          {t("casePlan.save")}
        </button>
      </form>
    </li>
  );
}
