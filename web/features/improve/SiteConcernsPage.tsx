import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import type { SiteConcernsView, SiteConcernView } from "./types";

/** The site where the user works as QPI coordinator (the first, when several). */
export function useCoordinatorSite(ability: string) {
  const { data } = useSession();
  if (!data?.abilities.includes(ability)) return undefined;
  return data.roles.find((r) => r.role === "qpi_coordinator") ?? data.roles[0];
}

function StepForm({ concern, siteId }: { concern: SiteConcernView; siteId: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [reply, setReply] = useState("");
  const step =
    concern.status === "open" || concern.status === "acknowledged"
      ? "respond"
      : concern.status === "responded"
        ? "close"
        : null;
  const send = useMutation({
    mutationFn: (concernStep: "acknowledge" | "respond" | "close") =>
      api(`/api/improve/concerns/${concern.id}/steps`, {
        method: "POST",
        body: {
          concernStep,
          version: concern.version,
          ...(concernStep === "acknowledge" ? {} : { concernReply: reply }),
        },
      }),
    onSuccess: () => {
      setReply("");
      void client.invalidateQueries({ queryKey: ["concerns", "site", siteId] });
    },
  });
  if (!step) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate(step);
  };
  const id = `reply-${concern.id}`;
  return (
    <form className="usa-form maxw-tablet" onSubmit={submit}>
      <ErrorAlert error={send.error} />
      {concern.status === "open" && (
        <button className="usa-button usa-button--outline" type="button" onClick={() => send.mutate("acknowledge")}>
          {t("concern.acknowledge")}
        </button>
      )}
      <label className="usa-label" htmlFor={id}>
        {step === "respond" ? t("concern.answerLabel") : t("concern.closeLabel")}
      </label>
      <textarea
        className="usa-textarea"
        id={id}
        required
        maxLength={4000}
        value={reply}
        onChange={(e) => setReply(e.target.value)}
      />
      <button className="usa-button" type="submit" disabled={send.isPending}>
        {step === "respond" ? t("concern.sendAnswer") : t("concern.close")}
      </button>
    </form>
  );
}

/** The QPI coordinator's list of the site's concerns: open ones first, each with its next step. */
export function SiteConcernsPage() {
  const { t, formatDate } = useI18n();
  const site = useCoordinatorSite("concern:manage");
  const list = useQuery({
    queryKey: ["concerns", "site", site?.siteId],
    queryFn: () => api<SiteConcernsView>(`/api/improve/sites/${site!.siteId}/concerns`),
    enabled: Boolean(site),
  });
  return (
    <>
      <h1>{t("concern.siteTitle", { site: site?.siteName ?? "" })}</h1>
      <p className="usa-intro">{t("concern.siteIntro")}</p>
      <ErrorAlert error={list.error} />
      {list.data && list.data.concerns.length === 0 && <p>{t("concern.siteNone")}</p>}
      <ul className="usa-list usa-list--unstyled">
        {list.data?.concerns.map((c) => (
          <li key={c.id} className="qpi-card margin-bottom-2">
            <h2 className="margin-top-0">
              {t(`concern.topic.${c.topic}`)} · <span className="usa-tag">{t(`concern.status.${c.status}`)}</span>
            </h2>
            <p>
              {c.raiserName ?? t("concern.nameWithheld")} ({t(`concern.role.${c.raiserRole}`)}) ·{" "}
              {formatDate(c.raisedAt.slice(0, 10))}
            </p>
            <p>{c.text}</p>
            {c.response && (
              <p>
                <strong>{t("concern.answer")}</strong> {c.response}
              </p>
            )}
            {c.closeNote && (
              <p>
                <strong>{t("concern.closedNote")}</strong> {c.closeNote}
              </p>
            )}
            {site && <StepForm concern={c} siteId={site.siteId} />}
          </li>
        ))}
      </ul>
    </>
  );
}
