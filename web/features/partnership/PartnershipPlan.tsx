import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { ApiError, api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { PartnershipPlanView, PartnershipSignInput } from "./types";

const partyOrder = ["caregiver", "agency", "birth_parent", "youth"] as const;

export const planQueryKey = (childId: string) => ["partnership-plan", childId];

export function usePartnershipPlan(childId: string) {
  return useQuery({
    queryKey: planQueryKey(childId),
    queryFn: () => api<PartnershipPlanView>(`/api/children/${childId}/partnership-plan`),
    retry: false,
  });
}

/**
 * The plan's commitments grouped by party, numbered as the version numbers them, in the reader's language; a
 * commitment without Spanish wording shows the English with a "not yet translated" note, never a machine text.
 */
export function PlanText({ plan }: { plan: NonNullable<PartnershipPlanView["template"]> }) {
  const { t, language, formatDate } = useI18n();
  const spanish = language === "es";
  const title = spanish && plan.title.es ? plan.title.es : plan.title.en;
  return (
    <>
      <h3 className="font-heading-md">{title}</h3>
      <p className="font-body-2xs text-base">
        {t("partnership.version", { version: plan.version, date: formatDate(plan.effectiveFrom) })} ·{" "}
        {t(`partnership.layer.${plan.layer}`)} · {plan.sourceNote}
      </p>
      {spanish && plan.translationMissing && (
        <p className="usa-tag bg-gold text-ink">{t("partnership.translationMissing")}</p>
      )}
      {partyOrder.map((party) => {
        const items = plan.commitments.filter((c) => c.party === party);
        if (items.length === 0) return null;
        return (
          <div key={party}>
            <h4 className="margin-bottom-05">{t(`partnership.party.${party}`)}</h4>
            <ol className="usa-list margin-top-0">
              {items.map((c) => (
                <li key={c.number} value={c.number}>
                  {spanish && c.es ? c.es : c.en}
                  {spanish && !c.es && <span className="font-body-3xs text-base"> ({t("partnership.noSpanish")})</span>}
                </li>
              ))}
            </ol>
          </div>
        );
      })}
    </>
  );
}

export function Signatures({ plan }: { plan: PartnershipPlanView }) {
  const { t, formatDate } = useI18n();
  if (plan.signatures.length === 0) return <p>{t("partnership.unsigned")}</p>;
  return (
    <ul className="usa-list usa-list--unstyled">
      {plan.signatures.map((s) => (
        <li key={s.party} className="padding-y-05">
          <strong>{t(`partnership.signedAs.${s.party}`)}</strong>{" "}
          {t("partnership.signedBy", {
            name: s.typedName,
            account: s.signerName,
            date: formatDate(s.signedAt.slice(0, 10)),
          })}
          <div className="font-body-3xs text-base">
            {s.matches ? t("partnership.hashMatches") : t("partnership.hashDiffers")} SHA-256{" "}
            {s.textSha256.slice(0, 16)}…
          </div>
        </li>
      ))}
    </ul>
  );
}

function SignForm({ childId, plan }: { childId: string; plan: PartnershipPlanView }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [typedName, setTypedName] = useState("");
  const [agree, setAgree] = useState(false);
  const sign = useMutation({
    mutationFn: () =>
      api(`/api/children/${childId}/partnership-plan/signatures`, {
        method: "POST",
        body: { templateId: plan.template!.id, typedName, agree: agree as true } satisfies PartnershipSignInput,
      }),
    // A refused signature (a newer version, already signed) shows the plan as it is now.
    onSettled: () => queryClient.invalidateQueries({ queryKey: planQueryKey(childId) }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    sign.mutate();
  };
  return (
    <form className="usa-form maxw-tablet" onSubmit={submit} aria-labelledby="partnership-sign-heading">
      <h3 id="partnership-sign-heading">{t(`partnership.signAs.${plan.maySignAs}`)}</h3>
      <ErrorAlert error={sign.error} />
      <label className="usa-label" htmlFor="partnership-name">
        {t("partnership.typedName")}
      </label>
      <input
        className="usa-input"
        id="partnership-name"
        autoComplete="name"
        required
        minLength={2}
        maxLength={200}
        value={typedName}
        onChange={(e) => setTypedName(e.target.value)}
      />
      <div className="usa-checkbox margin-top-2">
        <input
          className="usa-checkbox__input"
          id="partnership-agree"
          type="checkbox"
          checked={agree}
          onChange={(e) => setAgree(e.target.checked)}
        />
        <label className="usa-checkbox__label" htmlFor="partnership-agree">
          {t("partnership.agree")}
        </label>
      </div>
      <button type="submit" className="usa-button margin-top-2" disabled={sign.isPending}>
        {t("partnership.sign")}
      </button>
    </form>
  );
}

/** The plan on the child's page: the text, who signed, the signing form for whoever still signs, a print link. */
export function PartnershipSection({ childId }: { childId: string }) {
  const { t } = useI18n();
  const plan = usePartnershipPlan(childId);
  if (plan.error instanceof ApiError && (plan.error.status === 403 || plan.error.status === 404)) return null;
  return (
    <section aria-labelledby="partnership-heading">
      <h2 id="partnership-heading">{t("partnership.title")}</h2>
      <ErrorAlert error={plan.error} />
      {plan.data && !plan.data.placementId && <p>{t("partnership.noPlacement")}</p>}
      {plan.data?.placementId && !plan.data.template && <p>{t("partnership.noTemplate")}</p>}
      {plan.data?.template && (
        <details className="margin-bottom-2">
          <summary>{t("partnership.read")}</summary>
          <PlanText plan={plan.data.template} />
        </details>
      )}
      {plan.data?.template && <Signatures plan={plan.data} />}
      {plan.data?.template && plan.data.maySignAs && <SignForm childId={childId} plan={plan.data} />}
      {plan.data?.template && (
        <p>
          <Link to={`/children/${childId}/partnership-plan`}>{t("partnership.printable")}</Link>
        </p>
      )}
    </section>
  );
}
