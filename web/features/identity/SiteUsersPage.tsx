import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { Loading } from "../../app/Loading";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";

interface SiteUser {
  id: string;
  email: string;
  displayName: string;
  status: string;
  roles: string[];
  mfaEnrolled: boolean;
}

interface Policy {
  staffIdleMinutes: number;
  familyIdleMinutes: number;
  absoluteHours: number;
  mfaRequiredForStaff: boolean;
  version: number;
  isDefault: boolean;
}

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

/** A site admin's page: the site's users (disable, re-enable), invitations and the security policy. */
export function SiteUsersPage() {
  const { t } = useI18n();
  const session = useSession();
  const adminSites = (session.data?.roles ?? []).filter((r) => r.role === "site_admin");
  const [siteId, setSiteId] = useState(adminSites[0]?.siteId ?? "");
  if (!siteId) return <p>{t("identity.admin.noSite")}</p>;
  return (
    <>
      <h1>{t("identity.admin.title")}</h1>
      {adminSites.length > 1 && (
        <>
          <label className="usa-label" htmlFor="site">
            {t("identity.admin.site")}
          </label>
          <select className="usa-select" id="site" value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            {adminSites.map((s) => (
              <option key={s.siteId} value={s.siteId}>
                {s.siteName}
              </option>
            ))}
          </select>
        </>
      )}
      <InviteForm siteId={siteId} />
      <UsersTable siteId={siteId} />
      <PolicyForm siteId={siteId} />
    </>
  );
}

