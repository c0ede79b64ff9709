import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { api } from "../../app/api";
import { Breadcrumb } from "../../app/Breadcrumb";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { DecisionListView, StaffSummaryView, Summary, SummarySaveInput } from "./types";

const EMPTY: Summary = {
  providers: [],
  school: "",
  grade: "",
  schoolOfOrigin: "",
  educationRightsHolder: "",
  immunizations: "",
  allergies: "",
  medications: [],
  treatments: "",
  behaviours: "",
  languageAndCulture: "",
  mediCalNumber: "",
};
const TEXT_FIELDS = [
  "school",
  "grade",
  "schoolOfOrigin",
  "educationRightsHolder",
  "immunizations",
  "allergies",
  "treatments",
  "behaviours",
  "languageAndCulture",
  "mediCalNumber",
] as const;
const LONG = new Set(["immunizations", "treatments", "behaviours", "languageAndCulture"]);
const PROVIDER_KINDS = ["doctor", "dentist", "mental_health", "vision", "other"] as const;

/** Staff keep the health and education summary the caregiver receives; each save is a new version. */
export function HealthSummaryPage() {
  const { childId = "" } = useParams();
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const summary = useQuery({
    queryKey: ["health-summary", childId],
    queryFn: () => api<StaffSummaryView>(`/api/children/${childId}/health-summary`),
  });
  const decisions = useQuery({
    queryKey: ["rpp-decisions", childId],
    queryFn: () => api<DecisionListView>(`/api/children/${childId}/rpp-decisions`),
  });
  const [form, setForm] = useState<Summary>(EMPTY);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (summary.data) {
      setForm(summary.data.content ?? EMPTY);
      setVersion(summary.data.version);
    }
  }, [summary.data]);
  const save = useMutation({
    mutationFn: () =>
      api<StaffSummaryView>(`/api/children/${childId}/health-summary`, {
        method: "PUT",
        body: { version, content: form } satisfies SummarySaveInput,
      }),
    onSuccess: (data) => client.setQueryData(["health-summary", childId], data),
  });
  if (summary.error) return <ErrorAlert error={summary.error} />;
  if (!summary.data) return <p>{t("common.loading")}</p>;
  return (
    <>
      <Breadcrumb to={`/children/${childId}`} labelKey="summary.back" />
      <h1>{t("summary.title", { name: summary.data.childName })}</h1>
      <p className="usa-intro">{t("summary.intro")}</p>
      <p>
        {summary.data.updatedAt
          ? t("summary.version", { version: summary.data.version, date: formatDate(summary.data.updatedAt) })
          : t("summary.noneYet")}
      </p>
      <form
        className="usa-form maxw-tablet"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <ErrorAlert error={save.error} />
        {save.isSuccess && (
          <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
            <div className="usa-alert__body">
              <p className="usa-alert__text">{t("summary.saved")}</p>
            </div>
          </div>
        )}
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">{t("summary.providers")}</legend>
          {form.providers.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
            <div key={i} className="border-bottom border-base-lighter padding-bottom-1">
              <label className="usa-label" htmlFor={`provider-kind-${i}`}>
                {t("summary.providerKind")}
              </label>
              <select
                className="usa-select"
                id={`provider-kind-${i}`}
                value={p.kind}
                onChange={(e) =>
                  setForm({
                    ...form,
                    providers: form.providers.map((x, j) =>
                      j === i ? { ...x, kind: e.target.value as (typeof PROVIDER_KINDS)[number] } : x,
                    ),
                  })
                }
              >
                {PROVIDER_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`mine.provider.${k}`)}
                  </option>
                ))}
              </select>
              {(["name", "phone"] as const).map((f) => (
                <div key={f}>
                  <label className="usa-label" htmlFor={`provider-${f}-${i}`}>
                    {t(`summary.provider.${f}`)}
                  </label>
                  <input
                    className="usa-input"
                    id={`provider-${f}-${i}`}
                    value={p[f]}
                    onChange={(e) =>
                      setForm({
                        ...form,
                        providers: form.providers.map((x, j) => (j === i ? { ...x, [f]: e.target.value } : x)),
                      })
                    }
                  />
                </div>
              ))}
            </div>
          ))}
          <button
            type="button"
            className="usa-button usa-button--outline margin-top-1"
            onClick={() =>
              setForm({ ...form, providers: [...form.providers, { kind: "doctor", name: "", phone: "" }] })
            }
          >
            {t("summary.addProvider")}
          </button>
        </fieldset>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">{t("summary.medications")}</legend>
          {form.medications.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
            <div key={i} className="border-bottom border-base-lighter padding-bottom-1">
              <label className="usa-label" htmlFor={`med-name-${i}`}>
                {t("summary.medication.name")}
              </label>
              <input
                className="usa-input"
                id={`med-name-${i}`}
                value={m.name}
                onChange={(e) =>
                  setForm({
                    ...form,
                    medications: form.medications.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)),
                  })
                }
              />
              <label className="usa-label" htmlFor={`med-instructions-${i}`}>
                {t("summary.medication.instructions")}
              </label>
              <textarea
                className="usa-textarea"
                id={`med-instructions-${i}`}
                value={m.instructions}
                onChange={(e) =>
                  setForm({
                    ...form,
                    medications: form.medications.map((x, j) => (j === i ? { ...x, instructions: e.target.value } : x)),
                  })
                }
              />
            </div>
          ))}
          <button
            type="button"
            className="usa-button usa-button--outline margin-top-1"
            onClick={() => setForm({ ...form, medications: [...form.medications, { name: "", instructions: "" }] })}
          >
            {t("summary.addMedication")}
          </button>
        </fieldset>
        {TEXT_FIELDS.map((f) => (
          <div key={f}>
            <label className="usa-label" htmlFor={`summary-${f}`}>
              {t(`summary.field.${f}`)}
            </label>
            {LONG.has(f) ? (
              <textarea
                className="usa-textarea"
                id={`summary-${f}`}
                value={form[f]}
                onChange={(e) => setForm({ ...form, [f]: e.target.value })}
              />
            ) : (
              <input
                className="usa-input"
                id={`summary-${f}`}
                value={form[f]}
                onChange={(e) => setForm({ ...form, [f]: e.target.value })}
              />
            )}
          </div>
        ))}
        <button type="submit" className="usa-button margin-top-2" disabled={save.isPending}>
          {t("summary.save")}
        </button>
      </form>
      <section aria-labelledby="summary-history">
        <h2 id="summary-history">{t("summary.history")}</h2>
        <ol className="usa-list">
          {summary.data.history.map((h) => (
            <li key={h.version}>
              {t("summary.historyRow", { version: h.version, date: formatDate(h.updatedAt), name: h.updatedByName })}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="staff-decisions">
        <h2 id="staff-decisions">{t("summary.decisions")}</h2>
        <ErrorAlert error={decisions.error} />
        {decisions.data?.decisions.length === 0 && <p>{t("mine.decisions.none")}</p>}
        <ul className="usa-list usa-list--unstyled">
          {decisions.data?.decisions.map((d) => (
            <li key={d.id} className="border-bottom border-base-lighter padding-y-1">
              <strong>{formatDate(d.decidedOn)}</strong> · {t(`mine.decisions.kind.${d.kind}`)} · {d.recordedByName}
              <div className="qpi-prewrap">{d.description}</div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
