import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api } from "../../app/api";
import { Breadcrumb } from "../../app/Breadcrumb";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import { IntakeHandover } from "./IntakeHandover";
import type { IntakeAnswersInput, IntakeDraftListView, IntakeDraftView, IntakeFinishedView } from "./types";

const steps = ["child", "removal", "placement", "team", "review"] as const;
type Step = (typeof steps)[number];
const removalReasons = [
  "neglect",
  "physical_abuse",
  "sexual_abuse",
  "parental_substance_use",
  "caretaker_inability_to_cope",
  "abandonment",
  "other",
];
const authorities = ["court_ordered", "voluntary", "not_yet_determined"];
const settings = [
  "nonrelative_family_home",
  "relative_family_home",
  "pre_adoptive_home",
  "group_home",
  "institution",
  "supervised_independent_living",
];
const teamRoles = ["casa", "guardian_ad_litem", "attorney", "education_rights_holder", "supervisor"];

/**
 * Intake as one guided flow: a new child, the removal, the first placement and
 * the team. Each "Save and continue" saves the step on the server, so a closed
 * tab or a reload comes back to the same answers (the draft's address is the page's).
 */
export function IntakePage() {
  const { draftId } = useParams();
  const { t } = useI18n();
  const draft = useQuery({
    queryKey: ["intake", draftId],
    queryFn: () => api<IntakeDraftView>(`/api/intake/drafts/${draftId}`),
  });
  return (
    <>
      <Breadcrumb to="/children" labelKey="nav.children" />
      <h1>{t("intake.title")}</h1>
      <ErrorAlert error={draft.error} />
      {draft.data && <IntakeSteps key={draft.data.id} draft={draft.data} />}
    </>
  );
}

