import { Link } from "react-router";
import { useI18n } from "../i18n/i18n";

/** The way back up: one level, as USWDS draws it. */
export function Breadcrumb({ to, labelKey }: { to: string; labelKey: string }) {
  const { t } = useI18n();
  return (
    <nav className="usa-breadcrumb" aria-label={t("common.breadcrumbs")}>
      <ol className="usa-breadcrumb__list">
        <li className="usa-breadcrumb__list-item">
          <Link className="usa-breadcrumb__link" to={to}>
            {t(labelKey)}
          </Link>
        </li>
      </ol>
    </nav>
  );
}
