import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { addDays, useSiteToday } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import type { ShareInput, ShareListView } from "./types";

/**
 * Access separate from assignment: share the record with a named user of the
 * site (a CASA volunteer, a therapist, a worker covering) for a reason until a
 * date; see who it is shared with and end a share. Shown to those who may share
 * this child's record (the server answers 403/404 to anyone else, and the section hides).
 */
export function SharesSection({ childId }: { childId: string }) {
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const shares = useQuery({
    queryKey: ["shares", childId],
    queryFn: () => api<ShareListView>(`/api/children/${childId}/shares`),
    retry: false,
  });
  const today = useSiteToday();
  const inDays = (days: number) => addDays(today, days);
  const [form, setForm] = useState({ email: "", reason: "", endsOn: inDays(30) });
  const refresh = () => client.invalidateQueries({ queryKey: ["shares", childId] });
  const grant = useMutation({
    mutationFn: () => api(`/api/children/${childId}/shares`, { method: "POST", body: form satisfies ShareInput }),
    onSuccess: () => {
      setForm({ email: "", reason: "", endsOn: inDays(30) });
      void refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/children/${childId}/shares/${id}/revoke`, { method: "POST" }),
    onSuccess: () => void refresh(),
  });
  if (shares.error instanceof ApiError && (shares.error.status === 403 || shares.error.status === 404)) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    grant.mutate();
  };
  return (
    <section aria-labelledby="shares-heading">
      <h2 id="shares-heading">{t("share.title")}</h2>
      <p className="usa-hint">{t("share.explain")}</p>
      <ErrorAlert error={shares.error ?? revoke.error} />
      {shares.data?.shares.length === 0 && <p>{t("share.none")}</p>}
      <ul className="usa-list usa-list--unstyled">
        {shares.data?.shares.map((s) => (
          <li key={s.id} className="border-bottom border-base-lighter padding-y-1">
            <strong>{s.name}</strong> · {s.email}{" "}
            <span className={`usa-tag ${s.status === "active" ? "bg-green" : "bg-base"}`}>
              {t(`share.status.${s.status}`)}
            </span>
            <div>{t("share.until", { reason: s.reason, date: formatDate(s.endsOn) })}</div>
            <div className="font-body-2xs text-base">
              {t("share.grantedBy", { name: s.grantedByName, date: formatDate(s.grantedAt) })}
              {s.revokedAt &&
                ` · ${t("share.revokedBy", { name: s.revokedByName ?? "—", date: formatDate(s.revokedAt) })}`}
            </div>
            {s.status === "active" && (
              <button
                type="button"
                className="usa-button usa-button--outline margin-top-05"
                onClick={() => revoke.mutate(s.id)}
              >
                {t("share.revoke", { name: s.name })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form className="usa-form" onSubmit={submit} aria-labelledby="share-add">
        <h3 id="share-add" className="font-heading-sm">
          {t("share.add")}
        </h3>
        <ErrorAlert error={grant.error} />
        <label className="usa-label" htmlFor="share-email">
          {t("share.email")}
        </label>
        <span className="usa-hint" id="share-email-hint">
          {t("share.emailHint")}
        </span>
        <input
          className="usa-input"
          id="share-email"
          type="email"
          required
          aria-describedby="share-email-hint"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
        />
        <label className="usa-label" htmlFor="share-reason">
          {t("share.reason")}
        </label>
        <span className="usa-hint" id="share-reason-hint">
          {t("share.reasonHint")}
        </span>
        <input
          className="usa-input"
          id="share-reason"
          required
          minLength={3}
          maxLength={500}
          aria-describedby="share-reason-hint"
          value={form.reason}
          onChange={(e) => setForm({ ...form, reason: e.target.value })}
        />
        <label className="usa-label" htmlFor="share-ends">
          {t("share.endsOn")}
        </label>
        <input
          className="usa-input"
          id="share-ends"
          type="date"
          required
          value={form.endsOn}
          onChange={(e) => setForm({ ...form, endsOn: e.target.value })}
        />
        <button type="submit" className="usa-button margin-top-1" disabled={grant.isPending}>
          {t("share.submit")}
        </button>
      </form>
    </section>
  );
}
