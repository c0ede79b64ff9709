import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { PlacementHistory } from "./practice-types";
import { TeamForm } from "./TeamForm";
import type { ChildAbilities } from "./types";

const settings = [
  "nonrelative_family_home",
  "relative_family_home",
  "pre_adoptive_home",
  "group_home",
  "institution",
  "supervised_independent_living",
  "runaway",
  "trial_home_visit",
];
const requesters = ["agency", "caregiver", "child", "birth_parent", "court", "other"];
const reasons = [
  "caregiver_requested_removal",
  "behavior_needs",
  "allegation_in_home",
  "caregiver_health",
  "runaway_return",
  "move_to_relative",
  "step_down_to_family",
  "sibling_reunion",
  "pre_adoptive_home",
  "closer_to_school_of_origin",
];
const exclusions = ["expedited_tpr", "parent_incarcerated", "contrary_to_safety"];

function localToday() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Records a move: the open placement closes the day the new one starts, in one step. */
function MoveForm({ history, onDone }: { history: PlacementHistory; onDone(): void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [changeKind, setChangeKind] = useState("emergency");
  const [householdId, setHouseholdId] = useState(history.households[0]?.id ?? "");
  const [setting, setSetting] = useState("nonrelative_family_home");
  const [startDate, setStartDate] = useState(localToday());
  const [startTime, setStartTime] = useState("");
  const [requestedBy, setRequestedBy] = useState("agency");
  const [reason, setReason] = useState(reasons[0]);
  const [excluded, setExcluded] = useState<string[]>([]);
  const [steps, setSteps] = useState([{ description: "", on: "" }]);
  const move = useMutation({
    mutationFn: () =>
      api(`/api/children/${history.childId}/placements`, {
        method: "POST",
        body: {
          householdId: householdId || null,
          setting,
          startDate,
          ...(startTime ? { startTime } : {}),
          changeKind,
          requestedBy,
          reason,
          exclusions: excluded,
          transitionSteps: changeKind === "planned" ? steps.filter((s) => s.description && s.on) : [],
        },
      }),
    onSuccess: () => {
      void client.invalidateQueries({
        predicate: (q) => ["placements", "tasks", "child", "worklist"].includes(String(q.queryKey[0])),
      });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    move.mutate();
  };
  const select = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    options: { value: string; label: string }[],
  ) => (
    <>
      <label className="usa-label" htmlFor={id}>
        {label}
      </label>
      <select className="usa-select" id={id} value={value} onChange={(e) => set(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <form className="usa-form maxw-tablet" onSubmit={submit} aria-labelledby="move-heading">
      <h3 id="move-heading">{t("placement.recordMove")}</h3>
      <ErrorAlert error={move.error} />
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">{t("placement.changeKind")}</legend>
        {["emergency", "planned", "unplanned"].map((k) => (
          <div className="usa-radio" key={k}>
            <input
              className="usa-radio__input"
              type="radio"
              id={`kind-${k}`}
              name="changeKind"
              checked={changeKind === k}
              onChange={() => setChangeKind(k)}
            />
            <label className="usa-radio__label" htmlFor={`kind-${k}`}>
              {t(`placement.kind.${k}`)}
            </label>
          </div>
        ))}
      </fieldset>
      {select("move-household", t("placement.household"), householdId, setHouseholdId, [
        { value: "", label: t("placement.noHousehold") },
        ...history.households.map((h) => ({ value: h.id, label: h.name })),
      ])}
      {select(
        "move-setting",
        t("placement.setting"),
        setting,
        setSetting,
        settings.map((s) => ({ value: s, label: t(`setting.${s}`) })),
      )}
      <label className="usa-label" htmlFor="move-start">
        {t("placement.startDate")}
      </label>
      <input
        className="usa-input"
        type="date"
        id="move-start"
        required
        value={startDate}
        onChange={(e) => setStartDate(e.target.value)}
      />
      <label className="usa-label" htmlFor="move-time">
        {t("placement.startTime")}
      </label>
      <span className="usa-hint" id="move-time-hint">
        {t("placement.startTimeHint")}
      </span>
      <input
        className="usa-input"
        type="time"
        id="move-time"
        aria-describedby="move-time-hint"
        value={startTime}
        onChange={(e) => setStartTime(e.target.value)}
      />
      {select(
        "move-requested",
        t("placement.requestedBy"),
        requestedBy,
        setRequestedBy,
        requesters.map((r) => ({ value: r, label: t(`placement.requester.${r}`) })),
      )}
      {select(
        "move-reason",
        t("placement.reason"),
        reason,
        setReason,
        reasons.map((r) => ({ value: r, label: t(`placement.reasonCode.${r}`) })),
      )}
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">{t("placement.exclusions")}</legend>
        {exclusions.map((x) => (
          <div className="usa-checkbox" key={x}>
            <input
              className="usa-checkbox__input"
              type="checkbox"
              id={`excl-${x}`}
              checked={excluded.includes(x)}
              onChange={(e) => setExcluded(e.target.checked ? [...excluded, x] : excluded.filter((y) => y !== x))}
            />
            <label className="usa-checkbox__label" htmlFor={`excl-${x}`}>
              {t(`practice.exclusion.${x}`)}
            </label>
          </div>
        ))}
      </fieldset>
      {changeKind === "planned" && (
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">{t("placement.transitionPlan")}</legend>
          {steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are edited in place; their position is their identity
            <div key={i} className="margin-bottom-1">
              <label className="usa-label" htmlFor={`step-${i}`}>
                {t("placement.step", { n: i + 1 })}
              </label>
              <input
                className="usa-input"
                id={`step-${i}`}
                value={s.description}
                onChange={(e) => setSteps(steps.map((x, j) => (j === i ? { ...x, description: e.target.value } : x)))}
              />
              <label className="usa-label" htmlFor={`step-${i}-on`}>
                {t("placement.stepDate", { n: i + 1 })}
              </label>
              <input
                className="usa-input"
                type="date"
                id={`step-${i}-on`}
                value={s.on}
                onChange={(e) => setSteps(steps.map((x, j) => (j === i ? { ...x, on: e.target.value } : x)))}
              />
            </div>
          ))}
          <button
            type="button"
            className="usa-button usa-button--unstyled"
            onClick={() => setSteps([...steps, { description: "", on: "" }])}
          >
            {t("placement.addStep")}
          </button>
        </fieldset>
      )}
      <button type="submit" className="usa-button margin-top-2" disabled={move.isPending}>
        {t("placement.save")}
      </button>
    </form>
  );
}

/** Episodes and placements with how each change came about, the team and the family. */
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
              <div className="qpi-table-wrap">
                <table className="usa-table usa-table--borderless usa-table--stacked width-full">
                  <thead>
                    <tr>
                      <th scope="col">{t("placement.dates")}</th>
                      <th scope="col">{t("placement.setting")}</th>
                      <th scope="col">{t("placement.household")}</th>
                      <th scope="col">{t("placement.changeKind")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {e.placements.map((p) => (
                      <tr key={p.id}>
                        <th scope="row" data-label={t("placement.dates")}>
                          {formatDate(p.startDate)} – {p.endDate ? formatDate(p.endDate) : t("placement.now")}
                        </th>
                        <td data-label={t("placement.setting")}>{t(`setting.${p.setting}`)}</td>
                        <td data-label={t("placement.household")}>{p.householdName ?? "—"}</td>
                        <td data-label={t("placement.changeKind")}>
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
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          ))}
          <h2>{t("placement.team")}</h2>
          <ul className="usa-list">
            {history.data.team
              .filter((m) => m.endsOn === null)
              .map((m) => (
                <li key={m.id}>
                  {t(`team.role.${m.role}`)}: {m.name}
                </li>
              ))}
            {history.data.relations.map((r) => (
              <li key={r.personId + r.kind}>
                {t(`relation.${r.kind}`)}: {r.name}
              </li>
            ))}
          </ul>
          {abilities.manageTeam && <TeamForm childId={childId} />}
        </>
      )}
    </section>
  );
}
