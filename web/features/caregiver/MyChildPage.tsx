import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import { api } from "../../app/api";
import { Breadcrumb } from "../../app/Breadcrumb";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useSiteToday } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import type { HearingListView, TeamView } from "../children/types";
import { FamilyMessages } from "../family-channel/FamilyMessages";
import { PartnershipSection } from "../partnership/PartnershipPlan";
import type {
  DecisionInput,
  DecisionListView,
  LifeBookInput,
  LifeBookItem,
  LifeBookListView,
  MyChild,
  Revealed,
} from "./types";

/** One child placed in my home, as the caregiver needs it: written for the caregiver, not a case file. */
export function MyChildPage() {
  const { childId = "" } = useParams();
  const { t, formatDate } = useI18n();
  const child = useQuery({
    queryKey: ["my-child", childId],
    queryFn: () => api<MyChild>(`/api/my-children/${childId}`),
  });
  if (child.error) return <ErrorAlert error={child.error} />;
  if (!child.data) return <p>{t("common.loading")}</p>;
  const c = child.data;
  return (
    <>
      <Breadcrumb to="/my-children" labelKey="mine.title" />
      <h1>{c.name}</h1>
      <p className="usa-intro">
        {t("mine.livingWithYouSince", { date: formatDate(c.placedSince) })}
        {c.birthDate && <> · {t("mine.born", { date: formatDate(c.birthDate) })}</>}
      </p>
      <DueFromMe childId={childId} />
      <HealthSection child={c} />
      <EducationSection child={c} />
      <CultureSection child={c} />
      <TeamContacts childId={childId} />
      <CourtReports childId={childId} />
      <PartnershipSection childId={childId} />
      <Decisions childId={childId} />
      <LifeBook childId={childId} />
      <FamilyMessages childId={childId} side="caregiver" />
    </>
  );
}

function useHearings(childId: string) {
  return useQuery({
    queryKey: ["hearings", childId],
    queryFn: () => api<HearingListView>(`/api/children/${childId}/hearings`),
  });
}

