import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { PublicMain } from "../../app/PublicMain";
import { useI18n } from "../../i18n/i18n";
import type { InquiryFormView, InquiryInputView } from "./types";

const sources = ["ambassador_referral", "caregiver_referral", "event", "faith_community", "media", "other"] as const;

/** A site's public page (no sign-in): a family asks about becoming a resource family. */
export function PublicInquiryPage({ siteCode }: { siteCode: string }) {
  const { t } = useI18n();
  const page = useQuery({
    queryKey: ["inquiry-form", siteCode],
    queryFn: () => api<InquiryFormView>(`/api/public/sites/${encodeURIComponent(siteCode)}/inquiry-form`),
  });
  const [form, setForm] = useState({
    givenName: "",
    familyName: "",
    email: "",
    phone: "",
    postalCode: "",
    heardFrom: "",
    website: "",
  });
  const send = useMutation({
    mutationFn: () => {
      const body: InquiryInputView = {
        givenName: form.givenName,
        familyName: form.familyName,
        email: form.email,
        ...(form.phone ? { phone: form.phone } : {}),
        ...(form.postalCode ? { postalCode: form.postalCode } : {}),
        ...(form.heardFrom ? { heardFrom: form.heardFrom as InquiryInputView["heardFrom"] } : {}),
        website: form.website,
        formToken: page.data?.token ?? "",
      };
      return api(`/api/public/sites/${encodeURIComponent(siteCode)}/inquiries`, { method: "POST", body });
    },
  });
  const field = (id: keyof typeof form, label: string, type = "text", required = false) => (
    <>
      <label className="usa-label" htmlFor={`inquiry-${id}`}>
        {label}
      </label>
      <input
        className="usa-input"
        id={`inquiry-${id}`}
        type={type}
        required={required}
        value={form[id]}
        onChange={(e) => setForm({ ...form, [id]: e.target.value })}
      />
    </>
  );
  return (
    <PublicMain>
      <h1>{t("inquiry.title")}</h1>
      <ErrorAlert error={page.error} />
      {page.data && <p className="usa-intro">{t("inquiry.intro", { site: page.data.siteName })}</p>}
      {send.isSuccess ? (
        <div className="usa-alert usa-alert--success" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t("inquiry.thanks")}</p>
          </div>
        </div>
      ) : (
        page.data && (
          <form
            className="usa-form"
            onSubmit={(e) => {
              e.preventDefault();
              send.mutate();
            }}
          >
            <ErrorAlert error={send.error} />
            {field("givenName", t("inquiry.givenName"), "text", true)}
            {field("familyName", t("inquiry.familyName"), "text", true)}
            {field("email", t("inquiry.email"), "email", true)}
            {field("phone", t("inquiry.phone"), "tel")}
            {field("postalCode", t("inquiry.zip"))}
            <label className="usa-label" htmlFor="inquiry-heardFrom">
              {t("inquiry.heardFrom")}
            </label>
            <select
              className="usa-select"
              id="inquiry-heardFrom"
              value={form.heardFrom}
              onChange={(e) => setForm({ ...form, heardFrom: e.target.value })}
            >
              <option value="">{t("homes.choose")}</option>
              {sources.map((s) => (
                <option key={s} value={s}>
                  {t(`homes.sources.${s}`)}
                </option>
              ))}
            </select>
            {/* The honeypot: out of sight and out of the tab order; people leave it empty. */}
            <div className="usa-sr-only" aria-hidden="true">
              <label htmlFor="inquiry-website">{t("inquiry.website")}</label>
              <input
                id="inquiry-website"
                tabIndex={-1}
                autoComplete="off"
                value={form.website}
                onChange={(e) => setForm({ ...form, website: e.target.value })}
              />
            </div>
            <button className="usa-button margin-top-2" type="submit" disabled={send.isPending}>
              {t("inquiry.send")}
            </button>
          </form>
        )
      )}
    </PublicMain>
  );
}

/** The public inquiry page for a path like /join/CA-FRESNO, or null. */
export function publicInquiryPageFor(path: string) {
  const match = /^\/join\/([A-Za-z0-9-]{2,32})\/?$/.exec(path);
  return match ? <PublicInquiryPage siteCode={match[1]} /> : null;
}
