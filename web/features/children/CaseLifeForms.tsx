import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useSiteToday } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import type { CorrectionInput, EpisodeCreateInput, EpisodeExitInput, PlacementHistory } from "./types";

type Episode = PlacementHistory["episodes"][number];
type Placement = Episode["placements"][number];

/** AFCARS element 58 (reason for discharge): the code each exit is reported as, shown beside its words. */
const exitReasons = [
  ["reunification", 1],
  ["relative", 2],
  ["adoption", 3],
  ["emancipation", 4],
  ["guardianship", 5],
  ["transfer", 6],
  ["runaway", 7],
  ["death", 8],
] as const;
const removalReasons = [
  "neglect",
  "physical_abuse",
  "sexual_abuse",
  "parental_substance_use",
  "caretaker_inability_to_cope",
  "abandonment",
  "other",
] as const;
const authorities = ["court_ordered", "voluntary", "not_yet_determined"] as const;
const settings = [
  "nonrelative_family_home",
  "relative_family_home",
  "pre_adoptive_home",
  "group_home",
  "institution",
  "supervised_independent_living",
  "runaway",
  "trial_home_visit",
] as const;

function useRefresh() {
  const client = useQueryClient();
  return () =>
    client.invalidateQueries({
      predicate: (q) => ["placements", "tasks", "child", "worklist", "children"].includes(String(q.queryKey[0])),
    });
}

