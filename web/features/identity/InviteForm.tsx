import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { can, useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import type { AccountEmailView, InviteBody } from "./types";

const INVITABLE = [
  "caregiver",
  "birth_parent",
  "youth",
  "caseworker",
  "supervisor",
  "rfa_worker",
  "qpi_coordinator",
  "site_admin",
  "analyst",
];
/** Roles that reach beyond one site: only a network administrator grants them (the server checks it too). */
const BEYOND_SITE = ["state_analyst", "network_analyst", "network_admin"];

/** Invite a person to the site with a role; they set a password from the emailed link. */
export function InviteForm({ siteId }: { siteId: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const { data: session } = useSession();
  const roles = can(session, "network:administer") ? [...INVITABLE, ...BEYOND_SITE] : INVITABLE;
  const empty = { email: "", givenName: "", familyName: "", role: "caregiver", language: "en" as "en" | "es" };
  const [form, setForm] = useState(empty);
  const invite = useMutation({
    mutationFn: () =>
      api<AccountEmailView>(`/api/sites/${siteId}/invitations`, { method: "POST", body: form satisfies InviteBody }),
    onSuccess: () => {
      setForm(empty);
      void client.invalidateQueries({ queryKey: ["site-users", siteId] });
    },
  });
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  function submit(event: FormEvent) {
    event.preventDefault();
    invite.mutate();
  }
  return (
    <section aria-labelledby="invite-heading" className="margin-top-4">
      <h2 id="invite-heading">{t("identity.admin.invite")}</h2>
      <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
        {invite.isError && <ErrorAlert error={invite.error} />}
        {invite.isSuccess && (
          <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
            <div className="usa-alert__body">
              <p className="usa-alert__text">{t("identity.admin.invited", { email: invite.data.email })}</p>
            </div>
          </div>
        )}
        <label className="usa-label" htmlFor="invite-given">
          {t("identity.admin.givenName")}
        </label>
        <input
          className="usa-input"
          id="invite-given"
          autoComplete="off"
          value={form.givenName}
          onChange={set("givenName")}
        />
        <label className="usa-label" htmlFor="invite-family">
          {t("identity.admin.familyName")}
        </label>
        <input
          className="usa-input"
          id="invite-family"
          autoComplete="off"
          value={form.familyName}
          onChange={set("familyName")}
        />
        <label className="usa-label" htmlFor="invite-email">
          {t("auth.email")}
        </label>
        <input
          className="usa-input"
          id="invite-email"
          type="email"
          autoComplete="off"
          value={form.email}
          onChange={set("email")}
        />
        <label className="usa-label" htmlFor="invite-role">
          {t("identity.admin.role")}
        </label>
        <select className="usa-select" id="invite-role" value={form.role} onChange={set("role")}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`identity.role.${r}`)}
            </option>
          ))}
        </select>
        <label className="usa-label" htmlFor="invite-language">
          {t("identity.admin.language")}
        </label>
        <select className="usa-select" id="invite-language" value={form.language} onChange={set("language")}>
          <option value="en">English</option>
          <option value="es" lang="es">
            Español
          </option>
        </select>
        <button className="usa-button margin-top-3" type="submit" disabled={invite.isPending}>
          {t("identity.admin.sendInvite")}
        </button>
      </form>
    </section>
  );
}
