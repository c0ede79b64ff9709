import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { api } from "../../app/api";
import { Breadcrumb } from "../../app/Breadcrumb";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { MatchCandidateView, MatchListView } from "./types";

const needsList = ["medical", "behavioral", "developmental", "infant_care", "teen_parent", "lgbtq_affirming"] as const;

/**
 * Homes for a child and the siblings in care with them, ranked by stated criteria, each with its reasons. A home is
 * a position and a city until the worker opens it (the opening is audited); the worker then records the move.
 */
export function MatchPage() {
  const { childId } = useParams();
  const { t, formatDate } = useI18n();
  const [needs, setNeeds] = useState<string[]>([]);
  const list = useQuery({
    queryKey: ["home-matches", childId, needs.join(",")],
    queryFn: () => api<MatchListView>(`/api/children/${childId}/home-matches?needs=${needs.join(",")}`),
  });
  const [opened, setOpened] = useState<Record<string, MatchCandidateView>>({});
  const open = useMutation({
    mutationFn: (householdId: string) =>
      api<MatchCandidateView>(`/api/children/${childId}/home-matches/${householdId}`),
    onSuccess: (c) => setOpened((o) => ({ ...o, [c.householdId]: c })),
  });
  return (
    <>
      <Breadcrumb to={`/children/${childId}`} labelKey="matching.back" />
      <h1>{t("matching.title")}</h1>
      <ErrorAlert error={list.error ?? open.error} />
      {list.data && (
        <>
          <p className="usa-intro">
            {t("matching.group", {
              names: list.data.children.map((c) => `${c.givenName}${c.age === null ? "" : ` (${c.age})`}`).join(", "),
              count: list.data.groupSize,
            })}
          </p>
          <p>{t("matching.considered", { count: list.data.considered })}</p>
          <fieldset className="usa-fieldset">
            <legend className="usa-legend">{t("matching.needs")}</legend>
            {needsList.map((n) => (
              <div className="usa-checkbox" key={n}>
                <input
                  className="usa-checkbox__input"
                  id={`match-need-${n}`}
                  type="checkbox"
                  checked={needs.includes(n)}
                  onChange={(e) => setNeeds(e.target.checked ? [...needs, n] : needs.filter((x) => x !== n))}
                />
                <label className="usa-checkbox__label" htmlFor={`match-need-${n}`}>
                  {t(`homes.needsList.${n}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <ol className="usa-list usa-list--unstyled margin-top-2">
            {list.data.candidates.map((c) => (
              <li key={c.householdId} className="qpi-card margin-bottom-2">
                <h2 className="font-heading-md margin-top-0">
                  {opened[c.householdId]
                    ? t("matching.openedTitle", {
                        rank: c.rank,
                        name: opened[c.householdId].name,
                        licence: opened[c.householdId].licenseNumber ?? "—",
                      })
                    : t("matching.candidate", { rank: c.rank, city: c.city ?? "—" })}
                </h2>
                <p>
                  {t("matching.score", { score: c.score })}
                  {c.availabilityConfirmedOn
                    ? ` · ${t("homes.confirmed", { date: formatDate(c.availabilityConfirmedOn) })}`
                    : ""}
                </p>
                <ul className="usa-list">
                  {c.reasons.map((r) => (
                    <li key={r.code}>
                      {t(`matching.reason.${r.code}`, r.params ?? {})}{" "}
                      <span className="text-base">({r.points > 0 ? `+${r.points}` : r.points})</span>
                    </li>
                  ))}
                </ul>
                {!opened[c.householdId] && (
                  <button
                    type="button"
                    className="usa-button usa-button--outline"
                    onClick={() => open.mutate(c.householdId)}
                  >
                    {t("matching.open", { rank: c.rank })}
                  </button>
                )}
              </li>
            ))}
          </ol>
          <p className="usa-hint">{t("matching.source", { source: list.data.centroidSource })}</p>
        </>
      )}
    </>
  );
}
