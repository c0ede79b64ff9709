import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import { DocumentsSection } from "./DocumentsSection";
import type { MyHouseholdView } from "./types";

/**
 * A caregiver's or applicant's own home, written for them: where their application is (done, now, next, what is
 * still missing) and whether their address and phone are shared with the birth parents of children in their care —
 * which they turn on or off here, with the history of every choice.
 */
export function MyHomePage() {
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const mine = useQuery({ queryKey: ["my-household"], queryFn: () => api<MyHouseholdView>("/api/my-household") });
  const consent = useMutation({
    mutationFn: (body: { householdId: string; shared: boolean }) =>
      api("/api/my-household/consent", { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["my-household"] }),
  });
  const confirm = useMutation({
    mutationFn: (body: { householdId: string; availability: "available" | "on_hold" | "full" }) =>
      api("/api/my-household/availability", { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["my-household"] }),
  });
  return (
    <>
      <h1>{t("nav.myHome")}</h1>
      <ErrorAlert error={mine.error ?? consent.error ?? confirm.error} />
      {mine.data?.households.length === 0 && <p>{t("myHome.none")}</p>}
      {mine.data?.households.map((home) => (
        <div key={home.id}>
          <h2>{home.name}</h2>
          {home.stage === "approved" ? (
            <>
              <p className="usa-intro">{t("myHome.approved")}</p>
              <section aria-labelledby={`availability-${home.id}`}>
                <h3 id={`availability-${home.id}`}>{t("myHome.availabilityTitle")}</h3>
                <p>
                  {t("myHome.availabilityNow", { availability: t(`homes.availability.${home.availability}`) })}{" "}
                  {home.availabilityConfirmedOn
                    ? t("homes.confirmed", { date: formatDate(home.availabilityConfirmedOn) })
                    : t("homes.neverConfirmed")}
                </p>
                <div className="usa-button-group">
                  {(["available", "on_hold", "full"] as const).map((a) => (
                    <button
                      key={a}
                      type="button"
                      className={`usa-button ${home.availability === a ? "" : "usa-button--outline"}`}
                      disabled={confirm.isPending}
                      onClick={() => confirm.mutate({ householdId: home.id, availability: a })}
                    >
                      {t(`myHome.confirm.${a}`)}
                    </button>
                  ))}
                </div>
              </section>
            </>
          ) : ["withdrawn", "denied", "closed"].includes(home.stage) ? (
            <p className="usa-intro">{t(`myHome.ended.${home.stage}`)}</p>
          ) : (
            <section aria-labelledby={`progress-${home.id}`}>
              <h3 id={`progress-${home.id}`}>{t("myHome.progress")}</h3>
              {home.approvalDueOn && <p>{t("myHome.dueBy", { date: formatDate(home.approvalDueOn) })}</p>}
              <ol className="usa-process-list">
                {home.steps.map((step) => (
                  <li key={step.stage} className="usa-process-list__item">
                    <p className="usa-process-list__heading">
                      {t(`homes.stage.${step.stage}`)}{" "}
                      <span
                        className={`usa-tag ${step.state === "done" ? "bg-green" : step.state === "current" ? "bg-primary" : "bg-base"}`}
                      >
                        {t(`myHome.state.${step.state}`)}
                      </span>
                    </p>
                    {step.on && step.state === "done" && <p>{formatDate(step.on)}</p>}
                  </li>
                ))}
              </ol>
              {home.missing.length > 0 && (
                <>
                  <h3>{t("myHome.missing")}</h3>
                  <ul className="usa-list">
                    {home.missing.map((m) => (
                      <li key={m}>{t(`homes.missing.${m}`)}</li>
                    ))}
                  </ul>
                </>
              )}
            </section>
          )}
          {!["withdrawn", "denied", "closed"].includes(home.stage) && (
            <DocumentsSection householdId={home.id} seat="own" />
          )}
          <section aria-labelledby={`consent-${home.id}`} className="margin-top-3">
            <h3 id={`consent-${home.id}`}>{t("myHome.consentTitle")}</h3>
            <p>{t("myHome.consentExplain")}</p>
            <p>
              <strong>{home.contactSharedWithBirthParents ? t("myHome.sharing") : t("myHome.notSharing")}</strong>
            </p>
            <button
              type="button"
              className="usa-button"
              disabled={consent.isPending}
              onClick={() => consent.mutate({ householdId: home.id, shared: !home.contactSharedWithBirthParents })}
            >
              {home.contactSharedWithBirthParents ? t("myHome.stopSharing") : t("myHome.startSharing")}
            </button>
            {home.consentHistory.length > 0 && (
              <>
                <h4>{t("myHome.history")}</h4>
                <ul className="usa-list">
                  {home.consentHistory.map((c) => (
                    <li key={c.id}>
                      {c.shared ? t("homes.consentGiven") : t("homes.consentWithdrawn")} · {formatDate(c.recordedAt)}
                      {c.recordedAs === "staff_on_behalf" ? ` · ${t("homes.byStaff", { name: c.recordedByName })}` : ""}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </div>
      ))}
    </>
  );
}
