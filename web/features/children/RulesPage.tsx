import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../app/api";
import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useSiteToday } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { usePracticeName } from "./practice-name";
import { RuleNote } from "./RuleNote";
import type { Rule, RuleInput, RuleListView } from "./types";

/** The units a deadline counts in (the rule schema's dueUnit). */
type DueUnit = Rule["dueUnit"];
const dueUnits = ["hours", "days", "business_days"] as const satisfies readonly DueUnit[];

/** The state's practice rules with effective dates and sources; a QPI coordinator adds new versions. */
export function RulesPage() {
  const { t, formatDate } = useI18n();
  const practiceName = usePracticeName();
  // A site's own practice is named by its row in the rule set's vocabulary.
  const kindLabel = (code: string) => rules.data?.vocabulary.kinds.find((k) => k.code === code)?.label;
  const client = useQueryClient();
  const rules = useQuery({
    queryKey: ["rules"],
    queryFn: () => api<RuleListView>("/api/rules"),
  });
  const [editing, setEditing] = useState<Rule | null>(null);
  const [form, setForm] = useState({
    dueAmount: "",
    dueUnit: "days" as DueUnit,
    effectiveFrom: "",
    sourceUrl: "",
    sourceNote: "",
    sourceNoteEs: "",
  });
  const [confirmEnds, setConfirmEnds] = useState(false);
  const today = useSiteToday();
  // A version applying from before today ends the version in force on that day early: the coordinator confirms
  // ending that one, named, before it is saved (tasks already created keep their due dates).
  const ending =
    editing && form.effectiveFrom && form.effectiveFrom < today
      ? rules.data?.rules
          .filter(
            (r) =>
              r.practice === editing.practice &&
              r.trigger === editing.trigger &&
              r.appliesTo === editing.appliesTo &&
              (r.effectiveFrom ?? "") < form.effectiveFrom &&
              (r.effectiveTo === null || r.effectiveTo >= form.effectiveFrom),
          )
          .sort((a, b) => (b.effectiveFrom ?? "").localeCompare(a.effectiveFrom ?? ""))[0]
      : undefined;
  const save = useMutation({
    mutationFn: () =>
      api("/api/rules", {
        method: "POST",
        body: {
          stateCode: rules.data!.stateCode,
          practice: editing!.practice,
          trigger: editing!.trigger,
          appliesTo: editing!.appliesTo,
          dueAmount: Number(form.dueAmount),
          dueUnit: form.dueUnit,
          dueDirection: editing!.dueDirection,
          repeatDays: editing!.repeatDays,
          exclusions: editing!.exclusions,
          effectiveFrom: form.effectiveFrom,
          ...(ending && confirmEnds ? { confirmEndsVersion: ending.id } : {}),
          sourceUrl: form.sourceUrl,
          sourceNote: form.sourceNote,
          ...(form.sourceNoteEs.trim() ? { sourceNoteEs: form.sourceNoteEs } : {}),
        } satisfies RuleInput,
      }),
    onSuccess: () => {
      setEditing(null);
      void client.invalidateQueries({ queryKey: ["rules"] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const describe = (r: Rule) =>
    t(`rules.due.${r.dueDirection}`, {
      amount: r.dueAmount,
      unit: t(`rules.unit.${r.dueUnit}`),
      event: t(`rules.trigger.${r.trigger}`),
    });
  return (
    <>
      <h1>{t("rules.title", { state: rules.data?.stateCode ?? "" })}</h1>
      <p>{t("rules.intro")}</p>
      <ErrorAlert error={rules.error ?? save.error} />
      {editing && (
        <form className="usa-form maxw-tablet" onSubmit={submit} aria-labelledby="rule-edit">
          <h2 id="rule-edit">
            {t("rules.newVersion", { practice: practiceName(editing.practice, kindLabel(editing.practice)) })}
          </h2>
          <label className="usa-label" htmlFor="rule-amount">
            {t("rules.amount", { unit: t(`rules.unit.${form.dueUnit}`) })}
          </label>
          <input
            className="usa-input"
            id="rule-amount"
            type="number"
            min={1}
            required
            value={form.dueAmount}
            onChange={(e) => setForm({ ...form, dueAmount: e.target.value })}
          />
          <label className="usa-label" htmlFor="rule-unit">
            {t("rules.unitLabel")}
          </label>
          <select
            className="usa-select"
            id="rule-unit"
            value={form.dueUnit}
            onChange={(e) => setForm({ ...form, dueUnit: e.target.value as DueUnit })}
          >
            {dueUnits.map((unit) => (
              <option key={unit} value={unit}>
                {t(`rules.unit.${unit}`)}
              </option>
            ))}
          </select>
          <label className="usa-label" htmlFor="rule-from">
            {t("rules.effectiveFrom")}
          </label>
          <input
            className="usa-input"
            id="rule-from"
            type="date"
            required
            value={form.effectiveFrom}
            onChange={(e) => setForm({ ...form, effectiveFrom: e.target.value })}
          />
          {ending && (
            <div className="usa-checkbox margin-top-1">
              <input
                className="usa-checkbox__input"
                type="checkbox"
                id="rule-confirm-ends"
                required
                checked={confirmEnds}
                onChange={(e) => setConfirmEnds(e.target.checked)}
              />
              <label className="usa-checkbox__label" htmlFor="rule-confirm-ends">
                {t("rules.confirmEnds", {
                  from: ending.effectiveFrom ? formatDate(ending.effectiveFrom) : (ending.effectiveNote ?? ""),
                  due: describe(ending),
                })}
              </label>
            </div>
          )}
          <label className="usa-label" htmlFor="rule-url">
            {t("rules.sourceUrl")}
          </label>
          <input
            className="usa-input"
            id="rule-url"
            type="url"
            required
            value={form.sourceUrl}
            onChange={(e) => setForm({ ...form, sourceUrl: e.target.value })}
          />
          <label className="usa-label" htmlFor="rule-note">
            {t("rules.sourceNote")}
          </label>
          <textarea
            className="usa-textarea"
            id="rule-note"
            required
            lang="en"
            value={form.sourceNote}
            onChange={(e) => setForm({ ...form, sourceNote: e.target.value })}
          />
          <label className="usa-label" htmlFor="rule-note-es">
            {t("rules.sourceNoteEs")}
          </label>
          <span className="usa-hint" id="rule-note-es-hint">
            {t("rules.sourceNoteEsHint")}
          </span>
          <textarea
            className="usa-textarea"
            id="rule-note-es"
            lang="es"
            aria-describedby="rule-note-es-hint"
            value={form.sourceNoteEs}
            onChange={(e) => setForm({ ...form, sourceNoteEs: e.target.value })}
          />
          <button type="submit" className="usa-button margin-top-2">
            {t("rules.save")}
          </button>
          <button
            type="button"
            className="usa-button usa-button--unstyled margin-left-2"
            onClick={() => setEditing(null)}
          >
            {t("rules.cancel")}
          </button>
        </form>
      )}
      {rules.data && (
        <DataTable
          caption={t("rules.title", { state: rules.data.stateCode })}
          captionHidden
          rows={rules.data.rules}
          rowKey={(r) => r.id}
          columns={[
            {
              header: t("worklist.practice"),
              cell: (r) => (
                <>
                  {practiceName(r.practice, kindLabel(r.practice))}
                  {r.appliesTo !== "all" && ` (${t(`rules.appliesTo.${r.appliesTo}`)})`}
                </>
              ),
            },
            {
              header: t("rules.deadline"),
              cell: (r) => (
                <>
                  {describe(r)}
                  {r.exclusions.length > 0 && (
                    <div className="font-body-3xs">
                      {t("rules.except", { list: r.exclusions.map((x) => t(`practice.exclusion.${x}`)).join(", ") })}
                    </div>
                  )}
                </>
              ),
            },
            {
              header: t("rules.layerHeader"),
              cell: (r) => t(`rules.layer.${r.layer}`),
            },
            {
              header: t("rules.effective"),
              cell: (r) => (
                <>
                  {r.effectiveFrom ? formatDate(r.effectiveFrom) : "…"} –{" "}
                  {r.effectiveTo ? formatDate(r.effectiveTo) : t("placement.now")}
                  {r.effectiveNote && (
                    <div className="font-body-3xs">
                      <RuleNote en={r.effectiveNote} es={r.effectiveNoteEs} />
                    </div>
                  )}
                </>
              ),
            },
            {
              header: t("rules.source"),
              cell: (r) => (
                <>
                  <a href={r.sourceUrl} rel="noreferrer" target="_blank">
                    <RuleNote en={r.sourceNote} es={r.sourceNoteEs} />
                  </a>
                  {rules.data.canManage && r.effectiveTo === null && (
                    <div>
                      <button
                        type="button"
                        className="usa-button usa-button--unstyled"
                        onClick={() => {
                          setEditing(r);
                          setForm({
                            dueAmount: String(r.dueAmount),
                            dueUnit: r.dueUnit,
                            effectiveFrom: "",
                            sourceUrl: r.sourceUrl,
                            sourceNote: "",
                            sourceNoteEs: "",
                          });
                        }}
                      >
                        {t("rules.change")}
                      </button>
                    </div>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
