import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { addDays, useSiteToday } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { HandoverForm } from "./HandoverForm";
import { usePracticeName } from "./practice-name";
import { TeamForm } from "./TeamForm";
import type { PlacementHistory, TeamMember, TeamView } from "./types";

/**
 * The child's team with phones and emails, the family, ending a membership,
 * replacing the caseworker (a handover that moves the open tasks), and the
 * handovers so far. Actions show only when the server says this actor may.
 */
export function TeamSection({ childId, manageTeam }: { childId: string; manageTeam: boolean }) {
  const { t, formatDate } = useI18n();
  const practiceName = usePracticeName();
  const team = useQuery({
    queryKey: ["team", childId],
    queryFn: () => api<TeamView>(`/api/children/${childId}/team`),
  });
  // The family comes with the placement history (one request shared with the placement section).
  const history = useQuery({
    queryKey: ["placements", childId],
    queryFn: () => api<PlacementHistory>(`/api/children/${childId}/placements`),
  });
  const [ending, setEnding] = useState<string | null>(null);
  const current = team.data?.members.filter((m) => m.endsOn === null) ?? [];
  const past = team.data?.members.filter((m) => m.endsOn !== null) ?? [];
  return (
    <section aria-labelledby="team-heading">
      <h2 id="team-heading">{t("placement.team")}</h2>
      <ErrorAlert error={team.error} />
      <ul className="usa-list usa-list--unstyled">
        {current.map((m) => (
          <li key={m.id} className="border-bottom border-base-lighter padding-y-1">
            <MemberLine member={m} />
            {manageTeam && ending !== m.id && (
              <button
                type="button"
                className="usa-button usa-button--outline usa-button--small margin-top-05"
                onClick={() => setEnding(m.id)}
              >
                {t("team.end", { name: m.name })}
              </button>
            )}
            {ending === m.id && <EndMemberForm childId={childId} member={m} onDone={() => setEnding(null)} />}
          </li>
        ))}
        {history.data?.relations.map((r) => (
          <li key={r.personId + r.kind} className="border-bottom border-base-lighter padding-y-1">
            {t(`relation.${r.kind}`)}: <strong>{r.name}</strong>
          </li>
        ))}
      </ul>
      {past.length > 0 && (
        <details className="margin-top-1">
          <summary>{t("team.past", { count: past.length })}</summary>
          <ul className="usa-list usa-list--unstyled">
            {past.map((m) => (
              <li key={m.id} className="padding-y-05">
                {t(`team.role.${m.role}`)}: {m.name} ·{" "}
                {t("team.between", { from: formatDate(m.startsOn), to: formatDate(m.endsOn ?? "") })}
              </li>
            ))}
          </ul>
        </details>
      )}
      {(team.data?.handovers.length ?? 0) > 0 && (
        <>
          <h3 className="font-heading-sm">{t("handover.history")}</h3>
          <ul className="usa-list usa-list--unstyled">
            {team.data?.handovers.map((h) => (
              <li key={h.id} className="border-bottom border-base-lighter padding-y-1">
                <strong>
                  {t("handover.line", { from: h.fromName, to: h.toName, date: formatDate(h.handedOverOn) })}
                </strong>
                <div>{h.reason}</div>
                <div className="font-body-2xs">
                  {h.tasks.length === 0
                    ? t("handover.noTasks")
                    : t("handover.tasks", {
                        count: h.tasks.length,
                        list: h.tasks.map((task) => practiceName(task.practice)).join(", "),
                      })}
                </div>
                {h.recordedByName && (
                  <div className="font-body-2xs text-base">
                    {t("handover.recordedBy", { name: h.recordedByName, date: formatDate(h.recordedAt) })}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {manageTeam && current.some((m) => m.role === "caseworker") && <HandoverForm childId={childId} />}
      {manageTeam && <TeamForm childId={childId} />}
    </section>
  );
}

function MemberLine({ member }: { member: TeamMember }) {
  const { t, formatDate } = useI18n();
  return (
    <>
      {t(`team.role.${member.role}`)}: <strong>{member.name}</strong>{" "}
      <span className="font-body-2xs text-base">{t("team.since", { date: formatDate(member.startsOn) })}</span>
      {(member.phone || member.email) && (
        <div className="font-body-2xs">
          {member.phone && <a href={`tel:${member.phone}`}>{member.phone}</a>}
          {member.phone && member.email && " · "}
          {member.email && <a href={`mailto:${member.email}`}>{member.email}</a>}
        </div>
      )}
    </>
  );
}

function EndMemberForm({ childId, member, onDone }: { childId: string; member: TeamMember; onDone: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const today = useSiteToday();
  const [endsOn, setEndsOn] = useState(addDays(today, -1) < member.startsOn ? today : addDays(today, -1));
  const end = useMutation({
    mutationFn: () => api(`/api/children/${childId}/team/${member.id}/end`, { method: "POST", body: { endsOn } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["team", childId] });
      void client.invalidateQueries({ queryKey: ["placements", childId] });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    end.mutate();
  };
  const id = `end-${member.id}`;
  return (
    <form className="usa-form" onSubmit={submit} aria-label={t("team.end", { name: member.name })}>
      <ErrorAlert error={end.error} />
      <label className="usa-label" htmlFor={id}>
        {t("team.endsOn")}
      </label>
      <span className="usa-hint" id={`${id}-hint`}>
        {t("team.endsOnHint")}
      </span>
      <input
        className="usa-input"
        type="date"
        id={id}
        required
        aria-describedby={`${id}-hint`}
        value={endsOn}
        min={member.startsOn}
        onChange={(e) => setEndsOn(e.target.value)}
      />
      <button type="submit" className="usa-button margin-top-1" disabled={end.isPending}>
        {t("team.endSave")}
      </button>
      <button type="button" className="usa-button usa-button--unstyled margin-top-1" onClick={onDone}>
        {t("team.cancel")}
      </button>
    </form>
  );
}
