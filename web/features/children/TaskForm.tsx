import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useSiteToday } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { usePracticeName } from "./practice-name";
import type { PracticeTask, TaskCompleteInput, TaskProgressInput } from "./types";

const outcomes: Record<string, string[]> = {
  comfort_call: ["held", "declined", "not_safe"],
  icebreaker: ["held", "declined", "not_safe"],
  planned_move_notice: ["sent"],
  emergency_move_notice: ["sent"],
  health_education_summary: ["delivered"],
  medication_handover: ["handed_over", "none_in_agency_possession"],
  cft_meeting: ["held"],
  sibling_visit: ["held", "cancelled"],
  hearing_caregiver_notice: ["sent"],
  caregiver_court_report: ["received_and_forwarded"],
};

const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** Records a practice as done, with what the practice asks to record. */
export function TaskForm({ task, onDone }: { task: PracticeTask; onDone(): void }) {
  const { t } = useI18n();
  const practiceName = usePracticeName();
  const client = useQueryClient();
  const d = task.details as Record<string, unknown>;
  // Nothing preselected: an outcome nobody chose ("held") would be recorded as if it had happened.
  const [outcome, setOutcome] = useState("");
  const [notes, setNotes] = useState("");
  const [scheduledFor, setScheduledFor] = useState(String(d.scheduledFor ?? ""));
  const [participants, setParticipants] = useState(((d.participants as string[]) ?? []).join(", "));
  const [allAboutMe, setAllAboutMe] = useState("");
  const [meetOurFamily, setMeetOurFamily] = useState("");
  const [agreement, setAgreement] = useState(false);
  const [evaluation, setEvaluation] = useState("");
  const [sentOn, setSentOn] = useState(useSiteToday());
  const [recipients, setRecipients] = useState({ caregiver: true, birthParents: true, childAttorney: true });
  const id = (name: string) => `task-${task.id}-${name}`;
  const refresh = () =>
    client.invalidateQueries({ predicate: (q) => ["tasks", "worklist"].includes(String(q.queryKey[0])) });

  const complete = useMutation({
    mutationFn: () => {
      const details: Record<string, unknown> = { outcome };
      if (notes) details.notes = notes;
      if (task.practice === "icebreaker")
        Object.assign(details, {
          participants: list(participants),
          coParentingAgreement: agreement,
          ...(scheduledFor ? { scheduledFor } : {}),
          ...(allAboutMe ? { allAboutMe } : {}),
          ...(meetOurFamily ? { meetOurFamily } : {}),
          ...(evaluation ? { evaluation } : {}),
        });
      if (task.practice === "cft_meeting") details.participants = list(participants);
      if (task.practice === "planned_move_notice") Object.assign(details, { sentOn, recipients });
      if (task.practice === "emergency_move_notice") details.recipients = recipients;
      return api(`/api/tasks/${task.id}/complete`, {
        method: "POST",
        body: { version: task.version, details } satisfies TaskCompleteInput,
      });
    },
    onSuccess: () => {
      void refresh();
      onDone();
    },
  });
  const schedule = useMutation({
    mutationFn: () =>
      api(`/api/tasks/${task.id}`, {
        method: "PATCH",
        body: {
          version: task.version,
          details: { ...(scheduledFor ? { scheduledFor } : {}), participants: list(participants) },
        } satisfies TaskProgressInput,
      }),
    onSuccess: () => void refresh(),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    complete.mutate();
  };
  const text = (name: string, value: string, set: (v: string) => void) => (
    <>
      <label className="usa-label" htmlFor={id(name)}>
        {t(`practice.field.${name}`)}
      </label>
      <textarea className="usa-textarea" id={id(name)} rows={2} value={value} onChange={(e) => set(e.target.value)} />
    </>
  );
  return (
    <form
      className="usa-form maxw-tablet"
      onSubmit={submit}
      aria-label={practiceName(task.practice, task.practiceLabel)}
    >
      <ErrorAlert error={complete.error ?? schedule.error} />
      {task.practice === "icebreaker" && (
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">{t("practice.icebreaker.schedule")}</legend>
          <label className="usa-label" htmlFor={id("scheduledFor")}>
            {t("practice.field.scheduledFor")}
          </label>
          <input
            className="usa-input"
            type="date"
            id={id("scheduledFor")}
            value={scheduledFor}
            onChange={(e) => setScheduledFor(e.target.value)}
          />
          <label className="usa-label" htmlFor={id("participants")}>
            {t("practice.field.participants")}
          </label>
          <input
            className="usa-input"
            id={id("participants")}
            value={participants}
            onChange={(e) => setParticipants(e.target.value)}
          />
          <button
            type="button"
            className="usa-button usa-button--outline margin-top-1"
            onClick={() => schedule.mutate()}
          >
            {t("practice.icebreaker.saveSchedule")}
          </button>
        </fieldset>
      )}
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">{t("practice.field.outcome")}</legend>
        {outcomes[task.practice].map((o) => (
          <div className="usa-radio" key={o}>
            <input
              className="usa-radio__input"
              type="radio"
              id={id(`outcome-${o}`)}
              name={id("outcome")}
              value={o}
              required
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />
            <label className="usa-radio__label" htmlFor={id(`outcome-${o}`)}>
              {t(`practice.outcome.${o}`)}
            </label>
          </div>
        ))}
      </fieldset>
      {task.practice === "cft_meeting" && (
        <>
          <label className="usa-label" htmlFor={id("participants")}>
            {t("practice.field.participants")}
          </label>
          <input
            className="usa-input"
            id={id("participants")}
            value={participants}
            onChange={(e) => setParticipants(e.target.value)}
          />
        </>
      )}
      {task.practice === "icebreaker" && (
        <>
          {text("allAboutMe", allAboutMe, setAllAboutMe)}
          {text("meetOurFamily", meetOurFamily, setMeetOurFamily)}
          <div className="usa-checkbox margin-top-2">
            <input
              className="usa-checkbox__input"
              type="checkbox"
              id={id("agreement")}
              checked={agreement}
              onChange={(e) => setAgreement(e.target.checked)}
            />
            <label className="usa-checkbox__label" htmlFor={id("agreement")}>
              {t("practice.field.coParentingAgreement")}
            </label>
          </div>
          {text("evaluation", evaluation, setEvaluation)}
        </>
      )}
      {task.practice === "planned_move_notice" && (
        <>
          <label className="usa-label" htmlFor={id("sentOn")}>
            {t("practice.field.sentOn")}
          </label>
          <input
            className="usa-input"
            type="date"
            id={id("sentOn")}
            value={sentOn}
            onChange={(e) => setSentOn(e.target.value)}
          />
        </>
      )}
      {(task.practice === "planned_move_notice" || task.practice === "emergency_move_notice") && (
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">{t("practice.field.recipients")}</legend>
          {(["caregiver", "birthParents", "childAttorney"] as const).map((r) => (
            <div className="usa-checkbox" key={r}>
              <input
                className="usa-checkbox__input"
                type="checkbox"
                id={id(`to-${r}`)}
                checked={recipients[r]}
                onChange={(e) => setRecipients({ ...recipients, [r]: e.target.checked })}
              />
              <label className="usa-checkbox__label" htmlFor={id(`to-${r}`)}>
                {t(`practice.recipient.${r}`)}
              </label>
            </div>
          ))}
        </fieldset>
      )}
      {text("notes", notes, setNotes)}
      <button type="submit" className="usa-button margin-top-2" disabled={complete.isPending}>
        {t("practice.record")}
      </button>
    </form>
  );
}
