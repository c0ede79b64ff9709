import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import type { ImproveDashboardView } from "./types";

type Barrier = ImproveDashboardView["barriers"][number];

function ActionForm({ barrier, siteId }: { barrier: Barrier; siteId: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [form, setForm] = useState({ actionTitle: "", owner: "", dueOn: "" });
  const add = useMutation({
    mutationFn: () => api(`/api/improve/barriers/${barrier.id}/action-items`, { method: "POST", body: form }),
    onSuccess: () => {
      setForm({ actionTitle: "", owner: "", dueOn: "" });
      void client.invalidateQueries({ queryKey: ["improve", "dashboard", siteId] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  const id = (f: string) => `${f}-${barrier.id}`;
  return (
    <details>
      <summary>{t("plan.addAction")}</summary>
      <form className="usa-form" onSubmit={submit}>
        <ErrorAlert error={add.error} />
        <label className="usa-label" htmlFor={id("title")}>
          {t("plan.action")}
        </label>
        <input
          className="usa-input"
          id={id("title")}
          required
          minLength={3}
          value={form.actionTitle}
          onChange={(e) => setForm({ ...form, actionTitle: e.target.value })}
        />
        <label className="usa-label" htmlFor={id("owner")}>
          {t("plan.owner")}
        </label>
        <input
          className="usa-input"
          id={id("owner")}
          required
          minLength={2}
          value={form.owner}
          onChange={(e) => setForm({ ...form, owner: e.target.value })}
        />
        <label className="usa-label" htmlFor={id("due")}>
          {t("plan.dueOn")}
        </label>
        <input
          className="usa-input"
          id={id("due")}
          type="date"
          required
          value={form.dueOn}
          onChange={(e) => setForm({ ...form, dueOn: e.target.value })}
        />
        <button className="usa-button margin-top-1" type="submit">
          {t("plan.addActionButton")}
        </button>
      </form>
    </details>
  );
}

function ActionStatus({ item, siteId }: { item: Barrier["actions"][number]; siteId: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: (actionStatus: string) =>
      api(`/api/improve/action-items/${item.id}/status`, {
        method: "POST",
        body: { actionStatus, version: item.version },
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["improve", "dashboard", siteId] }),
  });
  return (
    <>
      <label className="usa-sr-only" htmlFor={`status-${item.id}`}>
        {t("plan.statusOf", { action: item.title })}
      </label>
      <select
        className="usa-select"
        id={`status-${item.id}`}
        value={item.status}
        onChange={(e) => change.mutate(e.target.value)}
      >
        {(["not_started", "in_progress", "done"] as const).map((s) => (
          <option key={s} value={s}>
            {t(`plan.status.${s}`)}
          </option>
        ))}
      </select>
      <ErrorAlert error={change.error} />
    </>
  );
}

/** The steering committee's view of the site: open barriers, overdue action items, the measures each should move. */
export function ImproveDashboardPage() {
  const { t, formatDate } = useI18n();
  const { data: session } = useSession();
  const site = session?.roles.find((r) => ["qpi_coordinator", "supervisor", "site_admin"].includes(r.role));
  const board = useQuery({
    queryKey: ["improve", "dashboard", site?.siteId],
    queryFn: () => api<ImproveDashboardView>(`/api/improve/sites/${site!.siteId}/dashboard`),
    enabled: Boolean(site),
  });
  const d = board.data;
  return (
    <>
      <h1>{t("plan.title", { site: site?.siteName ?? "" })}</h1>
      <p className="usa-intro">{t("plan.intro")}</p>
      <ErrorAlert error={board.error} />
      {d && (
        <>
          <ul className="qpi-cards usa-list usa-list--unstyled">
            {(["barriersOpen", "barriersResolved", "actionsOnTime", "actionsOverdue", "actionsDone"] as const).map(
              (k) => (
                <li key={k} className="qpi-card">
                  <p className="font-sans-xl text-bold margin-0">{d.counts[k]}</p>
                  <p className="margin-0">{t(`plan.count.${k}`)}</p>
                </li>
              ),
            )}
          </ul>
          {d.barriers.map((b) => (
            <section key={b.id} className="qpi-card margin-bottom-2" aria-labelledby={`barrier-${b.id}`}>
              <h2 id={`barrier-${b.id}`} className="margin-top-0">
                {b.title} <span className="usa-tag">{t(`plan.barrier.${b.status}`)}</span>
              </h2>
              <p>
                {t(`plan.source.${b.source}`)} · {b.workGroup ?? t("plan.noGroup")} ·{" "}
                {t("plan.raisedOn", { date: formatDate(b.raisedOn) })}
              </p>
              {b.measureIds.length > 0 && (
                <p>
                  {t("plan.measures")}{" "}
                  {b.measureIds.map((m, i) => (
                    <span key={m}>
                      {i > 0 && ", "}
                      {t(`outcomes.measure.${m}.name`)}
                    </span>
                  ))}
                </p>
              )}
              <table className="usa-table usa-table--stacked width-full">
                <caption>{t("plan.actionsOf", { barrier: b.title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("plan.action")}</th>
                    <th scope="col">{t("plan.owner")}</th>
                    <th scope="col">{t("plan.dueOn")}</th>
                    <th scope="col">{t("plan.statusHeading")}</th>
                  </tr>
                </thead>
                <tbody>
                  {b.actions.map((a) => (
                    <tr key={a.id}>
                      <th scope="row" data-label={t("plan.action")}>
                        {a.title}
                      </th>
                      <td data-label={t("plan.owner")}>{a.owner}</td>
                      <td data-label={t("plan.dueOn")}>
                        {formatDate(a.dueOn)}{" "}
                        {a.overdue && <span className="usa-tag bg-secondary-dark">{t("plan.overdue")}</span>}
                      </td>
                      <td data-label={t("plan.statusHeading")}>
                        {d.mayManage && site ? (
                          <ActionStatus item={a} siteId={site.siteId} />
                        ) : (
                          t(`plan.status.${a.status}`)
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {d.mayManage && site && <ActionForm barrier={b} siteId={site.siteId} />}
            </section>
          ))}
        </>
      )}
    </>
  );
}
