import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { HouseholdDetailView } from "./types";

/**
 * The RFA worker invites an applicant or co-applicant to an account, so they follow their own application and send
 * their documents from their phone. The invitation arrives by email in the language chosen.
 */
export function InviteApplicant({ home }: { home: HouseholdDetailView }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const applicants = home.residents.filter((r) => r.role === "applicant" || r.role === "co_applicant");
  const [form, setForm] = useState({ residentId: "", email: home.email ?? "", language: "en" as "en" | "es" });
  const invite = useMutation({
    mutationFn: () => api(`/api/households/${home.id}/invitations`, { method: "POST", body: form }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["household", home.id] }),
  });
  if (applicants.length === 0 && !invite.isSuccess) return null;
  return (
    <form
      className="usa-form maxw-full margin-top-3"
      onSubmit={(e) => {
        e.preventDefault();
        invite.mutate();
      }}
    >
      <h3>{t("invite.title")}</h3>
      <p className="usa-hint">{t("invite.hint")}</p>
      <label className="usa-label" htmlFor="invite-resident">
        {t("invite.resident")}
      </label>
      <select
        className="usa-select"
        id="invite-resident"
        value={form.residentId}
        onChange={(e) => setForm({ ...form, residentId: e.target.value })}
      >
        <option value="">{t("docs.choose")}</option>
        {applicants.map((r) => (
          <option key={r.id} value={r.id}>
            {r.givenName} {r.familyName} · {t(`homes.residentRole.${r.role}`)}
          </option>
        ))}
      </select>
      <label className="usa-label" htmlFor="invite-email">
        {t("invite.email")}
      </label>
      <input
        className="usa-input"
        id="invite-email"
        type="email"
        autoComplete="off"
        value={form.email}
        onChange={(e) => setForm({ ...form, email: e.target.value })}
      />
      <label className="usa-label" htmlFor="invite-language">
        {t("invite.language")}
      </label>
      <select
        className="usa-select"
        id="invite-language"
        value={form.language}
        onChange={(e) => setForm({ ...form, language: e.target.value as "en" | "es" })}
      >
        <option value="en">English</option>
        <option value="es">Español</option>
      </select>
      <ErrorAlert error={invite.error} />
      <button type="submit" className="usa-button margin-top-2" disabled={invite.isPending}>
        {t("invite.send")}
      </button>
      {invite.isSuccess && (
        <p role="status" className="margin-top-1">
          {t("invite.sent")}
        </p>
      )}
    </form>
  );
}
