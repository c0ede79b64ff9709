import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useSiteToday } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import type { TeamMemberInput } from "./types";
import { UnusualDateConfirm } from "./UnusualDateConfirm";

const roles: TeamMemberInput["role"][] = [
  "attorney",
  "casa",
  "guardian_ad_litem",
  "therapist",
  "education_rights_holder",
];

/** Adds an attorney, CASA, guardian ad litem, therapist or education rights holder, with phone and email, from a date. */
export function TeamForm({ childId }: { childId: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const today = useSiteToday();
  const [form, setForm] = useState({
    role: roles[0],
    givenName: "",
    familyName: "",
    phone: "",
    email: "",
    startsOn: today,
    confirmUnusualDate: false,
  });
  const add = useMutation({
    mutationFn: () =>
      api(`/api/children/${childId}/team`, {
        method: "POST",
        body: {
          role: form.role,
          startsOn: form.startsOn,
          confirmUnusualDate: form.confirmUnusualDate,
          person: {
            givenName: form.givenName,
            familyName: form.familyName,
            ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
            ...(form.email.trim() ? { email: form.email.trim() } : {}),
          },
        } satisfies TeamMemberInput,
      }),
    onSuccess: () => {
      setForm({ ...form, givenName: "", familyName: "", phone: "", email: "" });
      void client.invalidateQueries({ queryKey: ["placements", childId] });
      void client.invalidateQueries({ queryKey: ["team", childId] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form className="usa-form" onSubmit={submit} aria-labelledby="team-add">
      <h3 id="team-add" className="font-heading-sm">
        {t("team.add")}
      </h3>
      <ErrorAlert error={add.error} />
      <label className="usa-label" htmlFor="team-role">
        {t("team.roleLabel")}
      </label>
      <select
        className="usa-select"
        id="team-role"
        value={form.role}
        onChange={(e) => setForm({ ...form, role: e.target.value as TeamMemberInput["role"] })}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`team.role.${r}`)}
          </option>
        ))}
      </select>
      <label className="usa-label" htmlFor="team-given">
        {t("team.givenName")}
      </label>
      <input
        className="usa-input"
        id="team-given"
        required
        value={form.givenName}
        onChange={(e) => setForm({ ...form, givenName: e.target.value })}
      />
      <label className="usa-label" htmlFor="team-family">
        {t("team.familyName")}
      </label>
      <input
        className="usa-input"
        id="team-family"
        required
        value={form.familyName}
        onChange={(e) => setForm({ ...form, familyName: e.target.value })}
      />
      <label className="usa-label" htmlFor="team-phone">
        {t("team.phone")}
      </label>
      <input
        className="usa-input"
        id="team-phone"
        type="tel"
        autoComplete="off"
        maxLength={40}
        value={form.phone}
        onChange={(e) => setForm({ ...form, phone: e.target.value })}
      />
      <label className="usa-label" htmlFor="team-email">
        {t("team.email")}
      </label>
      <input
        className="usa-input"
        id="team-email"
        type="email"
        autoComplete="off"
        maxLength={200}
        value={form.email}
        onChange={(e) => setForm({ ...form, email: e.target.value })}
      />
      <label className="usa-label" htmlFor="team-from">
        {t("team.startsOn")}
      </label>
      <input
        className="usa-input"
        type="date"
        id="team-from"
        required
        value={form.startsOn}
        onChange={(e) => setForm({ ...form, startsOn: e.target.value, confirmUnusualDate: false })}
      />
      <UnusualDateConfirm
        id="team-from-confirm"
        field="startsOn"
        error={add.error}
        checked={form.confirmUnusualDate}
        onChange={(confirmUnusualDate) => setForm({ ...form, confirmUnusualDate })}
      />
      <button type="submit" className="usa-button margin-top-1">
        {t("team.save")}
      </button>
    </form>
  );
}
