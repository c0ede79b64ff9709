import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { Loading } from "../../app/Loading";
import { PublicMain } from "../../app/PublicMain";
import { type Language, useI18n } from "../../i18n/i18n";
import type { PublicSitePageView } from "./types";

type Statement = NonNullable<PublicSitePageView["brandStatement"]>;

/** One adopted statement in the reader's language; a Spanish version the site has not written is said to be missing. */
function StatementText({ statement, language }: { statement: Statement; language: Language }) {
  const { t, formatDate } = useI18n();
  const text = language === "es" ? statement.es : statement.en;
  return (
    <>
      {text === null ? (
        <>
          <p className="usa-hint">{t("site.translationMissing")}</p>
          <p lang="en">{statement.en}</p>
        </>
      ) : (
        <p>{text}</p>
      )}
      <p className="usa-hint">
        {t("site.adopted", { date: formatDate(statement.adoptedOn), version: statement.version })}{" "}
        {t("site.participants", { who: statement.participants })}
      </p>
    </>
  );
}

/** A site's public page (no sign-in): what it stands for, what it promises caregivers, how to start. */
export function PublicSitePage({ siteCode }: { siteCode: string }) {
  const { t, language } = useI18n();
  const page = useQuery({
    queryKey: ["public-site", siteCode],
    queryFn: () => api<PublicSitePageView>(`/api/public/sites/${encodeURIComponent(siteCode)}/page`),
  });
  return (
    <PublicMain>
      <ErrorAlert error={page.error} />
      {page.isPending && <Loading label={t("common.loading")} />}
      {page.data && (
        <>
          <h1>{page.data.siteName}</h1>
          <section aria-labelledby="site-brand">
            <h2 id="site-brand">{t("site.brand")}</h2>
            {page.data.brandStatement ? (
              <StatementText statement={page.data.brandStatement} language={language} />
            ) : (
              <p>{t("site.noneAdopted")}</p>
            )}
          </section>
          <section aria-labelledby="site-promises">
            <h2 id="site-promises">{t("site.promises")}</h2>
            {page.data.caregiverPromises ? (
              <StatementText statement={page.data.caregiverPromises} language={language} />
            ) : (
              <p>{t("site.noneAdopted")}</p>
            )}
          </section>
          <section aria-labelledby="site-start">
            <h2 id="site-start">{t("site.start")}</h2>
            <p>{t("site.startText")}</p>
            <a className="usa-button" href={page.data.inquiryPath}>
              {t("site.inquire")}
            </a>
          </section>
        </>
      )}
    </PublicMain>
  );
}

function SiteRoute() {
  const { siteCode } = useParams();
  return <PublicSitePage siteCode={siteCode ?? ""} />;
}

export const siteRoute = <SiteRoute />;

/** The public site page for a path like /sites/CA-FRESNO, or null. */
export function publicSitePageFor(path: string) {
  const match = /^\/sites\/([A-Za-z0-9-]{2,32})\/?$/.exec(path);
  return match ? <PublicSitePage siteCode={match[1]} /> : null;
}
