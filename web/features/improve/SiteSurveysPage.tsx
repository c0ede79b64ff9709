import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { addDays } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { useCoordinatorSite } from "./SiteConcernsPage";
import type { SiteSurveysView, SurveyResultsView } from "./types";

/** The coordinator's surveys: publish one from an instrument, see each one's responses and results. */
export function SiteSurveysPage() {
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const site = useCoordinatorSite("survey:manage");
  const list = useQuery({
    queryKey: ["surveys", "site", site?.siteId],
    queryFn: () => api<SiteSurveysView>(`/api/improve/sites/${site!.siteId}/surveys`),
    enabled: Boolean(site),
  });
  const today = site?.today ?? "";
  const [form, setForm] = useState({
    instrumentCode: "caregiver_experience",
    audience: "caregiver",
    opensOn: "",
    closesOn: "",
  });
  const publish = useMutation({
    mutationFn: () =>
      api(`/api/improve/sites/${site!.siteId}/surveys`, {
        method: "POST",
        body: { ...form, opensOn: form.opensOn || today, closesOn: form.closesOn || addDays(today, 30) },
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["surveys", "site", site?.siteId] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    publish.mutate();
  };
  return (
    <>
      <h1>{t("survey.siteTitle", { site: site?.siteName ?? "" })}</h1>
      <p className="usa-intro">{t("survey.siteIntro")}</p>
      <ErrorAlert error={list.error} />
      <table className="usa-table usa-table--stacked">
        <caption>{t("survey.listCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("survey.survey")}</th>
            <th scope="col">{t("survey.audience")}</th>
            <th scope="col">{t("survey.dates")}</th>
            <th scope="col">{t("survey.responses")}</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.surveys.map((s) => (
            <tr key={s.id}>
              <th scope="row" data-label={t("survey.survey")}>
                <Link to={`/improve/surveys/${s.id}`}>{s.title}</Link>
              </th>
              <td data-label={t("survey.audience")}>{t(`concern.role.${s.audience}`)}</td>
              <td data-label={t("survey.dates")}>
                {formatDate(s.opensOn)} – {formatDate(s.closesOn)}
              </td>
              <td data-label={t("survey.responses")}>{s.responses}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="usa-form maxw-tablet" onSubmit={submit} aria-labelledby="publish-heading">
        <h2 id="publish-heading">{t("survey.publish")}</h2>
        <ErrorAlert error={publish.error} />
        {publish.isSuccess && (
          <p role="status" className="text-green">
            {t("survey.published")}
          </p>
        )}
        <label className="usa-label" htmlFor="survey-instrument">
          {t("survey.instrument")}
        </label>
        <select
          className="usa-select"
          id="survey-instrument"
          value={form.instrumentCode}
          onChange={(e) => setForm({ ...form, instrumentCode: e.target.value })}
        >
          {list.data?.instruments.map((i) => (
            <option key={i.code} value={i.code}>
              {i.title}
            </option>
          ))}
        </select>
        <label className="usa-label" htmlFor="survey-audience">
          {t("survey.audience")}
        </label>
        <select
          className="usa-select"
          id="survey-audience"
          value={form.audience}
          onChange={(e) => setForm({ ...form, audience: e.target.value })}
        >
          {(["caregiver", "birth_parent", "youth"] as const).map((a) => (
            <option key={a} value={a}>
              {t(`concern.role.${a}`)}
            </option>
          ))}
        </select>
        <label className="usa-label" htmlFor="survey-opens">
          {t("survey.opensOn")}
        </label>
        <input
          className="usa-input"
          id="survey-opens"
          type="date"
          value={form.opensOn || today}
          onChange={(e) => setForm({ ...form, opensOn: e.target.value })}
        />
        <label className="usa-label" htmlFor="survey-closes">
          {t("survey.closesOnLabel")}
        </label>
        <input
          className="usa-input"
          id="survey-closes"
          type="date"
          value={form.closesOn || (today ? addDays(today, 30) : "")}
          onChange={(e) => setForm({ ...form, closesOn: e.target.value })}
        />
        <button className="usa-button margin-top-2" type="submit" disabled={publish.isPending || !site}>
          {t("survey.publishButton")}
        </button>
      </form>
    </>
  );
}

/** One survey's results: a bar and a number per answer, small counts shown as hidden, never as zero. */
export function SurveyResultsPage() {
  const { surveyId } = useParams();
  const { t, formatNumber } = useI18n();
  const results = useQuery({
    queryKey: ["surveys", "results", surveyId],
    queryFn: () => api<SurveyResultsView>(`/api/improve/surveys/${surveyId}/results`),
  });
  if (results.isPending) return <p>{t("common.loading")}</p>;
  if (results.isError) return <ErrorAlert error={results.error} />;
  const r = results.data;
  const shown = (n: number | null) => (n === null ? t("survey.hidden", { max: r.smallCellMax }) : formatNumber(n));
  return (
    <>
      <h1>{r.survey.title}</h1>
      <p className="usa-intro">{t("survey.resultsIntro", { count: r.survey.responses, max: r.smallCellMax })}</p>
      {r.questions.map((q, i) => {
        const top = Math.max(1, ...q.counts.map((c) => c.count ?? 0));
        return (
          <section key={q.id} className="qpi-card margin-bottom-2" aria-labelledby={`q-${q.id}`}>
            <h2 id={`q-${q.id}`} className="font-sans-md">
              {i + 1}. {q.prompt}
            </h2>
            <p>
              {t("survey.answeredBy", { n: shown(q.answered) })}
              {q.mean !== null && <> · {t("survey.mean", { mean: formatNumber(q.mean) })}</>}
            </p>
            {q.counts.length > 0 && (
              <table className="usa-table usa-table--borderless width-full">
                <caption className="usa-sr-only">{q.prompt}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("survey.answer")}</th>
                    <th scope="col">{t("survey.count")}</th>
                  </tr>
                </thead>
                <tbody>
                  {q.counts.map((c) => (
                    <tr key={c.value}>
                      <th scope="row">{q.kind === "scale" ? t(`survey.scale.${c.value}`) : c.label}</th>
                      <td>
                        <span
                          aria-hidden="true"
                          className="display-inline-block bg-primary margin-right-1"
                          style={{ width: `${((c.count ?? 0) / top) * 8}rem`, height: "0.75rem" }}
                        />
                        {shown(c.count)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {q.kind === "text" &&
              (q.texts ? (
                <ul className="usa-list">
                  {[...new Set(q.texts)].map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              ) : (
                <p>{t("survey.textsHidden", { max: r.smallCellMax })}</p>
              ))}
          </section>
        );
      })}
    </>
  );
}
