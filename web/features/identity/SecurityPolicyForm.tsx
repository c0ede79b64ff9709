import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { Policy, PolicyBody } from "./types";

/** The site's session timeouts and whether staff must use a second factor (version for optimistic locking). */
export function SecurityPolicyForm({ siteId }: { siteId: string }) {
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
        } satisfies PolicyBody,
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
