import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { api } from "../../app/api";
import { Breadcrumb } from "../../app/Breadcrumb";
import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { SiteDetailView } from "./types";

export function SitePage() {
  const { siteId } = useParams();
  const { t, formatDate } = useI18n();
  const site = useQuery({
    queryKey: ["site", siteId],
    queryFn: () => api<SiteDetailView>(`/api/network/sites/${siteId}`),
  });
  const offices = site.data?.units.filter((u) => u.kind === "office") ?? [];
  return (
    <>
      <Breadcrumb to="/network" labelKey="nav.network" />
      <ErrorAlert error={site.error} />
      {site.data && (
        <>
          <h1>{site.data.name}</h1>
          <p className="usa-intro">
            {site.data.stateName} · {t(`siteKind.${site.data.kind}`)} ·{" "}
            {site.data.qpiLaunchDate
              ? t("network.qpiSince", { date: formatDate(site.data.qpiLaunchDate) })
              : t("network.noLaunch")}
          </p>
          <p>
            <Link to={`/sites/${encodeURIComponent(site.data.code)}`}>{t("network.publicPage")}</Link>
          </p>
          <h2>{t("network.offices")}</h2>
          {offices.map((office) => (
            <section key={office.id}>
              <h3>{office.name}</h3>
              <ul className="usa-list">
                {site.data.units
                  .filter((u) => u.parentUnitId === office.id)
                  .map((u) => (
                    <li key={u.id}>{t("network.unitStaff", { unit: u.name, count: u.staffCount })}</li>
                  ))}
              </ul>
            </section>
          ))}
          <h2>{t("network.staff")}</h2>
          <DataTable
            caption={t("network.staff")}
            captionHidden
            layout="plain"
            scroll="none"
            rows={site.data.staffByRole}
            rowKey={(r) => r.role}
            columns={[
              { header: t("network.role"), cell: (r) => t(`role.${r.role}`) },
              { header: t("network.people"), cell: (r) => r.count },
            ]}
          />
        </>
      )}
    </>
  );
}
