import { useI18n } from "../../i18n/i18n";
import type { PracticeTask } from "./types";

/** A task's deadline: an instant for hour rules, a calendar day for day rules; with its state. */
export function DueDate({ task }: { task: PracticeTask }) {
  const { t, formatDate, language } = useI18n();
  const due = task.dueAt
    ? new Intl.DateTimeFormat(language === "es" ? "es-US" : "en-US", {
        dateStyle: "medium",
        timeStyle: "short",
      }).format(new Date(task.dueAt))
    : formatDate(task.dueOn);
  return (
    <>
      {due}{" "}
      {task.status === "open" && task.overdue && (
        <span className="usa-tag bg-secondary-dark">{t("practice.overdue")}</span>
      )}
      {task.status === "completed" && (
        <span className={`usa-tag ${task.onTime ? "bg-green" : "bg-accent-warm-dark"}`}>
          {t(task.onTime ? "practice.onTime" : "practice.late")}
        </span>
      )}
      {task.status === "not_required" && <span className="usa-tag bg-base">{t("practice.notRequired")}</span>}
    </>
  );
}