function IntakeSteps({ draft }: { draft: IntakeDraftView }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [answers, setAnswers] = useState<IntakeAnswersInput>(draft.answers);
  const [step, setStep] = useState<Step>(draft.step);
  const [version, setVersion] = useState(draft.version);
  const [handedTo, setHandedTo] = useState<{ name: string } | null>(null);
  useEffect(() => {
    document.getElementById("intake-step-heading")?.focus();
  }, []);
  const save = useMutation({
    mutationFn: (next: Step) =>
      api<IntakeDraftView>(`/api/intake/drafts/${draft.id}`, {
        method: "PUT",
        body: { step: next, answers, version },
      }),
    onSuccess: (saved) => {
      setVersion(saved.version);
      setStep(saved.step);
      setTimeout(() => document.getElementById("intake-step-heading")?.focus(), 0);
    },
  });
  const finish = useMutation({
    mutationFn: () => api<IntakeFinishedView>(`/api/intake/drafts/${draft.id}/finish`, { method: "POST" }),
    onSuccess: (done) => {
      void client.invalidateQueries({
        predicate: (q) => ["children", "intake-drafts"].includes(String(q.queryKey[0])),
      });
      navigate(`/children/${done.childId}`);
    },
  });
  const index = steps.indexOf(step);
  if (handedTo)
    return (
      <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
        <div className="usa-alert__body">
          <p className="usa-alert__text">
            {t("intake.handover.done", { name: handedTo.name })} <Link to="/children">{t("nav.children")}</Link>
          </p>
        </div>
      </div>
    );
  const set = <K extends "child" | "removal" | "placement">(part: K, field: string, value: unknown) =>
    setAnswers((a) => ({ ...a, [part]: { ...(a[part] ?? {}), [field]: value } }));
  const text = (part: "child" | "removal" | "placement", field: string, type = "text", required = false) => {
    const id = `intake-${part}-${field}`;
    const value = ((answers[part] as Record<string, unknown> | undefined)?.[field] as string | undefined) ?? "";
    return (
      <>
        <label className="usa-label" htmlFor={id}>
          {t(`intake.${part}.${field}`)}
          {required && <span className="text-secondary-dark"> *</span>}
        </label>
        <input
          className="usa-input"
          id={id}
          type={type}
          value={value}
          required={required}
          onChange={(e) => set(part, field, e.target.value)}
        />
      </>
    );
  };
  const choice = (
    part: "child" | "removal" | "placement",
    field: string,
    options: { value: string; label: string }[],
    required = false,
  ) => {
    const id = `intake-${part}-${field}`;
    const value = ((answers[part] as Record<string, unknown> | undefined)?.[field] as string | undefined) ?? "";
    return (
      <>
        <label className="usa-label" htmlFor={id}>
          {t(`intake.${part}.${field}`)}
          {required && <span className="text-secondary-dark"> *</span>}
        </label>
        <select
          className="usa-select"
          id={id}
          value={value}
          required={required}
          onChange={(e) => set(part, field, e.target.value)}
        >
          <option value="">{t("intake.choose")}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </>
    );
  };
  const next = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(steps[Math.min(index + 1, steps.length - 1)]);
  };
  const team = answers.team ?? [];
  const setMember = (i: number, field: string, value: string) =>
    setAnswers((a) => ({ ...a, team: (a.team ?? []).map((m, j) => (j === i ? { ...m, [field]: value } : m)) }));
  let body: ReactNode;
  if (step === "child") {
    const c = answers.child ?? {};
    body = (
      <>
        {text("child", "caseNumber", "text", true)}
        {text("child", "givenName", "text", true)}
        {text("child", "familyName", "text", true)}
        {text("child", "preferredName")}
        {text("child", "birthDate", "date", true)}
        {choice(
          "child",
          "sex",
          ["female", "male", "unknown"].map((s) => ({ value: s, label: t(`intake.sex.${s}`) })),
          true,
        )}
        <label className="usa-label" htmlFor="intake-child-languages">
          {t("intake.child.languages")}
        </label>
        <span className="usa-hint" id="intake-languages-hint">
          {t("intake.child.languagesHint")}
        </span>
        <input
          className="usa-input"
          id="intake-child-languages"
          aria-describedby="intake-languages-hint"
          value={(c.languages ?? []).join(", ")}
          onChange={(e) =>
            set(
              "child",
              "languages",
              e.target.value
                .split(/[,\s]+/)
                .map((l) => l.trim().toLowerCase())
                .filter(Boolean)
                .slice(0, 6),
            )
          }
        />
        <div className="usa-checkbox margin-top-2">
          <input
            className="usa-checkbox__input"
            type="checkbox"
            id="intake-child-icwa"
            checked={c.icwa ?? false}
            onChange={(e) => set("child", "icwa", e.target.checked)}
          />
          <label className="usa-checkbox__label" htmlFor="intake-child-icwa">
            {t("intake.child.icwa")}
          </label>
        </div>
        {text("child", "tribalAffiliation")}
        {text("child", "school")}
        {text("child", "schoolOfOrigin")}
      </>
    );
  } else if (step === "removal") {
    body = (
      <>
        {text("removal", "removalDate", "date", true)}
        {text("removal", "removalTime", "time")}
        {choice(
          "removal",
          "removalReason",
          removalReasons.map((r) => ({ value: r, label: t(`intake.removalReason.${r}`) })),
          true,
        )}
        {choice(
          "removal",
          "legalAuthority",
          authorities.map((a) => ({ value: a, label: t(`intake.authority.${a}`) })),
          true,
        )}
      </>
    );
  } else if (step === "placement") {
    body = (
      <>
        {choice(
          "placement",
          "householdId",
          draft.households.map((h) => ({
            value: h.id,
            label: [h.name, h.city].filter(Boolean).join(" · "),
          })),
        )}
        {choice(
          "placement",
          "setting",
          settings.map((s) => ({ value: s, label: t(`setting.${s}`) })),
          true,
        )}
        {text("placement", "startDate", "date", true)}
        {text("placement", "startTime", "time")}
      </>
    );
  } else if (step === "team") {
    body = (
      <>
        <p>{t("intake.team.you")}</p>
        {team.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: members are edited in place; their position is their identity
          <fieldset className="usa-fieldset margin-bottom-2" key={i}>
            <legend className="usa-legend">{t("intake.team.member", { n: i + 1 })}</legend>
            <label className="usa-label" htmlFor={`intake-team-${i}-role`}>
              {t("intake.team.role")}
            </label>
            <select
              className="usa-select"
              id={`intake-team-${i}-role`}
              value={m.role ?? ""}
              onChange={(e) => setMember(i, "role", e.target.value)}
            >
              <option value="">{t("intake.choose")}</option>
              {teamRoles.map((r) => (
                <option key={r} value={r}>
                  {t(`team.role.${r}`)}
                </option>
              ))}
            </select>
            {(["givenName", "familyName", "email", "phone"] as const).map((f) => (
              <div key={f}>
                <label className="usa-label" htmlFor={`intake-team-${i}-${f}`}>
                  {t(`intake.team.${f}`)}
                </label>
                <input
                  className="usa-input"
                  id={`intake-team-${i}-${f}`}
                  type={f === "email" ? "email" : f === "phone" ? "tel" : "text"}
                  value={m[f] ?? ""}
                  onChange={(e) => setMember(i, f, e.target.value)}
                />
              </div>
            ))}
          </fieldset>
        ))}
        <button
          type="button"
          className="usa-button usa-button--outline"
          onClick={() => setAnswers((a) => ({ ...a, team: [...(a.team ?? []), {}] }))}
        >
          {t("intake.team.add")}
        </button>
      </>
    );
  } else {
    const c = answers.child ?? {};
    const r = answers.removal ?? {};
    const p = answers.placement ?? {};
    const home = draft.households.find((h) => h.id === p.householdId);
    body = (
      <dl className="qpi-facts">
        <dt>{t("intake.step.child")}</dt>
        <dd>
          {c.givenName} {c.familyName} · {c.birthDate} · {c.caseNumber}
        </dd>
        <dt>{t("intake.step.removal")}</dt>
        <dd>
          {r.removalDate} {r.removalTime} · {r.removalReason ? t(`intake.removalReason.${r.removalReason}`) : "—"}
        </dd>
        <dt>{t("intake.step.placement")}</dt>
        <dd>
          {home?.name ?? "—"} · {p.setting ? t(`setting.${p.setting}`) : "—"} · {p.startDate}
        </dd>
        <dt>{t("intake.step.team")}</dt>
        <dd>{team.map((m) => `${m.givenName ?? ""} ${m.familyName ?? ""}`.trim()).join(", ") || "—"}</dd>
      </dl>
    );
  }
  return (
    <>
      <ol className="usa-step-indicator__segments margin-bottom-2" aria-label={t("intake.progress")}>
        {steps.map((s, i) => (
          <li
            key={s}
            className={`usa-step-indicator__segment${i < index ? " usa-step-indicator__segment--complete" : ""}${i === index ? " usa-step-indicator__segment--current" : ""}`}
            aria-current={i === index ? "step" : undefined}
          >
            <span className="usa-step-indicator__segment-label">{t(`intake.step.${s}`)}</span>
          </li>
        ))}
      </ol>
      <form className="usa-form maxw-tablet" onSubmit={next} aria-labelledby="intake-step-heading">
        <h2 id="intake-step-heading" tabIndex={-1}>
          {t("intake.stepOf", { n: index + 1, total: steps.length, step: t(`intake.step.${step}`) })}
        </h2>
        <ErrorAlert error={save.error ?? finish.error} />
        {body}
        <div className="margin-top-3">
          {index > 0 && (
            <button
              type="button"
              className="usa-button usa-button--outline"
              disabled={save.isPending}
              onClick={() => save.mutate(steps[index - 1])}
            >
              {t("intake.back")}
            </button>
          )}
          {step !== "review" ? (
            <button type="submit" className="usa-button" disabled={save.isPending}>
              {t("intake.saveContinue")}
            </button>
          ) : (
            <button
              type="button"
              className="usa-button"
              disabled={finish.isPending}
              onClick={() => save.mutateAsync("review").then(() => finish.mutate())}
            >
              {t("intake.finish")}
            </button>
          )}
        </div>
        <p className="usa-hint" aria-live="polite">
          {save.isSuccess ? t("intake.saved") : ""}
        </p>
      </form>
      <IntakeHandover draft={draft} answers={answers} step={step} version={version} onHanded={setHandedTo} />
    </>
  );
}

/** Starts an intake at the worker's site and opens its first step; the draft's address survives a reload. */
export function IntakeStart({ siteId }: { siteId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const drafts = useQuery({
    queryKey: ["intake-drafts"],
    queryFn: () => api<IntakeDraftListView>("/api/intake/drafts"),
  });
  const start = useMutation({
    mutationFn: () => api<IntakeDraftView>("/api/intake/drafts", { method: "POST", body: { siteId } }),
    onSuccess: (d) => navigate(`/intake/${d.id}`),
  });
  return (
    <div className="margin-bottom-2">
      <ErrorAlert error={start.error} />
      <button type="button" className="usa-button" onClick={() => start.mutate()} disabled={start.isPending}>
        {t("intake.start")}
      </button>
      {drafts.data && drafts.data.drafts.length > 0 && (
        <ul className="usa-list">
          {drafts.data.drafts.map((d) => (
            <li key={d.id}>
              <Link to={`/intake/${d.id}`}>
                {t("intake.continue", {
                  name:
                    [d.answers.child?.givenName, d.answers.child?.familyName].filter(Boolean).join(" ") ||
                    t("intake.unnamed"),
                })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
