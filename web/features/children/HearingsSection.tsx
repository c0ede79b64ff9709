import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type {
  CaregiverReportAmendmentInput,
  CaregiverReportInput,
  CaregiverReportReceiptInput,
  ChildAbilities,
  HearingInput,
  HearingListView,
} from "./types";
import { UnusualDateConfirm } from "./UnusualDateConfirm";

/** Court hearings; the caregiver writes a report to the court here, staff mark it received and forwarded. */
export function HearingsSection({ childId, abilities }: { childId: string; abilities: ChildAbilities }) {
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const hearings = useQuery({
    queryKey: ["hearings", childId],
    queryFn: () => api<HearingListView>(`/api/children/${childId}/hearings`),
  });
  const refresh = () =>
    client.invalidateQueries({ predicate: (q) => ["hearings", "tasks"].includes(String(q.queryKey[0])) });
  const [form, setForm] = useState<HearingInput>({
    hearingOn: "",
    hearingType: "review",
    department: "",
    confirmUnusualDate: false,
  });
  const [report, setReport] = useState("");
  const add = useMutation({
    mutationFn: () => api(`/api/children/${childId}/hearings`, { method: "POST", body: form }),
    onSuccess: () => void refresh(),
  });
  const submit = useMutation({
    mutationFn: (id: string) =>
      api(`/api/hearings/${id}/caregiver-report`, {
        method: "POST",
        body: { body: report } satisfies CaregiverReportInput,
      }),
    onSuccess: () => void refresh(),
  });
  const [amendment, setAmendment] = useState("");
  const amend = useMutation({
    mutationFn: (id: string) =>
      api(`/api/hearings/${id}/caregiver-report/amendments`, {
        method: "POST",
        body: { body: amendment } satisfies CaregiverReportAmendmentInput,
      }),
    onSuccess: () => {
      setAmendment("");
      void refresh();
    },
  });
  const receive = useMutation({
    mutationFn: (id: string) =>
      api(`/api/hearings/${id}/caregiver-report/receipt`, {
        method: "POST",
        body: { forwardedToCourt: true } satisfies CaregiverReportReceiptInput,
      }),
    onSuccess: () => void refresh(),
  });
  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <section aria-labelledby="hearings-heading">
      <h2 id="hearings-heading">{t("hearing.title")}</h2>
      <ErrorAlert error={hearings.error ?? add.error ?? submit.error ?? amend.error ?? receive.error} />
      {hearings.data?.hearings.length === 0 && <p>{t("hearing.none")}</p>}
      <ul className="usa-list usa-list--unstyled">
        {hearings.data?.hearings.map((h) => (
          <li key={h.id} className="border-bottom border-base-lighter padding-y-1">
            <strong>{formatDate(h.hearingOn)}</strong> · {t(`hearing.type.${h.hearingType}`)} · {h.department}
            {h.report ? (
              <div className="margin-y-05">
                <p className="margin-y-05">
                  {t("hearing.reportSubmitted", {
                    date: formatDate(h.report.submittedAt),
                    name: h.report.submittedByName,
                  })}{" "}
                  {h.report.receivedAt ? (
                    <span className="usa-tag bg-green">
                      {t(h.report.forwardedToCourt ? "hearing.receivedForwarded" : "hearing.received")}
                    </span>
                  ) : (
                    <span className="usa-tag bg-base">{t("hearing.notYetReceived")}</span>
                  )}
                </p>
                {/* Staff read what the caregiver sent before they mark it received; the caregiver reads it too. */}
                <details open={!h.report.receivedAt}>
                  <summary>{t("hearing.reportText")}</summary>
                  <blockquote className="border-left-05 border-base-lighter padding-left-1 margin-x-0 qpi-prewrap">
                    {h.report.body}
                  </blockquote>
                  {h.report.amendments.length > 0 && (
                    <>
                      <h3 className="font-heading-xs">{t("hearing.amendments")}</h3>
                      <ol className="usa-list">
                        {h.report.amendments.map((a) => (
                          <li key={a.id}>
                            <span className="font-body-2xs text-base">
                              {t("hearing.amendmentBy", { date: formatDate(a.submittedAt), name: a.submittedByName })}
                            </span>
                            <div className="qpi-prewrap">{a.body}</div>
                          </li>
                        ))}
                      </ol>
                    </>
                  )}
                </details>
                {!h.report.receivedAt && abilities.acknowledgeCourtReport && (
                  <button type="button" className="usa-button usa-button--outline" onClick={() => receive.mutate(h.id)}>
                    {t("hearing.markReceived")}
                  </button>
                )}
                {abilities.submitCourtReport &&
                  (h.report.amendable ? (
                    <form
                      className="usa-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        amend.mutate(h.id);
                      }}
                    >
                      <label className="usa-label" htmlFor={`amend-${h.id}`}>
                        {t("hearing.addAmendment")}
                      </label>
                      <span className="usa-hint" id={`amend-${h.id}-hint`}>
                        {t("hearing.amendmentHint")}
                      </span>
                      <textarea
                        className="usa-textarea"
                        id={`amend-${h.id}`}
                        aria-describedby={`amend-${h.id}-hint`}
                        value={amendment}
                        onChange={(e) => setAmendment(e.target.value)}
                      />
                      <button type="submit" className="usa-button margin-top-1" disabled={amend.isPending}>
                        {t("hearing.sendAmendment")}
                      </button>
                    </form>
                  ) : (
                    <p className="font-body-2xs">{t("hearing.amendClosed")}</p>
                  ))}
              </div>
            ) : (
              abilities.submitCourtReport && (
                <form
                  className="usa-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    submit.mutate(h.id);
                  }}
                >
                  <label className="usa-label" htmlFor={`report-${h.id}`}>
                    {t("hearing.yourReport")}
                  </label>
                  <span className="usa-hint" id={`report-${h.id}-hint`}>
                    {t("hearing.reportHint")}
                  </span>
                  <textarea
                    className="usa-textarea"
                    id={`report-${h.id}`}
                    aria-describedby={`report-${h.id}-hint`}
                    value={report}
                    onChange={(e) => setReport(e.target.value)}
                  />
                  <button type="submit" className="usa-button margin-top-1">
                    {t("hearing.sendReport")}
                  </button>
                </form>
              )
            )}
          </li>
        ))}
      </ul>
      {abilities.recordHearing && (
        <form className="usa-form" onSubmit={onAdd} aria-labelledby="hearing-add">
          <h3 id="hearing-add" className="font-heading-sm">
            {t("hearing.add")}
          </h3>
          <label className="usa-label" htmlFor="hearing-on">
            {t("hearing.date")}
          </label>
          <input
            className="usa-input"
            type="date"
            id="hearing-on"
            required
            value={form.hearingOn}
            onChange={(e) => setForm({ ...form, hearingOn: e.target.value, confirmUnusualDate: false })}
          />
          <UnusualDateConfirm
            id="hearing-on-confirm"
            field="hearingOn"
            error={add.error}
            checked={form.confirmUnusualDate ?? false}
            onChange={(confirmUnusualDate) => setForm({ ...form, confirmUnusualDate })}
          />
          <label className="usa-label" htmlFor="hearing-type">
            {t("hearing.typeLabel")}
          </label>
          <select
            className="usa-select"
            id="hearing-type"
            value={form.hearingType}
            onChange={(e) => setForm({ ...form, hearingType: e.target.value as HearingInput["hearingType"] })}
          >
            {["detention", "jurisdiction", "disposition", "review", "permanency", "tpr", "other"].map((k) => (
              <option key={k} value={k}>
                {t(`hearing.type.${k}`)}
              </option>
            ))}
          </select>
          <label className="usa-label" htmlFor="hearing-dept">
            {t("hearing.department")}
          </label>
          <input
            className="usa-input"
            id="hearing-dept"
            required
            value={form.department}
            onChange={(e) => setForm({ ...form, department: e.target.value })}
          />
          <button type="submit" className="usa-button margin-top-1">
            {t("hearing.save")}
          </button>
        </form>
      )}
    </section>
  );
}
