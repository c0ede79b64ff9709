import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { can, useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { ProgressSummary } from "./ProgressSummary";
import type { TrainingProgressView, TrainingSearchView } from "./types";

const formats = ["tip_sheet", "video", "podcast", "webinar", "course"] as const;

/** The library: ask a question in one's own words; a caregiver also sees their hours this year. */
export function TrainingPage() {
  const { t } = useI18n();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const format = params.get("format") ?? "";
  const [draft, setDraft] = useState(q);
  const [draftFormat, setDraftFormat] = useState(format);
  const canComplete = can(session.data, "training:complete");
  const progress = useQuery({
    queryKey: ["training-progress"],
    queryFn: () => api<TrainingProgressView>("/api/training/progress"),
    enabled: canComplete,
  });
  const results = useQuery({
    queryKey: ["training-search", q, format],
    queryFn: () =>
      api<TrainingSearchView>(
        `/api/training/search?q=${encodeURIComponent(q)}${format ? `&format=${encodeURIComponent(format)}` : ""}`,
      ),
    enabled: q.trim().length >= 2,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = { q: draft };
    if (draftFormat) next.format = draftFormat;
    setParams(next);
  };
  return (
    <>
      <h1>{t("nav.training")}</h1>
      <p>{t("training.intro")}</p>
      {canComplete && progress.data && (
        <section className="qpi-card" aria-labelledby="training-hours">
          <h2 id="training-hours">{t("training.myHours")}</h2>
          <ProgressSummary progress={progress.data} />
        </section>
      )}
      <form className="usa-form maxw-full" role="search" onSubmit={submit}>
        <label className="usa-label" htmlFor="training-q">
          {t("training.askLabel")}
        </label>
        <span className="usa-hint" id="training-q-hint">
          {t("training.askHint")}
        </span>
        <input
          className="usa-input"
          id="training-q"
          name="q"
          type="search"
          minLength={2}
          maxLength={200}
          required
          aria-describedby="training-q-hint"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <label className="usa-label" htmlFor="training-format">
          {t("training.format")}
        </label>
        <select
          className="usa-select"
          id="training-format"
          value={draftFormat}
          onChange={(e) => setDraftFormat(e.target.value)}
        >
          <option value="">{t("training.anyFormat")}</option>
          {formats.map((f) => (
            <option key={f} value={f}>
              {t(`training.format.${f}`)}
            </option>
          ))}
        </select>
        <button className="usa-button margin-top-2" type="submit">
          {t("training.search")}
        </button>
      </form>
      <ErrorAlert error={results.error ?? progress.error} />
      {results.data && (
        <section aria-labelledby="training-results">
          <h2 id="training-results">{t("training.results", { count: results.data.results.length })}</h2>
          {results.data.results.length === 0 && <p>{t("training.noResults")}</p>}
          <ul className="usa-list usa-list--unstyled">
            {results.data.results.map((item) => (
              <li key={item.code} className="qpi-card margin-bottom-2">
                <h3 className="margin-top-0">
                  <Link to={`/training/items/${encodeURIComponent(item.code)}`}>{item.title}</Link>
                </h3>
                <p>{item.summary}</p>
                <p className="font-sans-2xs">
                  {t(`training.format.${item.format}`)} · {item.topic.name} ·{" "}
                  {t("training.ages", { min: item.ageMin, max: item.ageMax })} ·{" "}
                  {t("training.creditHours", { hours: item.creditHours })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
