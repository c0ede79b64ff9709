import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { api } from "../../app/api";
import { useI18n } from "../../i18n/i18n";
import { FamilyMessages } from "../family-channel/FamilyMessages";
import { SharedTasks } from "../family-channel/SharedTasks";
import type { FamilyChildrenView, MyChildView } from "./types";

/** The birth parent's list of their children (usually one: then the page opens it). */
export function MyChildrenPage() {
  const { t } = useI18n();
  const list = useQuery({
    queryKey: ["family", "children"],
    queryFn: () => api<FamilyChildrenView>("/api/family/children"),
  });
  if (list.isPending) return <p>{t("common.loading")}</p>;
  if (list.isError) return <p role="alert">{t("family.loadError")}</p>;
  if (list.data.children.length === 1) return <MyChild childId={list.data.children[0].id} />;
  return (
    <>
      <h1>{t("family.myChildren")}</h1>
      {list.data.children.length === 0 && <p>{t("family.noChildren")}</p>}
      <ul className="usa-list usa-list--unstyled">
        {list.data.children.map((c) => (
          <li key={c.id} className="margin-bottom-1">
            <Link to={`/my-child/${c.id}`}>{c.firstName}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}

export function MyChildRoute() {
  const { childId = "" } = useParams();
  return <MyChild childId={childId} />;
}

function MyChild({ childId }: { childId: string }) {
  const { t, formatDate } = useI18n();
  const page = useQuery({
    queryKey: ["family", "child", childId],
    queryFn: () => api<MyChildView>(`/api/family/children/${childId}`),
  });
  if (page.isPending) return <p>{t("common.loading")}</p>;
  if (page.isError) return <p role="alert">{t("family.loadError")}</p>;
  const child = page.data;
  const nextHearing = child.hearings[0];
  return (
    <>
      <h1>{t("family.title", { name: child.firstName })}</h1>
      <p className="usa-intro">{t("family.intro", { name: child.firstName })}</p>
      <div className="qpi-cards">
        <section className="qpi-card" aria-labelledby="family-home">
          <h2 id="family-home">{t("family.whereTitle")}</h2>
          {!child.home && <p>{t("family.noHome")}</p>}
          {child.home && (
            <>
              <p>
                {child.home.name
                  ? t("family.livesWith", { name: child.firstName, home: child.home.name })
                  : t("family.livesWithResourceFamily", { name: child.firstName })}
              </p>
              {child.home.phone !== undefined && (
                <dl className="qpi-facts">
                  {child.home.city && (
                    <>
                      <dt>{t("family.homeCity")}</dt>
                      <dd>{child.home.city}</dd>
                    </>
                  )}
                  {child.home.phone && (
                    <>
                      <dt>{t("family.homePhone")}</dt>
                      <dd>
                        <a href={`tel:${child.home.phone}`}>{child.home.phone}</a>
                      </dd>
                    </>
                  )}
                </dl>
              )}
            </>
          )}
        </section>

        <section className="qpi-card" aria-labelledby="family-court">
          <h2 id="family-court">{t("family.courtTitle")}</h2>
          {nextHearing ? (
            <>
              <p>{t("family.nextHearing", { date: formatDate(nextHearing.on) })}</p>
              <p>{t("family.hearingHelp")}</p>
              {child.hearings.length > 1 && (
                <ul className="usa-list">
                  {child.hearings.slice(1).map((h) => (
                    <li key={h.on + h.type}>{formatDate(h.on)}</li>
                  ))}
                </ul>
              )}
            </>
          ) : (
            <p>{t("family.noHearing")}</p>
          )}
        </section>

        <section className="qpi-card" aria-labelledby="family-meetings">
          <h2 id="family-meetings">{t("family.meetingsTitle")}</h2>
          {child.meetings.length === 0 && <p>{t("family.noMeetings")}</p>}
          <ul className="usa-list usa-list--unstyled">
            {child.meetings.map((m) => (
              <li key={m.id} className="margin-bottom-1">
                <strong>{t(`family.meeting.${m.practice}`)}</strong>
                <br />
                {m.status === "completed"
                  ? t("family.meetingHeld", { date: formatDate(m.completedOn) })
                  : m.status === "not_required"
                    ? t("family.meetingNotPlanned")
                    : m.scheduledFor
                      ? t("family.meetingOn", { date: formatDate(m.scheduledFor) })
                      : t("family.meetingBy", { date: formatDate(m.dueOn) })}
              </li>
            ))}
          </ul>
        </section>

        <section className="qpi-card" aria-labelledby="family-caseworker">
          <h2 id="family-caseworker">{t("family.caseworkerTitle")}</h2>
          {child.caseworker ? (
            <>
              <p>{child.caseworker.name}</p>
              <ul className="usa-list usa-list--unstyled">
                {child.caseworker.phone && (
                  <li>
                    {t("family.call")} <a href={`tel:${child.caseworker.phone}`}>{child.caseworker.phone}</a>
                  </li>
                )}
                {child.caseworker.email && (
                  <li>
                    {t("family.email")} <a href={`mailto:${child.caseworker.email}`}>{child.caseworker.email}</a>
                  </li>
                )}
              </ul>
            </>
          ) : (
            <p>{t("family.noCaseworker")}</p>
          )}
        </section>

        <section className="qpi-card" aria-labelledby="family-shared">
          <h2 id="family-shared">{t("family.sharedTitle")}</h2>
          {child.sharedItems.length === 0 ? (
            <p>{t("family.noShared")}</p>
          ) : (
            <ul className="usa-list">
              {child.sharedItems.map((item) => (
                <li key={item.id}>
                  <strong>{item.title}</strong> · {formatDate(item.happenedOn)}
                  {item.note && <div>{item.note}</div>}
                  {item.photoUrl && (
                    <img src={item.photoUrl} alt={item.title} className="maxw-full" style={{ maxHeight: 240 }} />
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <SharedTasks childId={child.id} />
      <FamilyMessages childId={child.id} side="birth_parent" />
    </>
  );
}
