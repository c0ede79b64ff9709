import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api } from "../../app/api";
import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { AccessLogEntryView, AccessLogView } from "./types";

/**
 * "Who viewed this record": the audit rows about the child, newest first, for supervisors and site administrators.
 * Reading it is audited too.
 */
export function AccessLogSection({ childId }: { childId: string }) {
  const { t, language } = useI18n();
  const [pages, setPages] = useState<(number | undefined)[]>([undefined]);
  const before = pages[pages.length - 1];
  const log = useQuery({
    queryKey: ["access-log", childId, before],
    queryFn: () =>
      api<AccessLogView>(`/api/children/${childId}/access-log?limit=25${before ? `&before=${before}` : ""}`),
    retry: false,
  });
  if (log.error instanceof ApiError && (log.error.status === 403 || log.error.status === 404)) return null;
  const when = new Intl.DateTimeFormat(language === "es" ? "es-US" : "en-US", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  // Known actions read as sentences; a refused request shows as the request tried; anything else as its code.
  const action = (entry: AccessLogEntryView) => {
    const label = t(`accessLog.action.${entry.action}`);
    if (label !== `accessLog.action.${entry.action}`) return label;
    return entry.outcome === "denied" ? t("accessLog.tried", { request: entry.action }) : entry.action;
  };
  return (
    <section aria-labelledby="access-log-heading">
      <h2 id="access-log-heading">{t("accessLog.title")}</h2>
      <p className="usa-hint">{t("accessLog.explain")}</p>
      <ErrorAlert error={log.error} />
      {log.data?.entries.length === 0 && <p>{t("accessLog.none")}</p>}
      {log.data && log.data.entries.length > 0 && (
        <DataTable
          caption={t("accessLog.title")}
          captionHidden
          rows={log.data.entries}
          rowKey={(e) => e.id}
          rowHeader={false}
          columns={[
            { header: t("accessLog.when"), cell: (e) => when.format(new Date(e.occurredAt)) },
            {
              header: t("accessLog.who"),
              cell: (e) => (
                <>
                  {e.actor ? e.actor.name : t("accessLog.system")}
                  {e.roles.length > 0 && (
                    <div className="font-body-2xs text-base">{e.roles.map((r) => t(`role.${r}`)).join(", ")}</div>
                  )}
                </>
              ),
            },
            {
              header: t("accessLog.what"),
              cell: (e) => (
                <>
                  {action(e)}{" "}
                  {e.outcome !== "success" && (
                    <span className="usa-tag bg-secondary-dark">{t(`accessLog.outcome.${e.outcome}`)}</span>
                  )}
                </>
              ),
            },
            { header: t("accessLog.purpose"), cell: (e) => e.purpose ?? "—" },
            {
              header: t("accessLog.fieldClasses"),
              cell: (e) => e.fieldClasses.map((c) => t(`fieldClass.${c}`)).join(", ") || "—",
            },
          ]}
        />
      )}
      <nav aria-label={t("common.pagination")} className="display-flex flex-justify margin-top-1">
        <button
          type="button"
          className="usa-button usa-button--outline"
          disabled={pages.length === 1}
          onClick={() => setPages(pages.slice(0, -1))}
        >
          {t("accessLog.newer")}
        </button>
        <button
          type="button"
          className="usa-button usa-button--outline"
          disabled={!log.data?.nextBefore}
          onClick={() => setPages([...pages, log.data!.nextBefore!])}
        >
          {t("accessLog.older")}
        </button>
      </nav>
    </section>
  );
}
