import { Link } from "react-router";
import { useI18n } from "../../i18n/i18n";

/** Home for everyone who reads outcomes: the way to the dashboard and the site comparison. */
export function OutcomesCard() {
  const { t } = useI18n();
  return (
    <section className="qpi-card" aria-labelledby="outcomes-card">
      <h2 id="outcomes-card">{t("nav.outcomes")}</h2>
      <p>{t("outcomes.home.body")}</p>
      <p>
        <Link className="usa-button usa-button--outline" to="/outcomes">
          {t("outcomes.home.open")}
        </Link>
      </p>
      <Link to="/outcomes/compare">{t("outcomes.home.compare")}</Link>
    </section>
  );
}