function InviteForm({ siteId }: { siteId: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const empty = { email: "", givenName: "", familyName: "", role: "caregiver", language: "en" as "en" | "es" };
  const [form, setForm] = useState(empty);
  const invite = useMutation({
    mutationFn: () => api<{ email: string }>(`/api/sites/${siteId}/invitations`, { method: "POST", body: form }),
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
          {INVITABLE.map((r) => (
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

function UsersTable({ siteId }: { siteId: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const session = useSession();
  const users = useQuery({
    queryKey: ["site-users", siteId],
    queryFn: () => api<{ users: SiteUser[] }>(`/api/sites/${siteId}/users`),
  });
  const toggle = useMutation({
    mutationFn: (u: SiteUser) =>
      api(`/api/sites/${siteId}/users/${u.id}/${u.status === "disabled" ? "enable" : "disable"}`, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["site-users", siteId] }),
  });
  const resend = useMutation({
    mutationFn: (u: SiteUser) =>
      api<{ email: string }>(`/api/sites/${siteId}/users/${u.id}/invitation`, { method: "POST" }),
  });
  return (
    <section aria-labelledby="users-heading" className="margin-top-5">
      <h2 id="users-heading">{t("identity.admin.users")}</h2>
      {toggle.isError && <ErrorAlert error={toggle.error} />}
      {resend.isError && <ErrorAlert error={resend.error} />}
      {resend.isSuccess && (
        <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t("identity.admin.invited", { email: resend.data.email })}</p>
          </div>
        </div>
      )}
      {users.isPending && <Loading label={t("common.loading")} />}
      {users.isError && <ErrorAlert error={users.error} />}
      {users.data && (
        <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="users-heading">
          <table className="usa-table usa-table--borderless usa-table--stacked">
            <thead>
              <tr>
                <th scope="col">{t("identity.admin.name")}</th>
                <th scope="col">{t("identity.admin.role")}</th>
                <th scope="col">{t("identity.admin.status")}</th>
                <th scope="col">{t("identity.admin.mfa")}</th>
                <th scope="col">
                  <span className="usa-sr-only">{t("identity.admin.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((u) => (
                <tr key={u.id}>
                  <th scope="row" data-label={t("identity.admin.name")}>
                    {u.displayName}
                    <br />
                    <span className="text-base font-body-2xs" style={{ wordBreak: "break-all" }}>
                      {u.email}
                    </span>
                  </th>
                  <td data-label={t("identity.admin.role")}>
                    {u.roles.map((r) => t(`identity.role.${r}`)).join(", ")}
                  </td>
                  <td data-label={t("identity.admin.status")}>{t(`identity.status.${u.status}`)}</td>
                  <td data-label={t("identity.admin.mfa")}>{u.mfaEnrolled ? t("identity.yes") : t("identity.no")}</td>
                  <td data-label={t("identity.admin.actions")}>
                    {u.status === "invited" && (
                      <button
                        type="button"
                        className="usa-button usa-button--unstyled margin-right-2"
                        onClick={() => resend.mutate(u)}
                        disabled={resend.isPending}
                      >
                        {t("identity.admin.resend", { name: u.displayName })}
                      </button>
                    )}
                    {u.id !== session.data?.user.id && (
                      <button
                        type="button"
                        className="usa-button usa-button--unstyled"
                        onClick={() => toggle.mutate(u)}
                        disabled={toggle.isPending}
                      >
                        {u.status === "disabled"
                          ? t("identity.admin.enable", { name: u.displayName })
                          : t("identity.admin.disable", { name: u.displayName })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function PolicyForm({ siteId }: { siteId: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const policy = useQuery({
    queryKey: ["security-policy", siteId],
    queryFn: () => api<Policy>(`/api/sites/${siteId}/security-policy`),
  });
  const [form, setForm] = useState<Policy | null>(null);
  useEffect(() => {
    if (policy.data) setForm(policy.data);
  }, [policy.data]);
  const save = useMutation({
    mutationFn: (p: Policy) =>
      api<Policy>(`/api/sites/${siteId}/security-policy`, {
        method: "PUT",
        body: {
          staffIdleMinutes: p.staffIdleMinutes,
          familyIdleMinutes: p.familyIdleMinutes,
          absoluteHours: p.absoluteHours,
          mfaRequiredForStaff: p.mfaRequiredForStaff,
          version: p.version,
        },
      }),
    onSuccess: (p) => client.setQueryData(["security-policy", siteId], p),
  });
  const number =
    (key: "staffIdleMinutes" | "familyIdleMinutes" | "absoluteHours") => (e: { target: { value: string } }) =>
      form && setForm({ ...form, [key]: Number(e.target.value) });
  return (
    <section aria-labelledby="policy-heading" className="margin-top-5">
      <h2 id="policy-heading">{t("identity.policy.title")}</h2>
      {policy.isError && <ErrorAlert error={policy.error} />}
      {form && (
        <form
          className="usa-form usa-form--large"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(form);
          }}
          noValidate
        >
          {save.isError && <ErrorAlert error={save.error} />}
          {save.isSuccess && (
            <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
              <div className="usa-alert__body">
                <p className="usa-alert__text">{t("identity.policy.saved")}</p>
              </div>
            </div>
          )}
          <label className="usa-label" htmlFor="staff-idle">
            {t("identity.policy.staffIdle")}
          </label>
          <input
            className="usa-input usa-input--small"
            id="staff-idle"
            type="number"
            min={5}
            max={120}
            value={form.staffIdleMinutes}
            onChange={number("staffIdleMinutes")}
          />
          <label className="usa-label" htmlFor="family-idle">
            {t("identity.policy.familyIdle")}
          </label>
          <input
            className="usa-input usa-input--small"
            id="family-idle"
            type="number"
            min={5}
            max={240}
            value={form.familyIdleMinutes}
            onChange={number("familyIdleMinutes")}
          />
          <label className="usa-label" htmlFor="absolute">
            {t("identity.policy.absolute")}
          </label>
          <input
            className="usa-input usa-input--small"
            id="absolute"
            type="number"
            min={1}
            max={24}
            value={form.absoluteHours}
            onChange={number("absoluteHours")}
          />
          <div className="usa-checkbox margin-top-3">
            <input
              className="usa-checkbox__input"
              id="mfa-required"
              type="checkbox"
              checked={form.mfaRequiredForStaff}
              onChange={(e) => setForm({ ...form, mfaRequiredForStaff: e.target.checked })}
            />
            <label className="usa-checkbox__label" htmlFor="mfa-required">
              {t("identity.policy.mfa")}
            </label>
          </div>
          <button className="usa-button margin-top-3" type="submit" disabled={save.isPending}>
            {t("identity.policy.save")}
          </button>
        </form>
      )}
    </section>
  );
}
