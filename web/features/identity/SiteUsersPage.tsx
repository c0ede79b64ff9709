import { useState } from "react";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { InviteForm } from "./InviteForm";
import { SecurityPolicyForm } from "./SecurityPolicyForm";
import { SiteUsersTable } from "./SiteUsersTable";

/** A site admin's page: the site's users (disable, re-enable), invitations and the security policy. */
export function SiteUsersPage() {
  const { t } = useI18n();
  const session = useSession();
  const adminSites = (session.data?.roles ?? []).filter((r) => r.role === "site_admin");
  const [siteId, setSiteId] = useState(adminSites[0]?.siteId ?? "");
  if (!siteId) return <p>{t("identity.admin.noSite")}</p>;
  return (
    <>
      <h1>{t("identity.admin.title")}</h1>
      {adminSites.length > 1 && (
        <>
          <label className="usa-label" htmlFor="site">
            {t("identity.admin.site")}
          </label>
          <select className="usa-select" id="site" value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            {adminSites.map((s) => (
              <option key={s.siteId} value={s.siteId}>
                {s.siteName}
              </option>
            ))}
          </select>
        </>
      )}
      <InviteForm siteId={siteId} />
      <SiteUsersTable siteId={siteId} />
      <SecurityPolicyForm siteId={siteId} />
    </>
  );
}
