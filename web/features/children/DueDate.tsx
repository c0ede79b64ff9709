import { useI18n } from "../../i18n/i18n";
import type { PracticeTask } from "./types";

/** A task's deadline: an instant for hour rules, a calendar day for day rules; with its state. */
export function DueDate({ task }: { task: PracticeTask }) {
  const { t, formatDate, language } = useI18n();
  // Read in the site's zone, named, whatever the browser's zone: a deadline is the site's. A day deadline ends
  // with that day at the site.
  const locale = language === "es" ? "es-US" : "en-US";
  const zone =
    new Intl.DateTimeFormat(locale, { timeZone: task.timeZone, timeZoneName: "short" })
      .formatToParts(task.dueAt ? new Date(task.dueAt) : new Date(`${task.dueOn}T12:00:00Z`))
      .find((p) => p.type === "timeZoneName")?.value ?? task.timeZone;
  const due = task.dueAt
    ? new Intl.DateTimeFormat(locale, {
        // dateStyle/timeStyle cannot be combined with timeZoneName: the medium date and short time spelled out.
        month: "short",
        day: "numeric",
        year: "numeric",
        hour: "numeric",
        minute: "2-digit",
        timeZone: task.timeZone,
        timeZoneName: "short",
      }).format(new Date(task.dueAt))
    : t("practice.dueDayEnd", { date: formatDate(task.dueOn), zone });
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
