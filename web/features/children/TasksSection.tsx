import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import { DueDate } from "./DueDate";
import { usePracticeName } from "./practice-name";
import { RuleNote } from "./RuleNote";
import { TaskForm } from "./TaskForm";
import type { TaskListView } from "./types";

/** The child's QPI practice tasks: what is due, what was done, by whom, on time or not. */
export function TasksSection({ childId, mayComplete }: { childId: string; mayComplete: boolean }) {
  const { t } = useI18n();
  const practiceName = usePracticeName();
  const [open, setOpen] = useState<string | null>(null);
  const tasks = useQuery({
    queryKey: ["tasks", childId],
    queryFn: () => api<TaskListView>(`/api/children/${childId}/tasks`),
  });
  return (
    <section aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">{t("practice.tasks")}</h2>
      <ErrorAlert error={tasks.error} />
      {tasks.data && tasks.data.tasks.length === 0 && <p>{t("practice.noTasks")}</p>}
      {tasks.data && tasks.data.tasks.length > 0 && (
        <ul className="usa-list usa-list--unstyled">
          {tasks.data.tasks.map((task) => (
            <li key={task.id} className="border-bottom border-base-lighter padding-y-1">
              <div className="display-flex flex-wrap flex-justify flex-align-center">
                <div>
                  <strong>{practiceName(task.practice, task.practiceLabel)}</strong>
                  <div className="font-body-2xs text-base">
                    {t("practice.due")}: <DueDate task={task} />
                  </div>
                  {task.status === "completed" && (
                    <div className="font-body-2xs">
                      {t("practice.doneBy", {
                        outcome: t(`practice.outcome.${task.outcome}`),
                        name: task.completedByName ?? "—",
                      })}
                    </div>
                  )}
                  {task.status === "not_required" && task.notRequiredReason === "placement_ended" && (
                    <div className="font-body-2xs">{t("practice.placementEnded")}</div>
                  )}
                  {task.status === "not_required" && task.notRequiredReason === "move_withdrawn" && (
                    <div className="font-body-2xs">{t("practice.moveWithdrawn")}</div>
                  )}
                  {task.status === "not_required" &&
                    task.notRequiredReason !== "placement_ended" &&
                    task.notRequiredReason !== "move_withdrawn" && (
                      <div className="font-body-2xs">
                        {t("practice.excludedBecause", {
                          reason: (task.notRequiredReason ?? "")
                            .split(",")
                            .map((r) => t(`practice.exclusion.${r}`))
                            .join(", "),
                        })}
                      </div>
                    )}
                  <div className="font-body-3xs text-base">
                    {t("practice.rule")} ({t(`rules.layer.${task.ruleLayer}`)}):{" "}
                    <RuleNote en={task.ruleNote} es={task.ruleNoteEs} />{" "}
                    <a href={task.ruleSource} rel="noreferrer" target="_blank">
                      {t("practice.source")}
                    </a>
                  </div>
                </div>
                {mayComplete && task.status === "open" && (
                  <button
                    type="button"
                    className="usa-button usa-button--outline margin-top-1"
                    aria-expanded={open === task.id}
                    onClick={() => setOpen(open === task.id ? null : task.id)}
                  >
                    {t("practice.recordNamed", { practice: practiceName(task.practice, task.practiceLabel) })}
                  </button>
                )}
              </div>
              {open === task.id && <TaskForm task={task} onDone={() => setOpen(null)} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
