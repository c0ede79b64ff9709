import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../app/api";
import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import { MoveForm } from "./MoveForm";
import type { ChildAbilities, PlacementHistory } from "./types";

/** Episodes and placements with how each change came about (the team and the family: TeamSection). */
export function PlacementSection({ childId, abilities }: { childId: string; abilities: ChildAbilities }) {
  const { t, formatDate } = useI18n();
  const [moving, setMoving] = useState(false);
  const history = useQuery({
    queryKey: ["placements", childId],
    queryFn: () => api<PlacementHistory>(`/api/children/${childId}/placements`),
  });
  const inCare = history.data?.episodes.some((e) => e.placements.some((p) => p.endDate === null));
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
          {moving && <MoveForm history={history.data} onDone={() => setMoving(false)} />}
          {history.data.episodes.map((e) => (
            <div key={e.id} className="margin-top-2">
              <h3 className="font-heading-sm">
                {t("placement.episode", {
                  from: formatDate(e.removalDate),
                  to: e.exitDate ? formatDate(e.exitDate) : t("placement.now"),
                })}
                {e.exitReason && ` · ${t(`placement.exit.${e.exitReason}`)}`}
              </h3>
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
        </>
      )}
    </section>
  );
}
