import { useQuery } from "@tanstack/react-query";
import { Link, Navigate, useParams } from "react-router";
import { api } from "../../app/api";
import { Breadcrumb } from "../../app/Breadcrumb";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { PartnershipSection } from "../partnership/PartnershipPlan";
import { AccessLogSection } from "./AccessLogSection";
import { CaseHistorySection } from "./CaseHistorySection";
import { CourtOrdersSection } from "./CourtOrdersSection";
import { HearingsSection } from "./HearingsSection";
import { InviteSection } from "./InviteSection";
import { PlacementSection } from "./PlacementSection";
import { SharesSection } from "./SharesSection";
import { TasksSection } from "./TasksSection";
import { TeamSection } from "./TeamSection";
import type { ChildView } from "./types";

export function ChildPage() {
  const { childId } = useParams();
  const { t, formatDate } = useI18n();
  const session = useSession();
  const child = useQuery({
    queryKey: ["child", childId],
    queryFn: () => api<ChildView>(`/api/children/${childId}`),
  });
  // The child's caregiver (not staff on this child) gets the page written for them, not this case file.
  if (child.data?.abilities.submitCourtReport && !child.data.abilities.editRecord)
    return <Navigate replace to={`/my-children/${child.data.id}`} />;
  return (
    <>
      <Breadcrumb to="/children" labelKey="nav.children" />
      <ErrorAlert error={child.error} />
      {child.data && (
        <>
          <h1>
            {child.data.givenName} {child.data.familyName}
          </h1>
          <dl className="qpi-facts">
            <dt>{t("children.caseNumber")}</dt>
            <dd>{child.data.caseNumber}</dd>
            <dt>{t("children.birthDate")}</dt>
            <dd>{formatDate(child.data.birthDate)}</dd>
            <dt>{t("children.placement")}</dt>
            <dd>
              {child.data.currentSetting
                ? `${t(`setting.${child.data.currentSetting}`)} · ` +
                  `${t("children.placedSince", { date: formatDate(child.data.placedSince) })}`
                : t("children.notInCare")}
            </dd>
            {child.data.upcomingMoveOn && (
              <>
                <dt>{t("placement.upcoming")}</dt>
                <dd>{t("children.upcomingMove", { date: formatDate(child.data.upcomingMoveOn) })}</dd>
              </>
            )}
          </dl>
          {/* Each section and action shows only when the server says this actor may use it on this child. */}
          {child.data.abilities.editRecord && (
            <p>
              <Link to={`/children/${child.data.id}/health-summary`}>{t("summary.link")}</Link>
            </p>
          )}
          {child.data.abilities.readTasks && (
            <TasksSection childId={child.data.id} mayComplete={child.data.abilities.completeTasks} />
          )}
          <PlacementSection childId={child.data.id} abilities={child.data.abilities} />
          {session.data?.abilities.includes("partnership:read") && <PartnershipSection childId={child.data.id} />}
          <TeamSection childId={child.data.id} manageTeam={child.data.abilities.manageTeam} />
          <CaseHistorySection childId={child.data.id} />
          {child.data.abilities.editRecord && <CourtOrdersSection childId={child.data.id} />}
          {(child.data.abilities.readHearings || child.data.abilities.submitCourtReport) && (
            <HearingsSection childId={child.data.id} abilities={child.data.abilities} />
          )}
          {child.data.abilities.share && <SharesSection childId={child.data.id} />}
          {child.data.abilities.editRecord && <InviteSection childId={child.data.id} />}
          {child.data.abilities.readAccessLog && <AccessLogSection childId={child.data.id} />}
        </>
      )}
    </>
  );
}
