import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { MySurveysView, MySurveyView } from "./types";

/** The surveys open to the user now, each a link to answer it (or marked as answered). */
export function MySurveysSection() {
  const { t, formatDate } = useI18n();
  const list = useQuery({
    queryKey: ["surveys", "mine"],
    queryFn: () => api<MySurveysView>("/api/improve/my-surveys"),
  });
  if (!list.data || list.data.surveys.length === 0) return null;
  return (
    <section aria-labelledby="my-surveys-heading" className="margin-bottom-3">
      <h2 id="my-surveys-heading">{t("survey.mineTitle")}</h2>
      <p>{t("survey.anonymousNote")}</p>
      <ul className="usa-list">
        {list.data.surveys.map((s) => (
          <li key={s.id}>
            {s.answered ? (
              <>
                {s.title} — {t("survey.answered")}
              </>
            ) : (
              <Link to={`/surveys/${s.id}`}>{s.title}</Link>
            )}{" "}
            ({t("survey.closesOn", { date: formatDate(s.closesOn) })})
          </li>
        ))}
      </ul>
    </section>
  );
}

function Question({
  q,
  n,
  value,
  set,
}: {
  q: MySurveyView["questions"][number];
  n: number;
  value: string | number | undefined;
  set: (v: string | number) => void;
}) {
  const { t } = useI18n();
  const name = `q-${q.id}`;
  const legend = (
    <legend className="usa-legend">
      {n}. {q.prompt} {q.required ? <span className="text-secondary-dark">({t("survey.required")})</span> : null}
    </legend>
  );
  if (q.kind === "text")
    return (
      <>
        <label className="usa-label" htmlFor={name}>
          {n}. {q.prompt}
        </label>
        <textarea
          className="usa-textarea"
          id={name}
          maxLength={2000}
          value={String(value ?? "")}
          onChange={(e) => set(e.target.value)}
        />
      </>
    );
  const options =
    q.kind === "scale"
      ? [1, 2, 3, 4, 5].map((v) => ({ value: v, label: t(`survey.scale.${v}`) }))
      : q.kind === "yes_no"
        ? [
            { value: "yes", label: t("survey.yes") },
            { value: "no", label: t("survey.no") },
          ]
        : q.choices.map((c) => ({ value: c.value, label: c.label }));
  return (
    <fieldset className="usa-fieldset margin-top-2">
      {legend}
      {options.map((o) => (
        <div className="usa-radio" key={String(o.value)}>
          <input
            className="usa-radio__input"
            type="radio"
            id={`${name}-${o.value}`}
            name={name}
            checked={value === o.value}
            onChange={() => set(o.value)}
          />
          <label className="usa-radio__label" htmlFor={`${name}-${o.value}`}>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** One survey to answer: anonymous, once. */
export function AnswerSurveyPage() {
  const { surveyId } = useParams();
  const { t } = useI18n();
  const client = useQueryClient();
  const survey = useQuery({
    queryKey: ["surveys", "mine", surveyId],
    queryFn: () => api<MySurveyView>(`/api/improve/my-surveys/${surveyId}`),
  });
  const [answers, setAnswers] = useState<Record<string, string | number>>({});
  const send = useMutation({
    mutationFn: () =>
      api(`/api/improve/my-surveys/${surveyId}/responses`, { method: "POST", body: { surveyAnswers: answers } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["surveys", "mine"] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  if (survey.isPending) return <p>{t("common.loading")}</p>;
  if (survey.isError) return <ErrorAlert error={survey.error} />;
  const s = survey.data;
  if (send.isSuccess || s.answered)
    return (
      <>
        <h1>{s.title}</h1>
        <div className="usa-alert usa-alert--success" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t("survey.thanks")}</p>
          </div>
        </div>
      </>
    );
  return (
    <>
      <h1>{s.title}</h1>
      <p className="usa-intro">{t("survey.anonymousNote")}</p>
      <form className="usa-form maxw-tablet" onSubmit={submit}>
        {s.questions.map((q, i) => (
          <Question
            key={q.id}
            q={q}
            n={i + 1}
            value={answers[q.id]}
            set={(v) => setAnswers({ ...answers, [q.id]: v })}
          />
        ))}
        <ErrorAlert error={send.error} />
        <button className="usa-button margin-top-2" type="submit" disabled={send.isPending}>
          {t("survey.send")}
        </button>
      </form>
    </>
  );
}
