import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import { MySurveysSection } from "./MySurveysSection";
import type { ConcernRaiseInput, MyConcernsView, MyConcernView } from "./types";

const topics = ["practice", "communication", "barrier", "other"] as const;

/** Where to report abuse: the jurisdiction's line when on record, else the generic instruction. */
function AbuseNotice({ line }: { line: MyConcernsView["reportLine"] }) {
  const { t } = useI18n();
  return (
    <div className="usa-alert usa-alert--warning usa-alert--slim margin-bottom-2">
      <div className="usa-alert__body">
        <p className="usa-alert__text">
          {t("concern.notAbuse")}{" "}
          {line ? (
            <>
              {t("concern.abuseLine", { name: line.name })} <a href={`tel:${line.phone}`}>{line.phone}</a>.{" "}
              <a href={line.sourceUrl}>{t("concern.abuseLineSource")}</a>
            </>
          ) : (
            t("concern.abuseGeneric")
          )}
        </p>
      </div>
    </div>
  );
}

function ConcernItem({ concern }: { concern: MyConcernView }) {
  const { t, formatDate } = useI18n();
  return (
    <li className="border-bottom border-base-lighter padding-y-1">
      <p className="margin-y-05">
        <strong>{t(`concern.topic.${concern.topic}`)}</strong> · {formatDate(concern.raisedAt.slice(0, 10))} ·{" "}
        <span className="usa-tag">{t(`concern.status.${concern.status}`)}</span>
      </p>
      <p className="margin-y-05">{concern.text}</p>
      {concern.response && (
        <p className="margin-y-05">
          <strong>{t("concern.answer")}</strong> {concern.response}
        </p>
      )}
      {concern.closeNote && (
        <p className="margin-y-05">
          <strong>{t("concern.closedNote")}</strong> {concern.closeNote}
        </p>
      )}
    </li>
  );
}

/**
 * A family member's concerns: raise one with the site's QPI coordinator (not a report of abuse: the notice says
 * where those go) and read the status and answer of each one raised.
 */
export function ConcernsSection({ headingLevel = 2 }: { headingLevel?: 1 | 2 }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const mine = useQuery({
    queryKey: ["concerns", "mine"],
    queryFn: () => api<MyConcernsView>("/api/improve/my-concerns"),
  });
  const empty = { concernTopic: "communication" as ConcernRaiseInput["concernTopic"], concern: "", shareName: true };
  const [form, setForm] = useState(empty);
  const [sent, setSent] = useState(false);
  const raise = useMutation({
    mutationFn: () => api("/api/improve/my-concerns", { method: "POST", body: form satisfies ConcernRaiseInput }),
    onSuccess: () => {
      setForm(empty);
      setSent(true);
      void client.invalidateQueries({ queryKey: ["concerns", "mine"] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    raise.mutate();
  };
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const Sub = headingLevel === 1 ? "h2" : "h3";
  return (
    <section aria-labelledby="concerns-heading">
      <Heading id="concerns-heading">{t("concern.title")}</Heading>
      <p>{t("concern.intro")}</p>
      {mine.data && <AbuseNotice line={mine.data.reportLine} />}
      <ErrorAlert error={mine.error ?? raise.error} />
      {sent && (
        <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t("concern.sent")}</p>
          </div>
        </div>
      )}
      <form className="usa-form maxw-tablet" onSubmit={submit} aria-labelledby="concern-form-heading">
        <Sub id="concern-form-heading">{t("concern.raise")}</Sub>
        <label className="usa-label" htmlFor="concern-topic">
          {t("concern.topicLabel")}
        </label>
        <select
          className="usa-select"
          id="concern-topic"
          value={form.concernTopic}
          onChange={(e) => setForm({ ...form, concernTopic: e.target.value as ConcernRaiseInput["concernTopic"] })}
        >
          {topics.map((topic) => (
            <option key={topic} value={topic}>
              {t(`concern.topic.${topic}`)}
            </option>
          ))}
        </select>
        <label className="usa-label" htmlFor="concern-text">
          {t("concern.textLabel")}
        </label>
        <span className="usa-hint" id="concern-text-hint">
          {t("concern.textHint")}
        </span>
        <textarea
          className="usa-textarea"
          id="concern-text"
          aria-describedby="concern-text-hint"
          required
          minLength={10}
          maxLength={4000}
          value={form.concern}
          onChange={(e) => setForm({ ...form, concern: e.target.value })}
        />
        <div className="usa-checkbox margin-top-2">
          <input
            className="usa-checkbox__input"
            type="checkbox"
            id="concern-share-name"
            checked={form.shareName}
            onChange={(e) => setForm({ ...form, shareName: e.target.checked })}
          />
          <label className="usa-checkbox__label" htmlFor="concern-share-name">
            {t("concern.shareName")}
          </label>
        </div>
        <p className="usa-hint">{t("concern.shareNameHint")}</p>
        <button className="usa-button" type="submit" disabled={raise.isPending}>
          {t("concern.send")}
        </button>
      </form>
      <Sub>{t("concern.mine")}</Sub>
      {mine.data && mine.data.concerns.length === 0 && <p>{t("concern.none")}</p>}
      <ul className="usa-list usa-list--unstyled">
        {mine.data?.concerns.map((c) => (
          <ConcernItem key={c.id} concern={c} />
        ))}
      </ul>
    </section>
  );
}

/** The caregiver's and birth parent's page: the surveys open to them, and their concerns. */
export function MyConcernsPage() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t("nav.myConcerns")}</h1>
      <MySurveysSection />
      <ConcernsSection />
    </>
  );
}
