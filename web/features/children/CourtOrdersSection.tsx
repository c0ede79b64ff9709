import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useSiteToday } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import type { CourtOrder, CourtOrderInput, CourtOrderListView } from "./types";

type Kind = CourtOrderInput["kind"];
const kinds: Kind[] = ["no_contact", "no_contact_disclosure"];

/**
 * Court orders of the child (no contact, no disclosure of the caregiver's
 * address and phone): those in force and their effect on what the birth
 * parents see, recording one and ending one. For staff who may write the record.
 */
export function CourtOrdersSection({ childId }: { childId: string }) {
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const today = useSiteToday();
  const orders = useQuery({
    queryKey: ["court-orders", childId],
    queryFn: () => api<CourtOrderListView>(`/api/children/${childId}/court-orders`),
    retry: false,
  });
  const [form, setForm] = useState<{ kind: Kind | ""; startsOn: string; endsOn: string; note: string }>({
    kind: "",
    startsOn: today,
    endsOn: "",
    note: "",
  });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ["court-orders", childId] });
    void client.invalidateQueries({ queryKey: ["placements", childId] });
  };
  const record = useMutation({
    mutationFn: () =>
      api<CourtOrder>(`/api/children/${childId}/court-orders`, {
        method: "POST",
        body: {
          kind: form.kind as Kind,
          startsOn: form.startsOn,
          ...(form.endsOn ? { endsOn: form.endsOn } : {}),
          ...(form.note.trim() ? { note: form.note.trim() } : {}),
        } satisfies CourtOrderInput,
      }),
    onSuccess: () => {
      setForm({ kind: "", startsOn: today, endsOn: "", note: "" });
      refresh();
    },
  });
  const end = useMutation({
    mutationFn: (order: CourtOrder) =>
      api(`/api/children/${childId}/court-orders/${order.id}/end`, {
        method: "POST",
        body: { endsOn: today, version: order.version },
      }),
    onSuccess: refresh,
  });
  if (orders.error instanceof ApiError && (orders.error.status === 403 || orders.error.status === 404)) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate();
  };
  const hidden = orders.data?.effect.caregiverContactHiddenFromBirthParents;
  return (
    <section aria-labelledby="court-orders-heading">
      <h2 id="court-orders-heading">{t("courtOrder.title")}</h2>
      <ErrorAlert error={orders.error ?? end.error} />
      {orders.data && (
        <div className={`usa-alert usa-alert--slim ${hidden ? "usa-alert--warning" : "usa-alert--info"}`}>
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t(hidden ? "courtOrder.effectHidden" : "courtOrder.effectNone")}</p>
          </div>
        </div>
      )}
      {orders.data?.orders.length === 0 && <p>{t("courtOrder.none")}</p>}
      <ul className="usa-list usa-list--unstyled">
        {orders.data?.orders.map((o) => (
          <li key={o.id} className="border-bottom border-base-lighter padding-y-1">
            <strong>{t(`courtOrder.kind.${o.kind}`)}</strong>{" "}
            <span className={`usa-tag ${o.status === "active" ? "bg-secondary-dark" : "bg-base"}`}>
              {t(`courtOrder.status.${o.status}`)}
            </span>
            <div>
              {o.endsOn
                ? t("courtOrder.between", { from: formatDate(o.startsOn), to: formatDate(o.endsOn) })
                : t("courtOrder.from", { from: formatDate(o.startsOn) })}
            </div>
            {o.note && <div className="font-body-2xs">{o.note}</div>}
            <div className="font-body-2xs text-base">
              {t("courtOrder.recordedBy", { name: o.recordedByName ?? "—", date: formatDate(o.recordedAt) })}
              {o.endedByName && ` · ${t("courtOrder.endedBy", { name: o.endedByName })}`}
            </div>
            {o.status !== "ended" && (
              <button
                type="button"
                className="usa-button usa-button--outline usa-button--small margin-top-05"
                disabled={end.isPending}
                onClick={() => end.mutate(o)}
              >
                {t("courtOrder.endToday", { kind: t(`courtOrder.kind.${o.kind}`) })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form className="usa-form" onSubmit={submit} aria-labelledby="court-order-add">
        <h3 id="court-order-add" className="font-heading-sm">
          {t("courtOrder.add")}
        </h3>
        <ErrorAlert error={record.error} />
        <label className="usa-label" htmlFor="court-order-kind">
          {t("courtOrder.kindLabel")}
        </label>
        <select
          className="usa-select"
          id="court-order-kind"
          required
          value={form.kind}
          onChange={(e) => setForm({ ...form, kind: e.target.value as Kind | "" })}
        >
          <option value="">{t("courtOrder.choose")}</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`courtOrder.kind.${k}`)}
            </option>
          ))}
        </select>
        <label className="usa-label" htmlFor="court-order-from">
          {t("courtOrder.startsOn")}
        </label>
        <input
          className="usa-input"
          type="date"
          id="court-order-from"
          required
          value={form.startsOn}
          onChange={(e) => setForm({ ...form, startsOn: e.target.value })}
        />
        <label className="usa-label" htmlFor="court-order-to">
          {t("courtOrder.endsOn")}
        </label>
        <span className="usa-hint" id="court-order-to-hint">
          {t("courtOrder.endsOnHint")}
        </span>
        <input
          className="usa-input"
          type="date"
          id="court-order-to"
          aria-describedby="court-order-to-hint"
          value={form.endsOn}
          onChange={(e) => setForm({ ...form, endsOn: e.target.value })}
        />
        <label className="usa-label" htmlFor="court-order-note">
          {t("courtOrder.note")}
        </label>
        <textarea
          className="usa-textarea"
          id="court-order-note"
          maxLength={1000}
          value={form.note}
          onChange={(e) => setForm({ ...form, note: e.target.value })}
        />
        <button type="submit" className="usa-button margin-top-1" disabled={record.isPending}>
          {t("courtOrder.save")}
        </button>
      </form>
    </section>
  );
}
