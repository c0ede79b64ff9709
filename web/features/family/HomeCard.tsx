import { Link } from "react-router";
import { useI18n } from "../../i18n/i18n";

/** The birth parent's way to their child's page from the home page. */
export function MyChildCard() {
  const { t } = useI18n();
  return (
    <section className="qpi-card" aria-labelledby="my-child-card">
      <h2 id="my-child-card">{t("nav.myChild")}</h2>
      <p>{t("family.cardBody")}</p>
      <Link className="usa-button" to="/my-child">
        {t("family.open")}
      </Link>
    </section>
  );
}

/** The youth's way to their own page from the home page. */
export function YouthCard() {
  const { t } = useI18n();
  return (
    <section className="qpi-card" aria-labelledby="youth-page-card">
      <h2 id="youth-page-card">{t("nav.youthPage")}</h2>
      <p>{t("youth.cardBody")}</p>
      <Link className="usa-button" to="/me">
        {t("youth.open")}
      </Link>
    </section>
  );
}
