import { useQuery } from "@tanstack/react-query";
import { api } from "../../app/api";
import { useI18n } from "../../i18n/i18n";
import { ConcernsSection } from "../improve/ConcernsSection";
import type { YouthPageView } from "./types";

/** The youth's own page: written for them, not a case file (no reports, no staff notes). */
export function YouthPageRoute() {
  const { t, formatDate } = useI18n();
  const page = useQuery({ queryKey: ["youth", "me"], queryFn: () => api<YouthPageView>("/api/youth/me") });
  if (page.isPending) return <p>{t("common.loading")}</p>;
  if (page.isError) return <p role="alert">{t("family.loadError")}</p>;
  const me = page.data;
  if (!me.open)
    return (
      <>
        <h1>{t("nav.youthPage")}</h1>
        <p>{me.minAge ? t("youth.closed", { age: me.minAge }) : t("youth.closedNoRule")}</p>
        <ConcernsSection />
      </>
    );
  return (
    <>
      <h1>{t("youth.title", { name: me.firstName })}</h1>
      <p className="usa-intro">{t("youth.intro")}</p>
      <div className="qpi-cards">
        <section className="qpi-card" aria-labelledby="youth-team">
          <h2 id="youth-team">{t("youth.teamTitle")}</h2>
          {me.team.length === 0 && <p>{t("youth.noTeam")}</p>}
          <ul className="usa-list usa-list--unstyled">
            {me.team.map((m) => (
              <li key={`${m.role}-${m.name}`} className="margin-bottom-2">
                <strong>{m.name}</strong> · {t(`youth.role.${m.role}`)}
                {m.phone && (
                  <>
                    <br />
                    {t("family.call")} <a href={`tel:${m.phone}`}>{m.phone}</a>
                  </>
                )}
                {m.email && (
                  <>
                    <br />
                    {t("family.email")} <a href={`mailto:${m.email}`}>{m.email}</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>

        <section className="qpi-card" aria-labelledby="youth-court">
          <h2 id="youth-court">{t("youth.courtTitle")}</h2>
          {me.hearings[0] ? (
            <p>{t("youth.nextHearing", { date: formatDate(me.hearings[0].on) })}</p>
          ) : (
            <p>{t("youth.noHearing")}</p>
          )}
          <p>{t("youth.speakAtCourt")}</p>
        </section>

        <section className="qpi-card" aria-labelledby="youth-home">
          <h2 id="youth-home">{t("youth.homeTitle")}</h2>
          <p>{me.home ? t("youth.livesWith", { home: me.home.name, city: me.home.city ?? "" }) : t("youth.noHome")}</p>
        </section>

        {me.rights && (
          <section className="qpi-card" aria-labelledby="youth-rights">
            <h2 id="youth-rights">{t("youth.rightsTitle")}</h2>
            <ul className="usa-list">
              {me.rights.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
            <p>
              {t("youth.rightsSource")} <a href={me.rights.sourceUrl}>{me.rights.sourceTitle}</a>
            </p>
            <p>{t("youth.concern")}</p>
          </section>
        )}
      </div>
      <ConcernsSection />
    </>
  );
}
