import { Link } from "react-router";
import { useI18n } from "../i18n/i18n";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t("notFound.title")}</h1>
      <p className="usa-intro">{t("notFound.body")}</p>
      <Link className="usa-button" to="/">
        {t("nav.home")}
      </Link>
    </>
  );
}
