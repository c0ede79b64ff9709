import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../app/api";
import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import { CorrectionForm, CorrectionHistory, ExitForm, ReentryForm, WithdrawMoveForm } from "./CaseLifeForms";
import { MoveForm } from "./MoveForm";
import type { ChildAbilities, PlacementHistory } from "./types";

/** Episodes and placements with how each change came about (the team and the family: TeamSection). */
export function PlacementSection({ childId, abilities }: { childId: string; abilities: ChildAbilities }) {
  const { t, formatDate } = useI18n();
  const [moving, setMoving] = useState(false);
  // The one case-life form open at a time: an exit, a return to care, or a correction of one record.
  const [form, setForm] = useState<
    | { kind: "exit" | "reentry" | "withdraw" }
    | { kind: "correct"; target: Parameters<typeof CorrectionForm>[0]["target"] }
    | null
  >(null);
  const history = useQuery({
    queryKey: ["placements", childId],
    queryFn: () => api<PlacementHistory>(`/api/children/${childId}/placements`),
  });
  const inCare = history.data?.episodes.some((e) => e.placements.some((p) => p.endDate === null));
  const openEpisode = history.data?.episodes.find((e) => e.exitDate === null);
  const may = abilities.recordPlacementChange;
  // A planned move recorded for a later day: shown as upcoming, with its date and plan, not as where the child lives.
  const upcoming = history.data?.episodes.flatMap((e) => e.placements).find((p) => p.status === "upcoming");
  return (
    <section aria-labelledby="placements-heading">
      <h2 id="placements-heading">{t("placement.history")}</h2>
      <ErrorAlert error={history.error} />
      {history.data && (
        <>
          {abilities.recordPlacementChange && inCare && !moving && (
            <button type="button" className="usa-button" onClick={() => setMoving(true)}>
              {t("placement.recordMove")}
            </button>
          )}
          {abilities.recordPlacementChange && inCare && !moving && (
            <Link className="usa-button usa-button--outline" to={`/children/${childId}/homes`}>
              {t("matching.find")}
            </Link>
          )}
          {may && openEpisode && !form && (
            <button type="button" className="usa-button usa-button--outline" onClick={() => setForm({ kind: "exit" })}>
              {t("exit.title")}
            </button>
          )}
          {may && !openEpisode && history.data.episodes.length > 0 && !form && (
            <button type="button" className="usa-button" onClick={() => setForm({ kind: "reentry" })}>
              {t("reentry.title")}
            </button>
          )}
          {moving && <MoveForm history={history.data} onDone={() => setMoving(false)} />}
          {form?.kind === "exit" && openEpisode && (
            <ExitForm childId={childId} episode={openEpisode} onDone={() => setForm(null)} />
          )}
          {form?.kind === "reentry" && <ReentryForm history={history.data} onDone={() => setForm(null)} />}
          {form?.kind === "correct" && (
            <CorrectionForm childId={childId} target={form.target} onDone={() => setForm(null)} />
          )}
          {upcoming && (
            <div className="usa-summary-box margin-top-2" role="region" aria-labelledby="upcoming-move-heading">
              <div className="usa-summary-box__body">
                <h3 className="usa-summary-box__heading" id="upcoming-move-heading">
                  {t("placement.upcoming")}
                </h3>
                <p className="usa-summary-box__text">
                  {t("placement.upcomingMove", {
                    date: formatDate(upcoming.startDate),
                    home: upcoming.householdName ?? t(`setting.${upcoming.setting}`),
                  })}{" "}
                  · {t(`placement.kind.${upcoming.changeKind}`)}
                </p>
                {upcoming.transitionSteps && upcoming.transitionSteps.length > 0 && (
                  <>
                    <p className="usa-summary-box__text text-bold margin-bottom-0">{t("placement.transitionPlan")}</p>
                    <ul className="usa-list">
                      {upcoming.transitionSteps.map((s, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: a saved plan's steps never reorder
                        <li key={i}>
                          {formatDate(s.on)}: {s.description}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {may && !form && (
                  <button
                    type="button"
                    className="usa-button usa-button--unstyled"
                    onClick={() => setForm({ kind: "withdraw" })}
                  >
                    {t("withdraw.title")}
                  </button>
                )}
              </div>
            </div>
          )}
          {form?.kind === "withdraw" && upcoming && (
            <WithdrawMoveForm childId={childId} placement={upcoming} onDone={() => setForm(null)} />
          )}
          {history.data.episodes.map((e) => (
            <div key={e.id} className="margin-top-2">
              <h3 className="font-heading-sm">
                {t("placement.episode", {
                  from: formatDate(e.removalDate),
                  to: e.exitDate ? formatDate(e.exitDate) : t("placement.now"),
                })}
                {e.exitReason && ` · ${t(`placement.exit.${e.exitReason}`)} (AFCARS ${e.afcarsDischargeCode})`}
              </h3>
              {may && !form && (
                <button
                  type="button"
                  className="usa-button usa-button--unstyled"
                  onClick={() => setForm({ kind: "correct", target: { kind: "removal_episode", episode: e } })}
                >
                  {t("correction.removal", { date: formatDate(e.removalDate) })}
                </button>
              )}
              <DataTable
                caption={t("placement.episode", {
                  from: formatDate(e.removalDate),
                  to: e.exitDate ? formatDate(e.exitDate) : t("placement.now"),
                })}
                captionHidden
                rows={e.placements}
                rowKey={(p) => p.id}
                columns={[
                  {
                    header: t("placement.dates"),
                    cell: (p) => (
                      <>
                        {formatDate(p.startDate)} – {p.endDate ? formatDate(p.endDate) : t("placement.now")}
                        {may && !form && (
                          <div>
                            <button
                              type="button"
                              className="usa-button usa-button--unstyled font-body-2xs"
                              onClick={() => setForm({ kind: "correct", target: { kind: "placement", placement: p } })}
                            >
                              {t("correction.placement", { date: formatDate(p.startDate) })}
                            </button>
                          </div>
                        )}
                        {p.status !== "past" && (
                          <span className="usa-tag margin-left-1">{t(`placement.status.${p.status}`)}</span>
                        )}
                      </>
                    ),
                  },
                  { header: t("placement.setting"), cell: (p) => t(`setting.${p.setting}`) },
                  { header: t("placement.household"), cell: (p) => p.householdName ?? "—" },
                  {
                    header: t("placement.changeKind"),
                    cell: (p) => (
                      <>
                        {t(`placement.kind.${p.changeKind}`)}
                        {p.requestedBy && ` · ${t(`placement.requester.${p.requestedBy}`)}`}
                        {p.reason && ` · ${t(`placement.reasonCode.${p.reason}`)}`}
                        {p.transitionSteps && p.transitionSteps.length > 0 && (
                          <ul className="font-body-2xs">
                            {p.transitionSteps.map((s, i) => (
                              // biome-ignore lint/suspicious/noArrayIndexKey: a saved plan's steps never reorder
                              <li key={i}>
                                {formatDate(s.on)}: {s.description}
                              </li>
                            ))}
                          </ul>
                        )}
                      </>
                    ),
                  },
                ]}
              />
            </div>
          ))}
          <CorrectionHistory history={history.data} />
        </>
      )}
    </section>
  );
}
