import { useQuery } from "@tanstack/react-query";
import { ApiError, api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { MaltreatmentReportListView, PlacementHistory } from "./types";

/**
 * Where the child lives (the caregiver's address and phone, only for those who
 * may know) and the maltreatment reports of the case record (who reported,
 * only for those who may know). The server leaves out what the user may not see.
 */
export function CaseHistorySection({ childId }: { childId: string }) {
  const { t, formatDate } = useI18n();
  // The same query as the placement section: one request for both.
  const history = useQuery({
    queryKey: ["placements", childId],
    queryFn: () => api<PlacementHistory>(`/api/children/${childId}/placements`),
  });
  const reports = useQuery({
    queryKey: ["reports", childId],
    queryFn: () => api<MaltreatmentReportListView>(`/api/children/${childId}/reports`),
    retry: false,
  });
  const contact = history.data?.caregiverContact;
  if (reports.error instanceof ApiError && reports.error.status === 403) return null;
  return (
    <section aria-labelledby="case-history-heading">
      <h2 id="case-history-heading">{t("caseHistory.title")}</h2>
      {contact && (
        <dl className="qpi-facts">
          <dt>{t("caseHistory.caregiverHome")}</dt>
          <dd>
            {contact.householdName}
            {contact.addressLine1 && (
              <div>{[contact.addressLine1, contact.city, contact.postalCode].filter(Boolean).join(", ")}</div>
            )}
            {contact.phone && <div>{contact.phone}</div>}
          </dd>
        </dl>
      )}
      <h3 className="font-heading-sm">{t("caseHistory.reports")}</h3>
      <ErrorAlert error={reports.error} />
      {reports.data?.reports.length === 0 && <p>{t("caseHistory.noReports")}</p>}
      <ul className="usa-list usa-list--unstyled">
        {reports.data?.reports.map((r) => (
          <li key={r.id} className="border-bottom border-base-lighter padding-y-1">
            <strong>{formatDate(r.receivedOn)}</strong>
            {r.incidentOn && <> ({t("caseHistory.incident", { date: formatDate(r.incidentOn) })})</>} ·{" "}
            {t(`caseHistory.allegation.${r.allegation}`)} · {t(`caseHistory.disposition.${r.disposition}`)}
            {"reporterName" in r && (
              <div className="font-body-2xs">
                {t("caseHistory.reporter", {
                  name: r.reporterName ?? t("caseHistory.reporterUnknown"),
                  role: r.reporterRole ? t(`caseHistory.reporterRole.${r.reporterRole}`) : "—",
                })}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
