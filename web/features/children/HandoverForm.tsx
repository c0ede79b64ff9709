import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useSiteToday } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import type { CaseworkerChoicesView, HandoverInput, HandoverResult } from "./types";

/** Replaces the child's caseworker from a day; the child's open tasks move to the new caseworker's worklist. */
export function HandoverForm({ childId }: { childId: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const today = useSiteToday();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ caseworkerPersonId: "", handoverOn: today, reason: "" });
  const choices = useQuery({
    queryKey: ["team-caseworkers", childId],
    queryFn: () => api<CaseworkerChoicesView>(`/api/children/${childId}/team/caseworkers`),
    enabled: open,
  });
  const handover = useMutation({
    mutationFn: () =>
      api<HandoverResult>(`/api/children/${childId}/team/handover`, {
        method: "POST",
        body: form satisfies HandoverInput,
      }),
    onSuccess: () => {
      setOpen(false);
      setForm({ caseworkerPersonId: "", handoverOn: today, reason: "" });
      for (const key of ["team", "placements", "tasks", "child"])
        void client.invalidateQueries({ queryKey: [key, childId] });
    },
  });
  if (!open)
    return (
      <button type="button" className="usa-button usa-button--outline margin-top-2" onClick={() => setOpen(true)}>
        {t("handover.open")}
      </button>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    handover.mutate();
  };
  return (
    <form className="usa-form" onSubmit={submit} aria-labelledby="handover-title">
      <h3 id="handover-title" className="font-heading-sm">
        {t("handover.title")}
      </h3>
      <p className="usa-hint">{t("handover.explain")}</p>
      <ErrorAlert error={choices.error ?? handover.error} />
      <label className="usa-label" htmlFor="handover-to">
        {t("handover.to")}
      </label>
      <select
        className="usa-select"
        id="handover-to"
        required
        value={form.caseworkerPersonId}
        onChange={(e) => setForm({ ...form, caseworkerPersonId: e.target.value })}
      >
        <option value="">{t("handover.choose")}</option>
        {choices.data?.caseworkers
          .filter((c) => !c.current)
          .map((c) => (
            <option key={c.personId} value={c.personId}>
              {c.name}
            </option>
          ))}
      </select>
      <label className="usa-label" htmlFor="handover-on">
        {t("handover.on")}
      </label>
      <span className="usa-hint" id="handover-on-hint">
        {t("handover.onHint")}
      </span>
      <input
        className="usa-input"
        type="date"
        id="handover-on"
        required
        max={today}
        aria-describedby="handover-on-hint"
        value={form.handoverOn}
        onChange={(e) => setForm({ ...form, handoverOn: e.target.value })}
      />
      <label className="usa-label" htmlFor="handover-reason">
        {t("handover.reason")}
      </label>
      <input
        className="usa-input"
        id="handover-reason"
        required
        minLength={3}
        maxLength={500}
        value={form.reason}
        onChange={(e) => setForm({ ...form, reason: e.target.value })}
      />
      <button type="submit" className="usa-button margin-top-1" disabled={handover.isPending}>
        {t("handover.save")}
      </button>
      <button type="button" className="usa-button usa-button--unstyled margin-top-1" onClick={() => setOpen(false)}>
        {t("team.cancel")}
      </button>
    </form>
  );
}
