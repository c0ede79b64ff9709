import { useParams } from "react-router";
import { Breadcrumb } from "../../app/Breadcrumb";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import { PlanText, Signatures, usePartnershipPlan } from "./PartnershipPlan";

/** The signed (or to-be-signed) plan alone on a page, to print or save as PDF and hand to the family. */
export function PartnershipPlanPage() {
  const { childId = "" } = useParams();
  const { t } = useI18n();
  const plan = usePartnershipPlan(childId);
  return (
    <article>
      <div className="qpi-no-print">
        <Breadcrumb to={`/children/${childId}`} labelKey="partnership.backToChild" />
      </div>
      <h1>{t("partnership.title")}</h1>
      <ErrorAlert error={plan.error} />
      {plan.data?.template && (
        <>
          <p className="qpi-no-print">
            <button type="button" className="usa-button" onClick={() => window.print()}>
              {t("partnership.print")}
            </button>
          </p>
          <PlanText plan={plan.data.template} />
          <h2>{t("partnership.signatures")}</h2>
          <Signatures plan={plan.data} />
        </>
      )}
    </article>
  );
}