/** What is due from me, in plain words: no badges, no rule citations. */
function DueFromMe({ childId }: { childId: string }) {
  const { t, formatDate } = useI18n();
  const today = useSiteToday();
  const hearings = useHearings(childId);
  const upcoming = (hearings.data?.hearings ?? []).filter((h) => h.hearingOn >= today);
  const due = upcoming.filter((h) => !h.report);
  return (
    <section aria-labelledby="due-heading" className="qpi-card margin-bottom-2">
      <h2 id="due-heading">{t("mine.due.title")}</h2>
      {hearings.isPending && <p>{t("common.loading")}</p>}
      {hearings.data && due.length === 0 && <p>{t("mine.due.nothing")}</p>}
      <ul className="usa-list">
        {due.map((h) => (
          <li key={h.id}>
            <a href={`#report-${h.id}`}>{t("mine.due.report", { date: formatDate(h.hearingOn) })}</a>
          </li>
        ))}
      </ul>
      {upcoming.length > 0 && (
        <>
          <h3>{t("mine.upcoming.title")}</h3>
          <ul className="usa-list">
            {upcoming.map((h) => (
              <li key={h.id}>
                {t("mine.upcoming.hearing", {
                  date: formatDate(h.hearingOn),
                  type: t(`hearing.type.${h.hearingType}`),
                  department: h.department,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  const { t } = useI18n();
  return (
    <div className="margin-bottom-1">
      <dt className="text-bold">{label}</dt>
      <dd className="margin-left-0 qpi-prewrap">{value ? value : t("mine.notRecorded")}</dd>
    </div>
  );
}

function UpdatedNote({ child }: { child: MyChild }) {
  const { t, formatDate } = useI18n();
  return (
    <p className="text-base-dark font-body-2xs">
      {child.summaryUpdatedAt
        ? t("mine.summaryUpdated", { date: formatDate(child.summaryUpdatedAt) })
        : t("mine.noSummary")}
    </p>
  );
}

function HealthSection({ child }: { child: MyChild }) {
  const { t } = useI18n();
  const s = child.summary;
  const [revealed, setRevealed] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () =>
      api<Revealed>(`/api/my-children/${child.childId}/reveal`, { method: "POST", body: { field: "mediCalNumber" } }),
    onSuccess: (r) => setRevealed(r.value),
  });
  return (
    <section aria-labelledby="health-heading">
      <h2 id="health-heading">{t("mine.health.title")}</h2>
      <UpdatedNote child={child} />
      {s && (
        <dl>
          <div className="margin-bottom-1">
            <dt className="text-bold">{t("mine.health.providers")}</dt>
            <dd className="margin-left-0">
              {s.providers.length === 0 && t("mine.notRecorded")}
              <ul className="usa-list usa-list--unstyled">
                {s.providers.map((p) => (
                  <li key={`${p.kind}-${p.name}`}>
                    {t(`mine.provider.${p.kind}`)}: {p.name}
                    {p.phone && (
                      <>
                        {" · "}
                        <a href={`tel:${p.phone}`}>{p.phone}</a>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <Field label={t("mine.health.allergies")} value={s.allergies} />
          <div className="margin-bottom-1">
            <dt className="text-bold">{t("mine.health.medications")}</dt>
            <dd className="margin-left-0">
              {s.medications.length === 0 && t("mine.health.noMedications")}
              <ul className="usa-list usa-list--unstyled">
                {s.medications.map((m) => (
                  <li key={m.name} className="margin-bottom-05">
                    <strong>{m.name}</strong>
                    {m.instructions && <div>{t("mine.health.howToGive", { instructions: m.instructions })}</div>}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <Field label={t("mine.health.immunizations")} value={s.immunizations} />
          <Field label={t("mine.health.treatments")} value={s.treatments} />
          <Field label={t("mine.health.behaviours")} value={s.behaviours} />
          <div className="margin-bottom-1">
            <dt className="text-bold">{t("mine.health.mediCal")}</dt>
            <dd className="margin-left-0">
              {s.mediCalNumberMasked ? (
                <>
                  <span data-testid="medi-cal">{revealed ?? s.mediCalNumberMasked}</span>{" "}
                  {!revealed && (
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled"
                      onClick={() => reveal.mutate()}
                      disabled={reveal.isPending}
                    >
                      {t("mine.health.showNumber")}
                    </button>
                  )}
                  <div className="font-body-2xs text-base-dark">{t("mine.health.revealNote")}</div>
                </>
              ) : (
                t("mine.notRecorded")
              )}
            </dd>
          </div>
        </dl>
      )}
      <ErrorAlert error={reveal.error} />
    </section>
  );
}

function EducationSection({ child }: { child: MyChild }) {
  const { t } = useI18n();
  const s = child.summary;
  return (
    <section aria-labelledby="education-heading">
      <h2 id="education-heading">{t("mine.education.title")}</h2>
      {s ? (
        <dl>
          <Field label={t("mine.education.school")} value={s.school} />
          <Field label={t("mine.education.grade")} value={s.grade} />
          <Field label={t("mine.education.schoolOfOrigin")} value={s.schoolOfOrigin} />
          <Field label={t("mine.education.rightsHolder")} value={s.educationRightsHolder} />
        </dl>
      ) : (
        <p>{t("mine.noSummary")}</p>
      )}
    </section>
  );
}

function languageName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

function CultureSection({ child }: { child: MyChild }) {
  const { t, language } = useI18n();
  return (
    <section aria-labelledby="culture-heading">
      <h2 id="culture-heading">{t("mine.culture.title")}</h2>
      <dl>
        <Field
          label={t("mine.culture.languages")}
          value={child.languages.map((l) => languageName(l, language)).join(", ")}
        />
        {child.tribalAffiliation && <Field label={t("mine.culture.tribe")} value={child.tribalAffiliation} />}
        <Field label={t("mine.culture.notes")} value={child.summary?.languageAndCulture} />
      </dl>
    </section>
  );
}

function TeamContacts({ childId }: { childId: string }) {
  const { t } = useI18n();
  const today = useSiteToday();
  const team = useQuery({ queryKey: ["team", childId], queryFn: () => api<TeamView>(`/api/children/${childId}/team`) });
  const current = (team.data?.members ?? []).filter((m) => !m.endsOn || m.endsOn >= today);
  return (
    <section aria-labelledby="team-heading">
      <h2 id="team-heading">{t("mine.team.title")}</h2>
      <ErrorAlert error={team.error} />
      {team.data && current.length === 0 && <p>{t("mine.team.none")}</p>}
      <ul className="usa-list usa-list--unstyled">
        {current.map((m) => (
          <li key={m.id} className="margin-bottom-2">
            <div>
              <strong>{m.name}</strong> · {t(`team.role.${m.role}`)}
            </div>
            {m.phone && (
              <div>
                {t("mine.team.phone")}: <a href={`tel:${m.phone}`}>{m.phone}</a>
              </div>
            )}
            {m.email && (
              <div>
                {t("mine.team.email")}: <a href={`mailto:${m.email}`}>{m.email}</a>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** My report to the court for each hearing: write it, read what I sent, see it received, add to it before the day. */
function CourtReports({ childId }: { childId: string }) {
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const hearings = useHearings(childId);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const refresh = () => client.invalidateQueries({ queryKey: ["hearings", childId] });
  const send = useMutation({
    mutationFn: (id: string) =>
      api(`/api/hearings/${id}/caregiver-report`, { method: "POST", body: { body: drafts[id] ?? "" } }),
    onSuccess: (_, id) => {
      setDrafts((d) => ({ ...d, [id]: "" }));
      void refresh();
    },
  });
  const amend = useMutation({
    mutationFn: (id: string) =>
      api(`/api/hearings/${id}/caregiver-report/amendments`, { method: "POST", body: { body: drafts[id] ?? "" } }),
    onSuccess: (_, id) => {
      setDrafts((d) => ({ ...d, [id]: "" }));
      void refresh();
    },
  });
  const textFor = (id: string) => drafts[id] ?? "";
  const onSubmit = (e: FormEvent, id: string, first: boolean) => {
    e.preventDefault();
    (first ? send : amend).mutate(id);
  };
  return (
    <section aria-labelledby="court-heading">
      <h2 id="court-heading">{t("mine.court.title")}</h2>
      <p>{t("mine.court.intro")}</p>
      <ErrorAlert error={hearings.error ?? send.error ?? amend.error} />
      {hearings.data?.hearings.length === 0 && <p>{t("mine.court.none")}</p>}
      {hearings.data?.hearings.map((h) => (
        <div key={h.id} id={`report-${h.id}`} className="border-top border-base-lighter padding-y-1">
          <h3 className="margin-y-1">
            {t("mine.court.hearingOn", { date: formatDate(h.hearingOn), type: t(`hearing.type.${h.hearingType}`) })}
          </h3>
          {h.report ? (
            <>
              <p data-testid="report-status">
                {t("mine.court.sent", { date: formatDate(h.report.submittedAt) })}{" "}
                {h.report.receivedAt
                  ? t(h.report.forwardedToCourt ? "mine.court.receivedForwarded" : "mine.court.received", {
                      date: formatDate(h.report.receivedAt),
                    })
                  : t("mine.court.notYetReceived")}
              </p>
              <h4 className="margin-y-05">{t("mine.court.whatYouSent")}</h4>
              <blockquote className="border-left-05 border-base-lighter padding-left-1 margin-x-0 qpi-prewrap">
                {h.report.body}
              </blockquote>
              {h.report.amendments.map((a) => (
                <div key={a.id} className="margin-y-1">
                  <div className="font-body-2xs text-base-dark">
                    {t("mine.court.addedOn", { date: formatDate(a.submittedAt) })}
                  </div>
                  <div className="qpi-prewrap">{a.body}</div>
                </div>
              ))}
              {h.report.amendable ? (
                <form className="usa-form maxw-full" onSubmit={(e) => onSubmit(e, h.id, false)}>
                  <label className="usa-label" htmlFor={`amend-${h.id}`}>
                    {t("mine.court.addLabel")}
                  </label>
                  <span className="usa-hint" id={`amend-${h.id}-hint`}>
                    {t("mine.court.addHint")}
                  </span>
                  <textarea
                    className="usa-textarea"
                    id={`amend-${h.id}`}
                    aria-describedby={`amend-${h.id}-hint`}
                    value={textFor(h.id)}
                    onChange={(e) => setDrafts((d) => ({ ...d, [h.id]: e.target.value }))}
                  />
                  <button type="submit" className="usa-button margin-top-1" disabled={amend.isPending}>
                    {t("mine.court.addSend")}
                  </button>
                </form>
              ) : (
                <p>{t("mine.court.closed")}</p>
              )}
            </>
          ) : (
            <form className="usa-form maxw-full" onSubmit={(e) => onSubmit(e, h.id, true)}>
              <label className="usa-label" htmlFor={`report-text-${h.id}`}>
                {t("mine.court.writeLabel")}
              </label>
              <span className="usa-hint" id={`report-text-${h.id}-hint`}>
                {t("mine.court.writeHint")}
              </span>
              <textarea
                className="usa-textarea"
                id={`report-text-${h.id}`}
                aria-describedby={`report-text-${h.id}-hint`}
                value={textFor(h.id)}
                onChange={(e) => setDrafts((d) => ({ ...d, [h.id]: e.target.value }))}
              />
              <button type="submit" className="usa-button margin-top-1" disabled={send.isPending}>
                {t("mine.court.send")}
              </button>
            </form>
          )}
        </div>
      ))}
    </section>
  );
}

const DECISION_KINDS = ["sleepover", "trip", "babysitting", "activity", "other"] as const;

function Decisions({ childId }: { childId: string }) {
  const { t, formatDate } = useI18n();
  const today = useSiteToday();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ["decisions", childId],
    queryFn: () => api<DecisionListView>(`/api/my-children/${childId}/decisions`),
  });
  const [form, setForm] = useState<DecisionInput>({ kind: "sleepover", decidedOn: today, description: "" });
  const record = useMutation({
    mutationFn: () => api(`/api/my-children/${childId}/decisions`, { method: "POST", body: form }),
    onSuccess: () => {
      setForm({ kind: "sleepover", decidedOn: today, description: "" });
      void client.invalidateQueries({ queryKey: ["decisions", childId] });
    },
  });
  return (
    <section aria-labelledby="decisions-heading">
      <h2 id="decisions-heading">{t("mine.decisions.title")}</h2>
      <p>{t("mine.decisions.intro")}</p>
      <form
        className="usa-form maxw-full"
        onSubmit={(e) => {
          e.preventDefault();
          record.mutate();
        }}
      >
        <ErrorAlert error={record.error} />
        <label className="usa-label" htmlFor="decision-kind">
          {t("mine.decisions.kind")}
        </label>
        <select
          className="usa-select"
          id="decision-kind"
          value={form.kind}
          onChange={(e) => setForm({ ...form, kind: e.target.value as DecisionInput["kind"] })}
        >
          {DECISION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`mine.decisions.kind.${k}`)}
            </option>
          ))}
        </select>
        <label className="usa-label" htmlFor="decision-day">
          {t("mine.decisions.day")}
        </label>
        <input
          className="usa-input"
          id="decision-day"
          type="date"
          value={form.decidedOn}
          max={today}
          onChange={(e) => setForm({ ...form, decidedOn: e.target.value })}
        />
        <label className="usa-label" htmlFor="decision-description">
          {t("mine.decisions.description")}
        </label>
        <textarea
          className="usa-textarea"
          id="decision-description"
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.target.value })}
        />
        <button type="submit" className="usa-button margin-top-1" disabled={record.isPending}>
          {t("mine.decisions.record")}
        </button>
      </form>
      {list.data && list.data.decisions.length === 0 && <p>{t("mine.decisions.none")}</p>}
      <ul className="usa-list usa-list--unstyled margin-top-2">
        {list.data?.decisions.map((d) => (
          <li key={d.id} className="border-bottom border-base-lighter padding-y-1">
            <strong>{formatDate(d.decidedOn)}</strong> · {t(`mine.decisions.kind.${d.kind}`)}
            <div className="qpi-prewrap">{d.description}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function LifeBook({ childId }: { childId: string }) {
  const { t, formatDate } = useI18n();
  const today = useSiteToday();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ["life-book", childId],
    queryFn: () => api<LifeBookListView>(`/api/my-children/${childId}/life-book`),
  });
  const empty = { kind: "photo" as const, happenedOn: today, title: "", note: "", sharedWithBirthParent: false };
  const [form, setForm] = useState<LifeBookInput>(empty);
  const [file, setFile] = useState<File | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ["life-book", childId] });
  const add = useMutation({
    mutationFn: async () => {
      const body: LifeBookInput = { ...form };
      if (form.kind === "photo" && file) body.photo = { fileName: file.name, contentBase64: await readAsBase64(file) };
      return api(`/api/my-children/${childId}/life-book`, { method: "POST", body });
    },
    onSuccess: () => {
      setForm(empty);
      setFile(null);
      void refresh();
    },
  });
  const share = useMutation({
    mutationFn: (item: LifeBookItem) =>
      api(`/api/my-children/${childId}/life-book/${item.id}/share`, {
        method: "POST",
        body: { sharedWithBirthParent: !item.sharedWithBirthParent },
      }),
    onSuccess: () => void refresh(),
  });
  return (
    <section aria-labelledby="lifebook-heading">
      <h2 id="lifebook-heading">{t("mine.lifebook.title")}</h2>
      <p>{t("mine.lifebook.intro")}</p>
      <form
        className="usa-form maxw-full"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <ErrorAlert error={add.error ?? share.error} />
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">{t("mine.lifebook.kind")}</legend>
          {(["photo", "milestone"] as const).map((k) => (
            <div className="usa-radio" key={k}>
              <input
                className="usa-radio__input"
                id={`lifebook-kind-${k}`}
                type="radio"
                name="lifebook-kind"
                value={k}
                checked={form.kind === k}
                onChange={() => setForm({ ...form, kind: k })}
              />
              <label className="usa-radio__label" htmlFor={`lifebook-kind-${k}`}>
                {t(`mine.lifebook.kind.${k}`)}
              </label>
            </div>
          ))}
        </fieldset>
        {form.kind === "photo" && (
          <>
            <label className="usa-label" htmlFor="lifebook-photo">
              {t("mine.lifebook.photo")}
            </label>
            <span className="usa-hint" id="lifebook-photo-hint">
              {t("mine.lifebook.photoHint")}
            </span>
            <input
              className="usa-input"
              id="lifebook-photo"
              type="file"
              accept="image/jpeg,image/png"
              aria-describedby="lifebook-photo-hint"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </>
        )}
        <label className="usa-label" htmlFor="lifebook-title">
          {t("mine.lifebook.titleLabel")}
        </label>
        <input
          className="usa-input"
          id="lifebook-title"
          value={form.title}
          onChange={(e) => setForm({ ...form, title: e.target.value })}
        />
        <label className="usa-label" htmlFor="lifebook-day">
          {t("mine.lifebook.day")}
        </label>
        <input
          className="usa-input"
          id="lifebook-day"
          type="date"
          max={today}
          value={form.happenedOn}
          onChange={(e) => setForm({ ...form, happenedOn: e.target.value })}
        />
        <label className="usa-label" htmlFor="lifebook-note">
          {t("mine.lifebook.note")}
        </label>
        <textarea
          className="usa-textarea"
          id="lifebook-note"
          value={form.note ?? ""}
          onChange={(e) => setForm({ ...form, note: e.target.value })}
        />
        <div className="usa-checkbox margin-top-1">
          <input
            className="usa-checkbox__input"
            id="lifebook-share"
            type="checkbox"
            checked={form.sharedWithBirthParent}
            onChange={(e) => setForm({ ...form, sharedWithBirthParent: e.target.checked })}
          />
          <label className="usa-checkbox__label" htmlFor="lifebook-share">
            {t("mine.lifebook.share")}
          </label>
        </div>
        <button type="submit" className="usa-button margin-top-1" disabled={add.isPending}>
          {t("mine.lifebook.add")}
        </button>
      </form>
      {list.data && list.data.items.length === 0 && <p>{t("mine.lifebook.none")}</p>}
      <ul className="usa-list usa-list--unstyled margin-top-2">
        {list.data?.items.map((item) => (
          <li key={item.id} className="border-bottom border-base-lighter padding-y-1">
            {item.photoUrl && (
              <img src={item.photoUrl} alt={item.title} className="maxw-full" style={{ maxHeight: 240 }} />
            )}
            <div>
              <strong>{item.title}</strong> · {formatDate(item.happenedOn)}
            </div>
            {item.note && <div className="qpi-prewrap">{item.note}</div>}
            <div className="font-body-2xs">
              {item.sharedWithBirthParent ? t("mine.lifebook.sharedYes") : t("mine.lifebook.sharedNo")}{" "}
              <button type="button" className="usa-button usa-button--unstyled" onClick={() => share.mutate(item)}>
                {item.sharedWithBirthParent ? t("mine.lifebook.stopSharing") : t("mine.lifebook.startSharing")}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
