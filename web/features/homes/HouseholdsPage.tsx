import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../../app/api";
import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { RetentionSection } from "./RetentionSection";
import type { HouseholdCreatedView, HouseholdCreateInput, HouseholdListView } from "./types";

const sources = [
  "ambassador_referral",
  "caregiver_referral",
  "event",
  "web_form",
  "faith_community",
  "media",
  "kin_placement",
  "other",
] as const;
const approvalTypes = ["resource_family", "kin", "ffa_certified", "emergency_relative"] as const;

/** RFA workers find a site's homes by name, address or licence number, and record a new inquiry. */
export function HouseholdsPage() {
  const { t, formatDate } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const grant = session.data?.roles.find((r) => r.role === "rfa_worker") ?? session.data?.roles[0];
  const siteId = grant?.siteId ?? "";
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const stage = params.get("stage") ?? "all";
  const [text, setText] = useState(q);
  const list = useQuery({
    queryKey: ["households", siteId, q, stage],
    queryFn: () =>
      api<HouseholdListView>(
        `/api/households?siteId=${siteId}&stage=${stage}${q ? `&q=${encodeURIComponent(q)}` : ""}`,
      ),
    enabled: Boolean(siteId),
  });
  const [form, setForm] = useState<HouseholdCreateInput>({
    siteId,
    applicantGivenName: "",
    applicantFamilyName: "",
    approvalType: "resource_family",
    recruitmentSource: "event",
    inquiryOn: grant?.today ?? "",
  });
  const create = useMutation({
    mutationFn: () => api<HouseholdCreatedView>("/api/households", { method: "POST", body: { ...form, siteId } }),
    onSuccess: (made) => navigate(`/households/${made.id}`),
  });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setParams({ q: text, stage });
  };
  return (
    <>
      <h1>{t("nav.households")}</h1>
      <p className="usa-intro">{t("homes.intro", { site: grant?.siteName ?? "" })}</p>
      <form className="usa-search usa-search--small margin-bottom-2" role="search" onSubmit={search}>
        <label className="usa-label" htmlFor="homes-q">
          {t("homes.search")}
        </label>
        <div className="display-flex">
          <input
            className="usa-input"
            id="homes-q"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button className="usa-button" type="submit">
            {t("homes.find")}
          </button>
        </div>
      </form>
      <fieldset className="usa-fieldset margin-bottom-2">
        <legend className="usa-legend">{t("homes.show")}</legend>
        {(["all", "pipeline", "approved", "ended"] as const).map((s) => (
          <div className="usa-radio display-inline-block margin-right-2" key={s}>
            <input
              className="usa-radio__input"
              id={`homes-stage-${s}`}
              type="radio"
              name="homes-stage"
              checked={stage === s}
              onChange={() => setParams({ q, stage: s })}
            />
            <label className="usa-radio__label" htmlFor={`homes-stage-${s}`}>
              {t(`homes.filter.${s}`)}
            </label>
          </div>
        ))}
      </fieldset>
      <ErrorAlert error={list.error} />
      {list.data && (
        <>
          <p>{t("homes.count", { shown: list.data.households.length, total: list.data.total })}</p>
          <DataTable
            caption={t("nav.households")}
            captionHidden
            rows={list.data.households}
            rowKey={(h) => h.id}
            columns={[
              { header: t("homes.col.name"), cell: (h) => <Link to={`/households/${h.id}`}>{h.name}</Link> },
              {
                header: t("homes.col.address"),
                cell: (h) => [h.addressLine1, h.city].filter(Boolean).join(", ") || "—",
              },
              { header: t("homes.col.licence"), cell: (h) => h.licenseNumber ?? "—" },
              { header: t("homes.col.stage"), cell: (h) => t(`homes.stage.${h.stage}`) },
              {
                header: t("homes.col.availability"),
                cell: (h) =>
                  h.stage === "approved"
                    ? `${t(`homes.availability.${h.availability}`)}${h.availabilityConfirmedOn ? ` · ${t("homes.confirmed", { date: formatDate(h.availabilityConfirmedOn) })}` : ""}`
                    : "—",
              },
              { header: t("homes.col.due"), cell: (h) => (h.nextDueOn ? formatDate(h.nextDueOn) : "—") },
            ]}
          />
        </>
      )}
      <RetentionSection siteId={siteId} />
      <section aria-labelledby="new-inquiry" className="margin-top-4">
        <h2 id="new-inquiry">{t("homes.newInquiry")}</h2>
        <form
          className="usa-form"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <ErrorAlert error={create.error} />
          <label className="usa-label" htmlFor="inq-given">
            {t("homes.applicantGiven")}
          </label>
          <input
            className="usa-input"
            id="inq-given"
            required
            value={form.applicantGivenName}
            onChange={(e) => setForm({ ...form, applicantGivenName: e.target.value })}
          />
          <label className="usa-label" htmlFor="inq-family">
            {t("homes.applicantFamily")}
          </label>
          <input
            className="usa-input"
            id="inq-family"
            required
            value={form.applicantFamilyName}
            onChange={(e) => setForm({ ...form, applicantFamilyName: e.target.value })}
          />
          <label className="usa-label" htmlFor="inq-type">
            {t("homes.approvalType")}
          </label>
          <select
            className="usa-select"
            id="inq-type"
            value={form.approvalType}
            onChange={(e) => setForm({ ...form, approvalType: e.target.value as HouseholdCreateInput["approvalType"] })}
          >
            {approvalTypes.map((a) => (
              <option key={a} value={a}>
                {t(`homes.approvalTypes.${a}`)}
              </option>
            ))}
          </select>
          <label className="usa-label" htmlFor="inq-source">
            {t("homes.source")}
          </label>
          <select
            className="usa-select"
            id="inq-source"
            value={form.recruitmentSource}
            onChange={(e) =>
              setForm({ ...form, recruitmentSource: e.target.value as HouseholdCreateInput["recruitmentSource"] })
            }
          >
            {sources.map((s) => (
              <option key={s} value={s}>
                {t(`homes.sources.${s}`)}
              </option>
            ))}
          </select>
          <label className="usa-label" htmlFor="inq-on">
            {t("homes.inquiryOn")}
          </label>
          <input
            className="usa-input"
            id="inq-on"
            type="date"
            required
            value={form.inquiryOn}
            onChange={(e) => setForm({ ...form, inquiryOn: e.target.value })}
          />
          <button className="usa-button margin-top-2" type="submit" disabled={create.isPending}>
            {t("homes.recordInquiry")}
          </button>
        </form>
      </section>
    </>
  );
}
