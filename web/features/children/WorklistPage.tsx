import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { Loading } from "../../app/Loading";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { DueDate } from "./DueDate";
import { usePracticeName } from "./practice-name";
import { TaskForm } from "./TaskForm";
import type { WorklistCountsView, WorklistView, WorklistWindow } from "./types";

const windows: WorklistWindow[] = ["overdue", "today", "week", "all"];
const practices = [
  "comfort_call",
  "icebreaker",
  "planned_move_notice",
  "emergency_move_notice",
  "health_education_summary",
  "medication_handover",
  "cft_meeting",
  "sibling_visit",
  "hearing_caregiver_notice",
  "caregiver_court_report",
];

/**
 * The user's practice tasks, open before done and by due time, filtered by due window, practice, child and
 * caseworker; the filters live in the URL so a figure elsewhere (timeliness) can open exactly its tasks. Each open
 * task's form opens in place.
 */
export function WorklistPage() {
  const { t } = useI18n();
  const practiceName = usePracticeName();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState<string | null>(null);
  const mayComplete = useSession().data?.abilities.includes("practice:complete") ?? false;
  const window = (windows as string[]).includes(params.get("window") ?? "")
    ? (params.get("window") as WorklistWindow)
    : "week";
  const practice = params.get("practice") ?? "";
  const childId = params.get("childId") ?? "";
  const caseworker = params.get("caseworker") ?? "";
  const query = new URLSearchParams({ window });
  if (practice) query.set("practice", practice);
  if (childId) query.set("childId", childId);
  if (caseworker) query.set("caseworker", caseworker);
  const worklist = useQuery({
    queryKey: ["worklist", query.toString()],
    queryFn: () => api<WorklistView>(`/api/worklist?${query}`),
  });
  // Every child and caseworker with a task in reach, for the filters (the same scope as the list).
  const everything = useQuery({
    queryKey: ["worklist", "filters"],
    queryFn: () => api<WorklistView>("/api/worklist?window=all"),
  });
  const caseworkers = useQuery({
    queryKey: ["worklist", "counts", "all"],
    queryFn: () => api<WorklistCountsView>("/api/worklist/counts?window=all"),
  });
  const children = [
    ...new Map((everything.data?.tasks ?? []).map((task) => [task.childId, task.childName])).entries(),
  ].sort((a, b) => a[1].localeCompare(b[1]));
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const tasks = worklist.data?.tasks ?? [];
  const select = (name: string, label: string, value: string, options: [string, string][], any?: string) => (
    <div className="margin-right-2">
      <label className="usa-label" htmlFor={`worklist-${name}`}>
        {label}
      </label>
      <select
        className="usa-select"
        id={`worklist-${name}`}
        value={value}
        onChange={(e) => setFilter(name, e.target.value)}
      >
        {any !== undefined && <option value="">{any}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      <h1>{t("worklist.title")}</h1>
      <form className="usa-form maxw-none display-flex flex-wrap" aria-label={t("worklist.filters")}>
        {select(
          "window",
          t("worklist.window"),
          window,
          windows.map((w) => [w, t(`worklist.window.${w}`)]),
        )}
        {select(
          "practice",
          t("worklist.practice"),
          practice,
          practices.map((p) => [p, practiceName(p)]),
          t("worklist.anyPractice"),
        )}
        {select("childId", t("worklist.child"), childId, children, t("worklist.anyChild"))}
        {select(
          "caseworker",
          t("worklist.caseworker"),
          caseworker,
          (caseworkers.data?.byCaseworker ?? []).map((c) => [
            c.caseworkerId ?? "none",
            c.name ?? t("timeliness.noUnit"),
          ]),
          t("worklist.anyCaseworker"),
        )}
      </form>
      <ErrorAlert error={worklist.error} />
      {worklist.isLoading && <Loading label={t("common.loading")} />}
      {worklist.data && (
        <>
          <p aria-live="polite">
            {t("worklist.count", { count: worklist.data.total, window: t(`worklist.window.${window}`) })}{" "}
            {worklist.data.total > tasks.length && t("worklist.cut", { shown: tasks.length })}
          </p>
          {tasks.length === 0 && <p>{t("worklist.empty")}</p>}
          <ul className="usa-list usa-list--unstyled" aria-label={t("worklist.title")}>
            {tasks.map((task) => (
              <li key={task.id} className="border-bottom border-base-lighter padding-y-1">
                <div className="display-flex flex-wrap flex-justify flex-align-center">
                  <div>
                    <strong>{practiceName(task.practice, task.practiceLabel)}</strong> ·{" "}
                    <Link to={`/children/${task.childId}`}>{task.childName}</Link>
                    <div className="font-body-2xs">
                      {t("practice.due")}: <DueDate task={task} />
                    </div>
                  </div>
                  {mayComplete && task.status === "open" && (
                    <button
                      type="button"
                      className="usa-button usa-button--outline margin-top-1"
                      aria-expanded={open === task.id}
                      onClick={() => setOpen(open === task.id ? null : task.id)}
                    >
                      {t("worklist.recordFor", {
                        practice: practiceName(task.practice, task.practiceLabel),
                        child: task.childName,
                      })}
                    </button>
                  )}
                </div>
                {open === task.id && <TaskForm task={task} onDone={() => setOpen(null)} />}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
