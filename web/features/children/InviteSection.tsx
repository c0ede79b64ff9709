import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { ChildInvitationInput, InvitationCandidatesView } from "./types";

type Candidate = InvitationCandidatesView["people"][number];

/**
 * Invites the child's caregiver, birth parent or the youth as the person
 * already on the record, so their account reaches this child. Shown to staff
 * who may invite and read the child (the server answers 403/404 to anyone else).
 */
export function InviteSection({ childId }: { childId: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const people = useQuery({
    queryKey: ["invitations", childId],
    queryFn: () => api<InvitationCandidatesView>(`/api/children/${childId}/invitations`),
    retry: false,
  });
  const [chosen, setChosen] = useState<Candidate | null>(null);
  const [form, setForm] = useState<{ email: string; language: "en" | "es" }>({ email: "", language: "en" });
  const [sent, setSent] = useState<string | null>(null);
  const invite = useMutation({
    mutationFn: (person: Candidate) =>
      api(`/api/children/${childId}/invitations`, {
        method: "POST",
        body: {
          personId: person.personId,
          role: person.role,
          email: form.email,
          language: form.language,
        } satisfies ChildInvitationInput,
      }),
    onSuccess: (_data, person) => {
      setSent(t("invite.sent", { name: person.name, email: form.email }));
      setChosen(null);
      void client.invalidateQueries({ queryKey: ["invitations", childId] });
    },
  });
  if (people.error instanceof ApiError && (people.error.status === 403 || people.error.status === 404)) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen) invite.mutate(chosen);
  };
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t("invite.title")}</h2>
      <p className="usa-hint">{t("invite.explain")}</p>
      <ErrorAlert error={people.error} />
      {sent && (
        <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{sent}</p>
          </div>
        </div>
      )}
      <ul className="usa-list usa-list--unstyled">
        {people.data?.people.map((p) => (
          <li key={p.personId + p.role} className="border-bottom border-base-lighter padding-y-1">
            <strong>{p.name}</strong> · {t(`invite.role.${p.role}`)}{" "}
            {p.account ? (
              <span className="usa-tag bg-base">{t(`invite.account.${p.account}`)}</span>
            ) : (
              chosen?.personId !== p.personId && (
                <button
                  type="button"
                  className="usa-button usa-button--outline usa-button--small margin-top-05"
                  onClick={() => {
                    setChosen(p);
                    setSent(null);
                    setForm({ email: p.email ?? "", language: p.language });
                  }}
                >
                  {t("invite.invite", { name: p.name })}
                </button>
              )
            )}
            {chosen?.personId === p.personId && chosen.role === p.role && (
              <form className="usa-form" onSubmit={submit} aria-label={t("invite.invite", { name: p.name })}>
                <ErrorAlert error={invite.error} />
                <label className="usa-label" htmlFor="invite-email">
                  {t("invite.email")}
                </label>
                <input
                  className="usa-input"
                  id="invite-email"
                  type="email"
                  required
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
                  <option value="es" lang="es">
                    Español
                  </option>
                </select>
                <button type="submit" className="usa-button margin-top-1" disabled={invite.isPending}>
                  {t("invite.send")}
                </button>
                <button
                  type="button"
                  className="usa-button usa-button--unstyled margin-top-1"
                  onClick={() => setChosen(null)}
                >
                  {t("team.cancel")}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
