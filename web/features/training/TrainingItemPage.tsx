import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { can, useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { ProgressSummary } from "./ProgressSummary";
import type { TrainingItemView, TrainingProgressView } from "./types";

/** One tip sheet, printable; a caregiver attests they read it and sees their hours update. */
export function TrainingItemPage() {
  const { code = "" } = useParams();
  const { t, formatDate } = useI18n();
  const session = useSession();
  const queryClient = useQueryClient();
  const [attested, setAttested] = useState(false);
  const item = useQuery({
    queryKey: ["training-item", code],
    queryFn: () => api<TrainingItemView>(`/api/training/items/${encodeURIComponent(code)}`),
  });
  const attest = useMutation({
    mutationFn: () =>
      api<TrainingProgressView>(`/api/training/items/${encodeURIComponent(code)}/attest`, {
        method: "POST",
        body: { attested: true },
      }),
    onSuccess: (progress) => {
      queryClient.setQueryData(["training-progress"], progress);
      void queryClient.invalidateQueries({ queryKey: ["training-item", code] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (attested) attest.mutate();
  };
  const canComplete = can(session.data, "training:complete");
  return (
    <>
      <p className="qpi-no-print">
        <Link to="/training">{t("training.back")}</Link>
      </p>
      <ErrorAlert error={item.error} />
      {item.data && (
        <article>
          <h1>{item.data.title}</h1>
          <p className="usa-intro">{item.data.summary}</p>
          <p className="font-sans-2xs">
            {t(`training.format.${item.data.format}`)} · {item.data.topic.name} ·{" "}
            {t("training.ages", { min: item.data.ageMin, max: item.data.ageMax })} ·{" "}
            {t("training.creditHours", { hours: item.data.creditHours })}
          </p>
          <ol>
            {item.data.paragraphs.map((p) => (
              <li key={p} className="margin-bottom-1">
                {p}
              </li>
            ))}
          </ol>
          <button className="usa-button usa-button--outline qpi-no-print" type="button" onClick={() => window.print()}>
            {t("training.print")}
          </button>
          {canComplete && (
            <section className="qpi-card margin-top-3 qpi-no-print" aria-labelledby="training-credit">
              <h2 id="training-credit">{t("training.creditTitle")}</h2>
              {item.data.completedOn ? (
                <p role="status">{t("training.completedOn", { date: formatDate(item.data.completedOn) })}</p>
              ) : item.data.format === "webinar" || item.data.format === "course" ? (
                <p>{t("training.attendanceOnly")}</p>
              ) : (
                <form className="usa-form maxw-full" onSubmit={submit}>
                  <div className="usa-checkbox">
                    <input
                      className="usa-checkbox__input"
                      id="training-attested"
                      type="checkbox"
                      checked={attested}
                      onChange={(e) => setAttested(e.target.checked)}
                    />
                    <label className="usa-checkbox__label" htmlFor="training-attested">
                      {t(item.data.format === "tip_sheet" ? "training.attestLabel" : "training.attestLabelMedia")}
                    </label>
                  </div>
                  <button className="usa-button margin-top-2" type="submit" disabled={!attested || attest.isPending}>
                    {t("training.attest")}
                  </button>
                </form>
              )}
              <ErrorAlert error={attest.error} />
              {attest.data && (
                <div role="status">
                  <p>{t("training.recorded")}</p>
                  <ProgressSummary progress={attest.data} />
                </div>
              )}
            </section>
          )}
        </article>
      )}
    </>
  );
}
