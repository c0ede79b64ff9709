import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useSiteToday } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { HomePicker } from "./HomePicker";
import type { PlacementHistory, PlacementMoveInput } from "./types";

type Move = PlacementMoveInput;

const settings: Move["setting"][] = [
  "nonrelative_family_home",
  "relative_family_home",
  "pre_adoptive_home",
  "group_home",
  "institution",
  "supervised_independent_living",
  "runaway",
  "trial_home_visit",
];
const requesters: Move["requestedBy"][] = ["agency", "caregiver", "child", "birth_parent", "court", "other"];
const reasons = [
  "caregiver_requested_removal",
  "behavior_needs",
  "allegation_in_home",
  "caregiver_health",
  "runaway_return",
  "runaway",
  "move_to_relative",
  "step_down_to_family",
  "sibling_reunion",
  "pre_adoptive_home",
  "closer_to_school_of_origin",
  "trial_home_visit",
] as const satisfies Move["reason"][];
const exclusions: NonNullable<Move["exclusions"]> = ["expedited_tpr", "parent_incarcerated", "contrary_to_safety"];

/**
 * Records a move: the open placement closes the day the new one starts, in one step. The kind of change, the home,
 * the setting, who asked and the reason start empty: each is chosen, never a default that becomes data.
 */
export function MoveForm({ history, onDone }: { history: PlacementHistory; onDone(): void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [changeKind, setChangeKind] = useState<Move["changeKind"] | "">("");
  const [householdId, setHouseholdId] = useState<string | null>(null);
  const [setting, setSetting] = useState<Move["setting"] | "">("");
  const today = useSiteToday();
  const [startDate, setStartDate] = useState(today);
  const [startTime, setStartTime] = useState("");
  const [requestedBy, setRequestedBy] = useState<Move["requestedBy"] | "">("");
  const [reason, setReason] = useState<Move["reason"] | "">("");
  const [excluded, setExcluded] = useState<NonNullable<Move["exclusions"]>>([]);
  const [steps, setSteps] = useState([{ description: "", on: "" }]);
  const move = useMutation({
    mutationFn: () =>
      api(`/api/children/${history.childId}/placements`, {
        method: "POST",
        // What is still unchosen is sent as chosen (empty): the server refuses it, naming the field.
        body: {
          householdId: householdId || null,
          setting: setting as Move["setting"],
          startDate,
          ...(startTime ? { startTime } : {}),
          changeKind: changeKind as Move["changeKind"],
          requestedBy: requestedBy as Move["requestedBy"],
          reason: reason as Move["reason"],
          exclusions: excluded,
          transitionSteps: changeKind === "planned" ? steps.filter((s) => s.description && s.on) : [],
        } satisfies Move,
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
  const select = <V extends string>(
    id: string,
    label: string,
    value: V,
    set: (v: V) => void,
    options: { value: V; label: string }[],
  ) => (
    <>
      <label className="usa-label" htmlFor={id}>
        {label}
      </label>
      <select className="usa-select" id={id} required value={value} onChange={(e) => set(e.target.value as V)}>
        <option value="">{t("placement.choose")}</option>
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
        {(["emergency", "planned", "unplanned"] as const).map((k) => (
          <div className="usa-radio" key={k}>
            <input
              className="usa-radio__input"
              type="radio"
              id={`kind-${k}`}
              name="changeKind"
              required
              checked={changeKind === k}
              onChange={() => setChangeKind(k)}
            />
            <label className="usa-radio__label" htmlFor={`kind-${k}`}>
              {t(`placement.kind.${k}`)}
            </label>
          </div>
        ))}
      </fieldset>
      <HomePicker homes={history.households} value={householdId} onChange={setHouseholdId} />
      {select<Move["setting"] | "">(
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
      {select<Move["requestedBy"] | "">(
        "move-requested",
        t("placement.requestedBy"),
        requestedBy,
        setRequestedBy,
        requesters.map((r) => ({ value: r, label: t(`placement.requester.${r}`) })),
      )}
      {select<Move["reason"] | "">(
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
