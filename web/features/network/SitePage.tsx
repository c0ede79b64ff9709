import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import { api } from "../../app/api";
import { Breadcrumb } from "../../app/Breadcrumb";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { SiteSummary } from "./NetworkPage";

interface SiteDetail extends SiteSummary {
  units: { id: string; name: string; kind: "office" | "unit"; parentUnitId: string | null; staffCount: number }[];
  staffByRole: { role: string; count: number }[];
}

export function SitePage() {
  const { siteId } = useParams();
  const { t, formatDate } = useI18n();
  const site = useQuery({ queryKey: ["site", siteId], queryFn: () => api<SiteDetail>(`/api/network/sites/${siteId}`) });
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
          <table className="usa-table usa-table--borderless">
            <thead>
              <tr>
                <th scope="col">{t("network.role")}</th>
                <th scope="col">{t("network.people")}</th>
              </tr>
            </thead>
            <tbody>
              {site.data.staffByRole.map((r) => (
                <tr key={r.role}>
                  <th scope="row">{t(`role.${r.role}`)}</th>
                  <td>{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
