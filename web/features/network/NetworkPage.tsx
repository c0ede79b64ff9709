import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { SiteListView } from "./types";

export function NetworkPage() {
  const { t, formatDate } = useI18n();
  const sites = useQuery({ queryKey: ["sites"], queryFn: () => api<SiteListView>("/api/network/sites") });
  return (
    <>
      <h1>{t("nav.network")}</h1>
      <ErrorAlert error={sites.error} />
      <ul className="qpi-cards">
        {sites.data?.sites.map((site) => (
          <li key={site.id} className="qpi-card">
            <h2>
              <Link to={`/network/sites/${site.id}`}>{site.name}</Link>
            </h2>
            <p>
              {site.stateName} · {t(`siteKind.${site.kind}`)}
            </p>
            <p>
              {site.qpiLaunchDate
                ? t("network.qpiSince", { date: formatDate(site.qpiLaunchDate) })
                : t("network.noLaunch")}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
