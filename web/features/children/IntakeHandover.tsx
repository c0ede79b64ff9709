import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { IntakeAnswersInput, IntakeDraftHandedOverView, IntakeDraftHandoverInput, IntakeDraftView } from "./types";

/**
 * Hands the unfinished intake to another worker of its site (a shift ends, the case goes to the worker who will
 * carry it). What is typed on the open step is saved first, so the colleague gets every answer.
 */
export function IntakeHandover({
  draft,
  answers,
  step,
  version,
  onHanded,
}: {
  draft: IntakeDraftView;
  answers: IntakeAnswersInput;
  step: IntakeDraftView["step"];
  version: number;
  onHanded: (to: IntakeDraftHandedOverView["heldBy"]) => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ toUserId: "", note: "" });
  const handover = useMutation({
    mutationFn: async () => {
      const saved = await api<IntakeDraftView>(`/api/intake/drafts/${draft.id}`, {
        method: "PUT",
        body: { step, answers, version },
      });
      const body: IntakeDraftHandoverInput = {
        toUserId: form.toUserId,
        version: saved.version,
        ...(form.note.trim() ? { note: form.note } : {}),
      };
      return api<IntakeDraftHandedOverView>(`/api/intake/drafts/${draft.id}/handover`, { method: "POST", body });
    },
    onSuccess: (done) => {
      void client.invalidateQueries({ queryKey: ["intake-drafts"] });
      onHanded(done.heldBy);
    },
  });
  if (draft.handoverTo.length === 0) return null;
  if (!open)
    return (
      <button type="button" className="usa-button usa-button--outline margin-top-2" onClick={() => setOpen(true)}>
        {t("intake.handover.open")}
      </button>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    handover.mutate();
  };
  return (
    <form className="usa-form maxw-tablet margin-top-3" onSubmit={submit} aria-labelledby="intake-handover-title">
      <h2 id="intake-handover-title" className="font-heading-md">
        {t("intake.handover.title")}
      </h2>
      <p className="usa-hint">{t("intake.handover.explain")}</p>
      <ErrorAlert error={handover.error} />
      <label className="usa-label" htmlFor="intake-handover-to">
        {t("intake.handover.to")}
      </label>
      <select
        className="usa-select"
        id="intake-handover-to"
        required
        value={form.toUserId}
        onChange={(e) => setForm({ ...form, toUserId: e.target.value })}
      >
        <option value="">{t("intake.choose")}</option>
        {draft.handoverTo.map((w) => (
          <option key={w.userId} value={w.userId}>
            {w.name}
          </option>
        ))}
      </select>
      <label className="usa-label" htmlFor="intake-handover-note">
        {t("intake.handover.note")}
      </label>
      <input
        className="usa-input"
        id="intake-handover-note"
        maxLength={500}
        value={form.note}
        onChange={(e) => setForm({ ...form, note: e.target.value })}
      />
      <button type="submit" className="usa-button margin-top-1" disabled={handover.isPending}>
        {t("intake.handover.save")}
      </button>
      <button type="button" className="usa-button usa-button--unstyled margin-top-1" onClick={() => setOpen(false)}>
        {t("team.cancel")}
      </button>
    </form>
  );
}
