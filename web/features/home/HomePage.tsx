import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../app/api";
import { homeCards } from "../../app/features";
import { can, hasRole, type SessionView, useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import type { ChildListResponse } from "../children/types";

function MyChildren({ titleKey }: { titleKey: string }) {
  const { t, formatDate } = useI18n();
  const children = useQuery({
    queryKey: ["children", "home"],
    queryFn: () => api<ChildListResponse>("/api/children?limit=8"),
  });
  return (
    <section className="qpi-card" aria-labelledby="my-children">
      <h2 id="my-children">{t(titleKey)}</h2>
      {children.isPending && <p>{t("common.loading")}</p>}
      {children.data && (
        <>
          <p className="qpi-stat">{children.data.total}</p>
          <ul className="usa-list usa-list--unstyled">
            {children.data.children.map((c) => (
              <li key={c.id} className="margin-bottom-1">
                <Link to={`/children/${c.id}`}>
                  {c.givenName} {c.familyName}
                </Link>{" "}
                <span className="text-base">
                  ·{" "}
                  {c.inCare ? t("children.placedSince", { date: formatDate(c.placedSince) }) : t("children.notInCare")}
                </span>
              </li>
            ))}
          </ul>
          {children.data.total > children.data.children.length && <Link to="/children">{t("home.seeAll")}</Link>}
        </>
      )}
    </section>
  );
}

export function HomePage({ session }: { session: SessionView }) {
  const { t } = useI18n();
  const firstName = session.user.displayName.split(" ")[0];
  const family = hasRole(session, "caregiver", "birth_parent", "youth");
  const childrenTitle = hasRole(session, "caregiver")
    ? "home.childrenInYourHome"
    : hasRole(session, "birth_parent")
      ? "home.yourChildren"
      : hasRole(session, "youth")
        ? "home.aboutYou"
        : hasRole(session, "supervisor")
          ? "home.unitChildren"
          : "home.yourCaseload";
  return (
    <>
      <h1>{t("home.greeting", { name: firstName })}</h1>
      <p className="usa-intro">
        {hasRole(session, "caregiver")
          ? t("home.familyIntro")
          : hasRole(session, "birth_parent")
            ? t("home.parentIntro")
            : hasRole(session, "youth")
              ? t("home.youthIntro")
              : family
                ? t("home.familyIntro")
                : t("home.staffIntro")}
      </p>
      <h2 className="usa-sr-only">{t("home.yourRoles")}</h2>
      <ul className="usa-list usa-list--unstyled margin-bottom-3">
        {session.roles.map((r) => (
          <li key={`${r.role}-${r.siteId}-${r.unitId}`}>
            <span className="usa-tag margin-right-1">{t(`role.${r.role}`)}</span> {r.siteName}
            {r.unitName ? ` · ${r.unitName}` : ""}
          </li>
        ))}
      </ul>
      <div className="qpi-cards">
        {can(session, "child:list") && !can(session, "family:read") && !can(session, "youth:read") && (
          <MyChildren titleKey={childrenTitle} />
        )}
        {homeCards
          .filter((card) => card.visible(session))
          .map(({ id, Card }) => (
            <Card key={id} />
          ))}
        {can(session, "network:read") && (
          <section className="qpi-card" aria-labelledby="network-card">
            <h2 id="network-card">{t("nav.network")}</h2>
            <p>{t("home.networkBody")}</p>
            <Link className="usa-button usa-button--outline" to="/network">
              {t("home.openNetwork")}
            </Link>
          </section>
        )}
        <section className="qpi-card" aria-labelledby="qpi-card">
          <h2 id="qpi-card">{t("home.qpiTitle")}</h2>
          <p>{t("home.qpiBody")}</p>
        </section>
      </div>
    </>
  );
}

/** The home route: the signed-in session comes from the shell's query cache. */
export function HomeRoute() {
  const session = useSession();
  return session.data ? <HomePage session={session.data} /> : null;
}
