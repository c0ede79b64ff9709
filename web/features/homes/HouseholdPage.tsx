import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { api } from "../../app/api";
import { Breadcrumb } from "../../app/Breadcrumb";
import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useSiteToday } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { DocumentsSection } from "./DocumentsSection";
import { InviteApplicant } from "./InviteApplicant";
import type {
  CheckInputView,
  HouseholdDetailView,
  HouseholdUpdateInput,
  ReasonListView,
  StageChangeInput,
} from "./types";

const needs = ["medical", "behavioral", "developmental", "infant_care", "teen_parent", "lgbtq_affirming"] as const;
const approvalTypes = ["resource_family", "kin", "ffa_certified", "emergency_relative"] as const;

/** One household for the RFA worker: the record, the application's steps, checks, consent, deadlines, closing. */
export function HouseholdPage() {
  const { householdId } = useParams();
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const key = ["household", householdId];
  const home = useQuery({
    queryKey: key,
    queryFn: () => api<HouseholdDetailView>(`/api/households/${householdId}`),
  });
  const reasons = useQuery({
    queryKey: ["household-reasons"],
    queryFn: () => api<ReasonListView>("/api/households/reasons"),
  });
  const today = useSiteToday(home.data?.siteId);
  const settle = (data: HouseholdDetailView) => client.setQueryData(key, data);
  const post = <T,>(path: string, body: T) =>
    api<HouseholdDetailView>(`/api/households/${householdId}${path}`, { method: "POST", body });

  const [stageOn, setStageOn] = useState(today);
  const advance = useMutation({
    mutationFn: (body: StageChangeInput) => post("/stage", body),
    onSuccess: settle,
  });
  const [end, setEnd] = useState({ reasonCode: "", note: "" });
  const [check, setCheck] = useState<CheckInputView>({
    subject: "",
    kind: "live_scan",
    status: "requested",
    requestedOn: today,
    completedOn: null,
  });
  const saveCheck = useMutation({ mutationFn: () => post("/checks", check), onSuccess: settle });
  const [consent, setConsent] = useState({ shared: true, note: "" });
  const saveConsent = useMutation({ mutationFn: () => post("/consent", consent), onSuccess: settle });
  const [closure, setClosure] = useState({ reason: "", note: "", closedOn: today });
  const close = useMutation({ mutationFn: () => post("/close", closure), onSuccess: settle });
  const [record, setRecord] = useState<HouseholdUpdateInput | null>(null);
  useEffect(() => {
    const h = home.data;
    if (!h) return;
    setRecord({
      version: h.version,
      name: h.name,
      addressLine1: h.addressLine1 ?? null,
      city: h.city,
      postalCode: h.postalCode,
      phone: h.phone ?? null,
      email: h.email ?? null,
      languages: h.languages,
      licenseNumber: h.licenseNumber,
      approvalType: h.approvalType,
      capacity: h.capacity,
      prefAgeMin: h.prefAgeMin,
      prefAgeMax: h.prefAgeMax,
      prefSiblingGroups: h.prefSiblingGroups,
      prefNeeds: h.prefNeeds as HouseholdUpdateInput["prefNeeds"],
      availability: h.availability,
      trainingHours: h.trainingHours,
      residents: h.residents,
    });
  }, [home.data]);
  const saveRecord = useMutation({
    mutationFn: () => api<HouseholdDetailView>(`/api/households/${householdId}`, { method: "PUT", body: record }),
    onSuccess: settle,
  });
  useEffect(() => {
    setStageOn(today);
    setClosure((c) => ({ ...c, closedOn: today }));
  }, [today]);

  const h = home.data;
  const ended = h && ["withdrawn", "denied", "closed"].includes(h.stage);
  const num = (v: string) => (v === "" ? null : Number(v));
  return (
    <>
      <Breadcrumb to="/households" labelKey="nav.households" />
      <ErrorAlert error={home.error} />
      {h && (
        <>
          <h1>{h.name}</h1>
          <p className="usa-intro">
            <span className="usa-tag">{t(`homes.stage.${h.stage}`)}</span> {h.licenseNumber ?? t("homes.noLicence")}
            {h.addressLine1 !== undefined && (
              <>
                {" · "}
                {[h.addressLine1, h.city, h.postalCode].filter(Boolean).join(", ")}
                {h.phone ? ` · ${h.phone}` : ""}
              </>
            )}
          </p>

          <section aria-labelledby="homes-steps">
            <h2 id="homes-steps">{t("homes.application")}</h2>
            <ol className="usa-list">
              {h.stageHistory.map((e) => (
                <li key={e.id}>
                  {t(`homes.stage.${e.stage}`)} · {formatDate(e.enteredOn)}
                  {e.reasonCode ? ` · ${t(`homes.exit.${e.reasonCode}`)}` : ""}
                  {e.note ? ` · ${e.note}` : ""}
                  {e.recordedByName ? ` · ${e.recordedByName}` : ""}
                </li>
              ))}
            </ol>
            {h.missing.length > 0 && (
              <div className="usa-alert usa-alert--info usa-alert--slim">
                <div className="usa-alert__body">
                  <p className="usa-alert__text">{t("homes.missingTitle")}</p>
                  <ul>
                    {h.missing.map((m) => (
                      <li key={m}>{t(`homes.missing.${m}`)}</li>
                    ))}
                  </ul>
                </div>
              </div>
            )}
            <ErrorAlert error={advance.error} />
            {h.nextStage && !ended && (
              <form
                className="usa-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (h.nextStage) advance.mutate({ stage: h.nextStage, on: stageOn });
                }}
              >
                <label className="usa-label" htmlFor="stage-on">
                  {t("homes.stageOn")}
                </label>
                <input
                  className="usa-input"
                  id="stage-on"
                  type="date"
                  required
                  value={stageOn}
                  onChange={(e) => setStageOn(e.target.value)}
                />
                <button className="usa-button margin-top-1" type="submit" disabled={advance.isPending}>
                  {t("homes.recordStep", { stage: t(`homes.stage.${h.nextStage}`) })}
                </button>
              </form>
            )}
            {!ended && h.stage !== "approved" && (
              <form
                className="usa-form margin-top-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  const outcome = reasons.data?.exit.find((r) => r.code === end.reasonCode)?.outcome ?? "withdrawn";
                  advance.mutate({
                    stage: outcome,
                    on: stageOn,
                    reasonCode: end.reasonCode,
                    note: end.note || undefined,
                  });
                }}
              >
                <label className="usa-label" htmlFor="end-reason">
                  {t("homes.endReason")}
                </label>
                <select
                  className="usa-select"
                  id="end-reason"
                  value={end.reasonCode}
                  onChange={(e) => setEnd({ ...end, reasonCode: e.target.value })}
                >
                  <option value="">{t("homes.choose")}</option>
                  {reasons.data?.exit.map((r) => (
                    <option key={r.code} value={r.code}>
                      {t(`homes.stage.${r.outcome}`)}: {t(`homes.exit.${r.code}`)}
                    </option>
                  ))}
                </select>
                <label className="usa-label" htmlFor="end-note">
                  {t("homes.note")}
                </label>
                <input
                  className="usa-input"
                  id="end-note"
                  value={end.note}
                  onChange={(e) => setEnd({ ...end, note: e.target.value })}
                />
                <button className="usa-button usa-button--secondary margin-top-1" type="submit">
                  {t("homes.endApplication")}
                </button>
              </form>
            )}
            <DocumentsSection householdId={h.id} seat="staff" />
            {!["withdrawn", "denied", "closed"].includes(h.stage) && <InviteApplicant home={h} />}
          </section>

          <section aria-labelledby="homes-checks" className="margin-top-4">
            <h2 id="homes-checks">{t("homes.checks")}</h2>
            <p className="usa-hint">{t("homes.checksHint")}</p>
            {h.checks.length === 0 ? (
              <p>{t("homes.noChecks")}</p>
            ) : (
              <DataTable
                caption={t("homes.checks")}
                captionHidden
                rows={h.checks}
                rowKey={(c) => c.id}
                columns={[
                  { header: t("homes.checkSubject"), cell: (c) => c.subject },
                  { header: t("homes.checkKind"), cell: (c) => t(`homes.checkKinds.${c.kind}`) },
                  { header: t("homes.checkStatus"), cell: (c) => t(`homes.checkStatuses.${c.status}`) },
                  { header: t("homes.requestedOn"), cell: (c) => formatDate(c.requestedOn) },
                  { header: t("homes.completedOn"), cell: (c) => formatDate(c.completedOn) },
                ]}
              />
            )}
            {!ended && (
              <form
                className="usa-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  saveCheck.mutate();
                }}
              >
                <h3 className="font-heading-sm">{t("homes.addCheck")}</h3>
                <ErrorAlert error={saveCheck.error} />
                <label className="usa-label" htmlFor="check-subject">
                  {t("homes.checkSubject")}
                </label>
                <input
                  className="usa-input"
                  id="check-subject"
                  required
                  value={check.subject}
                  onChange={(e) => setCheck({ ...check, subject: e.target.value })}
                />
                <label className="usa-label" htmlFor="check-kind">
                  {t("homes.checkKind")}
                </label>
                <select
                  className="usa-select"
                  id="check-kind"
                  value={check.kind}
                  onChange={(e) => setCheck({ ...check, kind: e.target.value as CheckInputView["kind"] })}
                >
                  {(["live_scan", "child_abuse_index", "dmv"] as const).map((k) => (
                    <option key={k} value={k}>
                      {t(`homes.checkKinds.${k}`)}
                    </option>
                  ))}
                </select>
                <label className="usa-label" htmlFor="check-status">
                  {t("homes.checkStatus")}
                </label>
                <select
                  className="usa-select"
                  id="check-status"
                  value={check.status}
                  onChange={(e) => setCheck({ ...check, status: e.target.value as CheckInputView["status"] })}
                >
                  {(["requested", "cleared", "exemption_needed", "exemption_granted", "not_cleared"] as const).map(
                    (s) => (
                      <option key={s} value={s}>
                        {t(`homes.checkStatuses.${s}`)}
                      </option>
                    ),
                  )}
                </select>
                <label className="usa-label" htmlFor="check-requested">
                  {t("homes.requestedOn")}
                </label>
                <input
                  className="usa-input"
                  id="check-requested"
                  type="date"
                  required
                  value={check.requestedOn}
                  onChange={(e) => setCheck({ ...check, requestedOn: e.target.value })}
                />
                <label className="usa-label" htmlFor="check-completed">
                  {t("homes.completedOn")}
                </label>
                <input
                  className="usa-input"
                  id="check-completed"
                  type="date"
                  value={check.completedOn ?? ""}
                  onChange={(e) => setCheck({ ...check, completedOn: e.target.value || null })}
                />
                <button className="usa-button margin-top-1" type="submit" disabled={saveCheck.isPending}>
                  {t("homes.saveCheck")}
                </button>
              </form>
            )}
          </section>

          <section aria-labelledby="homes-deadlines" className="margin-top-4">
            <h2 id="homes-deadlines">{t("homes.deadlines")}</h2>
            {h.tasks.length === 0 && <p>{t("homes.noDeadlines")}</p>}
            <ul className="usa-list">
              {h.tasks.map((task) => (
                <li key={task.id}>
                  {t(`homes.task.${task.kind}`, { date: formatDate(task.dueOn) })} ·{" "}
                  {t(`homes.taskStatus.${task.status}`)} ·{" "}
                  <a href={task.sourceUrl} rel="noreferrer" target="_blank">
                    {t("homes.source.link")}
                  </a>
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="homes-consent" className="margin-top-4">
            <h2 id="homes-consent">{t("homes.consent")}</h2>
            <p>{h.contactSharedWithBirthParents ? t("homes.consentOn") : t("homes.consentOff")}</p>
            <ul className="usa-list">
              {h.consentHistory.map((c) => (
                <li key={c.id}>
                  {c.shared ? t("homes.consentGiven") : t("homes.consentWithdrawn")} · {formatDate(c.recordedAt)} ·{" "}
                  {c.recordedAs === "caregiver"
                    ? t("homes.byCaregiver")
                    : t("homes.byStaff", { name: c.recordedByName })}
                  {c.note ? ` · ${c.note}` : ""}
                </li>
              ))}
            </ul>
            <form
              className="usa-form"
              onSubmit={(e) => {
                e.preventDefault();
                saveConsent.mutate();
              }}
            >
              <h3 className="font-heading-sm">{t("homes.consentOnBehalf")}</h3>
              <ErrorAlert error={saveConsent.error} />
              <fieldset className="usa-fieldset">
                <legend className="usa-legend">{t("homes.consentChoice")}</legend>
                {[true, false].map((v) => (
                  <div className="usa-radio" key={String(v)}>
                    <input
                      className="usa-radio__input"
                      id={`consent-${v}`}
                      type="radio"
                      name="consent-choice"
                      checked={consent.shared === v}
                      onChange={() => setConsent({ ...consent, shared: v })}
                    />
                    <label className="usa-radio__label" htmlFor={`consent-${v}`}>
                      {v ? t("homes.consentYes") : t("homes.consentNo")}
                    </label>
                  </div>
                ))}
              </fieldset>
              <label className="usa-label" htmlFor="consent-note">
                {t("homes.consentNote")}
              </label>
              <input
                className="usa-input"
                id="consent-note"
                value={consent.note}
                onChange={(e) => setConsent({ ...consent, note: e.target.value })}
              />
              <button className="usa-button margin-top-1" type="submit">
                {t("homes.saveConsent")}
              </button>
            </form>
          </section>

          {record && (
            <section aria-labelledby="homes-record" className="margin-top-4">
              <h2 id="homes-record">{t("homes.record")}</h2>
              {h.members.length + h.residents.length > 0 && (
                <ul className="usa-list">
                  {h.members.map((m) => (
                    <li key={m.personId}>
                      {m.name} · {t(`homes.memberRole.${m.role}`)}
                    </li>
                  ))}
                  {h.residents.map((r) => (
                    <li key={r.id}>
                      {r.givenName} {r.familyName} · {t(`homes.residentRole.${r.role}`)}
                      {r.birthYear ? ` · ${r.birthYear}` : ""}
                    </li>
                  ))}
                </ul>
              )}
              <form
                className="usa-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  saveRecord.mutate();
                }}
              >
                <ErrorAlert error={saveRecord.error} />
                <label className="usa-label" htmlFor="rec-name">
                  {t("homes.name")}
                </label>
                <input
                  className="usa-input"
                  id="rec-name"
                  required
                  value={record.name}
                  onChange={(e) => setRecord({ ...record, name: e.target.value })}
                />
                {h.addressLine1 !== undefined && (
                  <>
                    <label className="usa-label" htmlFor="rec-address">
                      {t("homes.address")}
                    </label>
                    <input
                      className="usa-input"
                      id="rec-address"
                      value={record.addressLine1 ?? ""}
                      onChange={(e) => setRecord({ ...record, addressLine1: e.target.value || null })}
                    />
                    <label className="usa-label" htmlFor="rec-phone">
                      {t("homes.phone")}
                    </label>
                    <input
                      className="usa-input"
                      id="rec-phone"
                      type="tel"
                      value={record.phone ?? ""}
                      onChange={(e) => setRecord({ ...record, phone: e.target.value || null })}
                    />
                    <label className="usa-label" htmlFor="rec-email">
                      {t("homes.email")}
                    </label>
                    <input
                      className="usa-input"
                      id="rec-email"
                      type="email"
                      value={record.email ?? ""}
                      onChange={(e) => setRecord({ ...record, email: e.target.value || null })}
                    />
                  </>
                )}
                <label className="usa-label" htmlFor="rec-city">
                  {t("homes.city")}
                </label>
                <input
                  className="usa-input"
                  id="rec-city"
                  value={record.city ?? ""}
                  onChange={(e) => setRecord({ ...record, city: e.target.value || null })}
                />
                <label className="usa-label" htmlFor="rec-zip">
                  {t("homes.zip")}
                </label>
                <input
                  className="usa-input usa-input--small"
                  id="rec-zip"
                  inputMode="numeric"
                  value={record.postalCode ?? ""}
                  onChange={(e) => setRecord({ ...record, postalCode: e.target.value || null })}
                />
                <label className="usa-label" htmlFor="rec-languages">
                  {t("homes.languages")}
                </label>
                <span className="usa-hint" id="rec-languages-hint">
                  {t("homes.languagesHint")}
                </span>
                <input
                  className="usa-input"
                  id="rec-languages"
                  aria-describedby="rec-languages-hint"
                  value={record.languages.join(", ")}
                  onChange={(e) =>
                    setRecord({
                      ...record,
                      languages: e.target.value
                        .split(",")
                        .map((s) => s.trim())
                        .filter(Boolean),
                    })
                  }
                />
                <label className="usa-label" htmlFor="rec-licence">
                  {t("homes.licence")}
                </label>
                <input
                  className="usa-input"
                  id="rec-licence"
                  value={record.licenseNumber ?? ""}
                  onChange={(e) => setRecord({ ...record, licenseNumber: e.target.value || null })}
                />
                <label className="usa-label" htmlFor="rec-type">
                  {t("homes.approvalType")}
                </label>
                <select
                  className="usa-select"
                  id="rec-type"
                  value={record.approvalType ?? ""}
                  onChange={(e) =>
                    setRecord({
                      ...record,
                      approvalType: (e.target.value || null) as HouseholdUpdateInput["approvalType"],
                    })
                  }
                >
                  <option value="">{t("homes.choose")}</option>
                  {approvalTypes.map((a) => (
                    <option key={a} value={a}>
                      {t(`homes.approvalTypes.${a}`)}
                    </option>
                  ))}
                </select>
                <label className="usa-label" htmlFor="rec-capacity">
                  {t("homes.capacity")}
                </label>
                <input
                  className="usa-input usa-input--small"
                  id="rec-capacity"
                  type="number"
                  min={1}
                  max={12}
                  value={record.capacity ?? ""}
                  onChange={(e) => setRecord({ ...record, capacity: num(e.target.value) })}
                />
                <label className="usa-label" htmlFor="rec-agemin">
                  {t("homes.ageMin")}
                </label>
                <input
                  className="usa-input usa-input--small"
                  id="rec-agemin"
                  type="number"
                  min={0}
                  max={21}
                  value={record.prefAgeMin ?? ""}
                  onChange={(e) => setRecord({ ...record, prefAgeMin: num(e.target.value) })}
                />
                <label className="usa-label" htmlFor="rec-agemax">
                  {t("homes.ageMax")}
                </label>
                <input
                  className="usa-input usa-input--small"
                  id="rec-agemax"
                  type="number"
                  min={0}
                  max={21}
                  value={record.prefAgeMax ?? ""}
                  onChange={(e) => setRecord({ ...record, prefAgeMax: num(e.target.value) })}
                />
                <div className="usa-checkbox margin-top-2">
                  <input
                    className="usa-checkbox__input"
                    id="rec-siblings"
                    type="checkbox"
                    checked={record.prefSiblingGroups}
                    onChange={(e) => setRecord({ ...record, prefSiblingGroups: e.target.checked })}
                  />
                  <label className="usa-checkbox__label" htmlFor="rec-siblings">
                    {t("homes.siblings")}
                  </label>
                </div>
                <fieldset className="usa-fieldset margin-top-2">
                  <legend className="usa-legend">{t("homes.needs")}</legend>
                  {needs.map((n) => (
                    <div className="usa-checkbox" key={n}>
                      <input
                        className="usa-checkbox__input"
                        id={`rec-need-${n}`}
                        type="checkbox"
                        checked={record.prefNeeds.includes(n)}
                        onChange={(e) =>
                          setRecord({
                            ...record,
                            prefNeeds: e.target.checked
                              ? [...record.prefNeeds, n]
                              : record.prefNeeds.filter((x) => x !== n),
                          })
                        }
                      />
                      <label className="usa-checkbox__label" htmlFor={`rec-need-${n}`}>
                        {t(`homes.needsList.${n}`)}
                      </label>
                    </div>
                  ))}
                </fieldset>
                <label className="usa-label" htmlFor="rec-availability">
                  {t("homes.availabilityLabel")}
                </label>
                <span className="usa-hint" id="rec-availability-hint">
                  {h.availabilityConfirmedOn
                    ? t("homes.confirmed", { date: formatDate(h.availabilityConfirmedOn) })
                    : t("homes.neverConfirmed")}
                </span>
                <select
                  className="usa-select"
                  id="rec-availability"
                  aria-describedby="rec-availability-hint"
                  value={record.availability}
                  onChange={(e) =>
                    setRecord({ ...record, availability: e.target.value as HouseholdUpdateInput["availability"] })
                  }
                >
                  {(["available", "on_hold", "full"] as const).map((a) => (
                    <option key={a} value={a}>
                      {t(`homes.availability.${a}`)}
                    </option>
                  ))}
                </select>
                <label className="usa-label" htmlFor="rec-hours">
                  {t("homes.trainingHours")}
                </label>
                <input
                  className="usa-input usa-input--small"
                  id="rec-hours"
                  type="number"
                  min={0}
                  step={0.5}
                  value={record.trainingHours}
                  onChange={(e) => setRecord({ ...record, trainingHours: Number(e.target.value) })}
                />
                <button className="usa-button margin-top-2" type="submit" disabled={saveRecord.isPending}>
                  {t("homes.saveRecord")}
                </button>
              </form>
            </section>
          )}

          {h.stage === "approved" && (
            <section aria-labelledby="homes-close" className="margin-top-4">
              <h2 id="homes-close">{t("homes.close")}</h2>
              <form
                className="usa-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  close.mutate();
                }}
              >
                <ErrorAlert error={close.error} />
                <label className="usa-label" htmlFor="close-reason">
                  {t("homes.closeReason")}
                </label>
                <select
                  className="usa-select"
                  id="close-reason"
                  value={closure.reason}
                  onChange={(e) => setClosure({ ...closure, reason: e.target.value })}
                >
                  <option value="">{t("homes.choose")}</option>
                  {reasons.data?.closure.map((r) => (
                    <option key={r.code} value={r.code}>
                      {t(`homes.closure.${r.code}`)}
                    </option>
                  ))}
                </select>
                <label className="usa-label" htmlFor="close-note">
                  {t("homes.note")}
                </label>
                <input
                  className="usa-input"
                  id="close-note"
                  value={closure.note}
                  onChange={(e) => setClosure({ ...closure, note: e.target.value })}
                />
                <label className="usa-label" htmlFor="close-on">
                  {t("homes.closedOn")}
                </label>
                <input
                  className="usa-input"
                  id="close-on"
                  type="date"
                  required
                  value={closure.closedOn}
                  onChange={(e) => setClosure({ ...closure, closedOn: e.target.value })}
                />
                <button className="usa-button usa-button--secondary margin-top-1" type="submit">
                  {t("homes.closeHome")}
                </button>
              </form>
            </section>
          )}
          {h.stage === "closed" && (
            <p className="margin-top-4">
              {t("homes.closedWith", {
                date: formatDate(h.closedOn),
                reason: h.closureReason ? t(`homes.closure.${h.closureReason}`) : "—",
              })}
              {h.closureNote ? ` · ${h.closureNote}` : ""}
            </p>
          )}
        </>
      )}
    </>
  );
}