function Select(props: {
  id: string;
  label: string;
  value: string;
  set(v: string): void;
  options: { value: string; label: string }[];
}) {
  const { t } = useI18n();
  return (
    <>
      <label className="usa-label" htmlFor={props.id}>
        {props.label}
      </label>
      <select
        className="usa-select"
        id={props.id}
        required
        value={props.value}
        onChange={(e) => props.set(e.target.value)}
      >
        <option value="">{t("intake.choose")}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

/** Leaving care: the exit reason (with its AFCARS code) and day; open practice tasks close as not applicable. */
export function ExitForm({ childId, episode, onDone }: { childId: string; episode: Episode; onDone(): void }) {
  const { t } = useI18n();
  const refresh = useRefresh();
  const today = useSiteToday();
  const [exitDate, setExitDate] = useState(today);
  const [exitReason, setExitReason] = useState("");
  const exit = useMutation({
    mutationFn: () =>
      api(`/api/children/${childId}/episodes/${episode.id}/exit`, {
        method: "POST",
        body: { exitDate, exitReason: exitReason as EpisodeExitInput["exitReason"], version: episode.version },
      }),
    onSuccess: () => {
      void refresh();
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    exit.mutate();
  };
  return (
    <form className="usa-form maxw-tablet" onSubmit={submit} aria-labelledby="exit-heading">
      <h3 id="exit-heading">{t("exit.title")}</h3>
      <p className="usa-hint">{t("exit.hint")}</p>
      <ErrorAlert error={exit.error} />
      <Select
        id="exit-reason"
        label={t("exit.reason")}
        value={exitReason}
        set={setExitReason}
        options={exitReasons.map(([r, code]) => ({ value: r, label: `${t(`placement.exit.${r}`)} (AFCARS ${code})` }))}
      />
      <label className="usa-label" htmlFor="exit-date">
        {t("exit.date")}
      </label>
      <input
        className="usa-input"
        id="exit-date"
        type="date"
        required
        value={exitDate}
        onChange={(e) => setExitDate(e.target.value)}
      />
      <button type="submit" className="usa-button margin-top-2" disabled={exit.isPending}>
        {t("exit.save")}
      </button>
      <button type="button" className="usa-button usa-button--unstyled margin-top-2" onClick={onDone}>
        {t("caseLife.cancel")}
      </button>
    </form>
  );
}

/** A return to care: a new removal and its first placement open a new episode for the same child. */
export function ReentryForm({ history, onDone }: { history: PlacementHistory; onDone(): void }) {
  const { t } = useI18n();
  const refresh = useRefresh();
  const today = useSiteToday();
  const [removalDate, setRemovalDate] = useState(today);
  const [removalReason, setRemovalReason] = useState("");
  const [legalAuthority, setLegalAuthority] = useState("");
  const [householdId, setHouseholdId] = useState("");
  const [setting, setSetting] = useState("");
  const reenter = useMutation({
    mutationFn: () =>
      api(`/api/children/${history.childId}/episodes`, {
        method: "POST",
        body: {
          removalDate,
          removalReason: removalReason as EpisodeCreateInput["removalReason"],
          ...(legalAuthority ? { legalAuthority: legalAuthority as EpisodeCreateInput["legalAuthority"] } : {}),
          placement: {
            householdId: householdId || null,
            setting: setting as EpisodeCreateInput["placement"]["setting"],
            startDate: removalDate,
          },
        } satisfies EpisodeCreateInput,
      }),
    onSuccess: () => {
      void refresh();
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reenter.mutate();
  };
  return (
    <form className="usa-form maxw-tablet" onSubmit={submit} aria-labelledby="reentry-heading">
      <h3 id="reentry-heading">{t("reentry.title")}</h3>
      <p className="usa-hint">{t("reentry.hint")}</p>
      <ErrorAlert error={reenter.error} />
      <label className="usa-label" htmlFor="reentry-date">
        {t("intake.removal.removalDate")}
      </label>
      <input
        className="usa-input"
        id="reentry-date"
        type="date"
        required
        value={removalDate}
        onChange={(e) => setRemovalDate(e.target.value)}
      />
      <Select
        id="reentry-reason"
        label={t("intake.removal.removalReason")}
        value={removalReason}
        set={setRemovalReason}
        options={removalReasons.map((r) => ({ value: r, label: t(`intake.removalReason.${r}`) }))}
      />
      <Select
        id="reentry-authority"
        label={t("intake.removal.legalAuthority")}
        value={legalAuthority}
        set={setLegalAuthority}
        options={authorities.map((a) => ({ value: a, label: t(`intake.authority.${a}`) }))}
      />
      <Select
        id="reentry-household"
        label={t("placement.household")}
        value={householdId}
        set={setHouseholdId}
        options={history.households.map((h) => ({ value: h.id, label: h.name }))}
      />
      <Select
        id="reentry-setting"
        label={t("placement.setting")}
        value={setting}
        set={setSetting}
        options={settings.map((s) => ({ value: s, label: t(`setting.${s}`) }))}
      />
      <button type="submit" className="usa-button margin-top-2" disabled={reenter.isPending}>
        {t("reentry.save")}
      </button>
      <button type="button" className="usa-button usa-button--unstyled margin-top-2" onClick={onDone}>
        {t("caseLife.cancel")}
      </button>
    </form>
  );
}

type Target = { kind: "placement"; placement: Placement } | { kind: "removal_episode"; episode: Episode };

/** A correction of one date or setting, with the reason kept in the record's history. */
export function CorrectionForm({ childId, target, onDone }: { childId: string; target: Target; onDone(): void }) {
  const { t } = useI18n();
  const refresh = useRefresh();
  const fields =
    target.kind === "placement"
      ? (["startDate", "setting", ...(target.placement.endDate ? ["endDate"] : [])] as const)
      : ([
          "removalDate",
          "removalReason",
          "legalAuthority",
          ...(target.episode.exitDate ? ["exitDate", "exitReason"] : []),
        ] as const);
  const [field, setField] = useState<string>("");
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");
  const correct = useMutation({
    mutationFn: () =>
      api(`/api/children/${childId}/corrections`, {
        method: "POST",
        body: {
          entityType: target.kind,
          entityId: target.kind === "placement" ? target.placement.id : target.episode.id,
          version: target.kind === "placement" ? target.placement.version : target.episode.version,
          field: field as CorrectionInput["field"],
          value,
          reason,
        } satisfies CorrectionInput,
      }),
    onSuccess: () => {
      void refresh();
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    correct.mutate();
  };
  const options: Record<string, { value: string; label: string }[]> = {
    setting: settings.map((s) => ({ value: s, label: t(`setting.${s}`) })),
    exitReason: exitReasons.map(([r, code]) => ({ value: r, label: `${t(`placement.exit.${r}`)} (AFCARS ${code})` })),
    removalReason: removalReasons.map((r) => ({ value: r, label: t(`intake.removalReason.${r}`) })),
    legalAuthority: authorities.map((a) => ({ value: a, label: t(`intake.authority.${a}`) })),
  };
  return (
    <form className="usa-form maxw-tablet" onSubmit={submit} aria-labelledby="correct-heading">
      <h3 id="correct-heading">{t("correction.title")}</h3>
      <ErrorAlert error={correct.error} />
      <Select
        id="correct-field"
        label={t("correction.field")}
        value={field}
        set={(f) => {
          setField(f);
          setValue("");
        }}
        options={fields.map((f) => ({ value: f, label: t(`correction.fieldName.${f}`) }))}
      />
      {field &&
        (options[field] ? (
          <Select
            id="correct-value"
            label={t("correction.value")}
            value={value}
            set={setValue}
            options={options[field]}
          />
        ) : (
          <>
            <label className="usa-label" htmlFor="correct-value">
              {t("correction.value")}
            </label>
            <input
              className="usa-input"
              id="correct-value"
              type="date"
              required
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          </>
        ))}
      <label className="usa-label" htmlFor="correct-reason">
        {t("correction.reason")}
      </label>
      <textarea
        className="usa-textarea"
        id="correct-reason"
        required
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="submit" className="usa-button margin-top-2" disabled={correct.isPending}>
        {t("correction.save")}
      </button>
      <button type="button" className="usa-button usa-button--unstyled margin-top-2" onClick={onDone}>
        {t("caseLife.cancel")}
      </button>
    </form>
  );
}

/** Withdrawing a planned move that has not started, with the reason kept in the case history. */
export function WithdrawMoveForm({
  childId,
  placement,
  onDone,
}: {
  childId: string;
  placement: Placement;
  onDone(): void;
}) {
  const { t } = useI18n();
  const refresh = useRefresh();
  const [reason, setReason] = useState("");
  const withdraw = useMutation({
    mutationFn: () =>
      api(`/api/children/${childId}/placements/${placement.id}/withdraw`, {
        method: "POST",
        body: { version: placement.version, reason },
      }),
    onSuccess: () => {
      void refresh();
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    withdraw.mutate();
  };
  return (
    <form className="usa-form maxw-tablet" onSubmit={submit} aria-labelledby="withdraw-heading">
      <h3 id="withdraw-heading">{t("withdraw.title")}</h3>
      <p>{t("withdraw.explain")}</p>
      <ErrorAlert error={withdraw.error} />
      <label className="usa-label" htmlFor="withdraw-reason">
        {t("withdraw.reason")}
      </label>
      <textarea
        className="usa-textarea"
        id="withdraw-reason"
        required
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="submit" className="usa-button margin-top-2" disabled={withdraw.isPending}>
        {t("withdraw.save")}
      </button>
      <button type="button" className="usa-button usa-button--unstyled margin-top-2" onClick={onDone}>
        {t("caseLife.cancel")}
      </button>
    </form>
  );
}

/** The corrections of the child's placements and removals: what changed, from what, why, by whom. */
export function CorrectionHistory({ history }: { history: PlacementHistory }) {
  const { t, formatDate } = useI18n();
  if (history.corrections.length === 0) return null;
  const shown = (field: string, v: string | null) => {
    if (v === null) return "—";
    if (field.endsWith("Date")) return formatDate(v);
    if (field === "setting") return t(`setting.${v}`);
    if (field === "exitReason") return t(`placement.exit.${v}`);
    if (field === "removalReason") return t(`intake.removalReason.${v}`);
    if (field === "legalAuthority") return t(`intake.authority.${v}`);
    if (field === "plannedMove") {
      const [date, ...home] = v.split(" ");
      return t("withdraw.entry", { date: formatDate(date), home: home.join(" ") });
    }
    return v;
  };
  return (
    <>
      <h3 className="font-heading-sm">{t("correction.history")}</h3>
      <ul className="usa-list usa-list--unstyled">
        {history.corrections.map((c) => (
          <li key={c.id} className="border-bottom border-base-lighter padding-y-1">
            {t("correction.entry", {
              field: t(`correction.fieldName.${c.field}`),
              from: shown(c.field, c.oldValue),
              to: shown(c.field, c.newValue),
            })}
            <div className="font-body-2xs">
              {t("correction.by", { name: c.correctedBy, date: formatDate(c.correctedAt.slice(0, 10)) })} · {c.reason}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
