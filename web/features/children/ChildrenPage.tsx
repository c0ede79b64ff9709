import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../app/api";
import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { IntakeStart } from "./IntakePage";
import type { ChildListResponse } from "./types";

const PAGE = 25;

export function ChildrenPage() {
  const { t, formatDate } = useI18n();
  const [q, setQ] = useState("");
  const [page, setPage] = useState(0);
  const children = useQuery({
    queryKey: ["children", q, page],
    queryFn: () =>
      api<ChildListResponse>(
        `/api/children?limit=${PAGE}&offset=${page * PAGE}${q ? `&q=${encodeURIComponent(q)}` : ""}`,
      ),
    placeholderData: keepPreviousData,
  });
  const total = children.data?.total ?? 0;
  const session = useSession();
  // Intake is for those who may record a child: at the site of their caseworker or supervisor role.
  const intakeSite = session.data?.abilities.includes("child:write")
    ? session.data.roles.find((r) => r.role === "caseworker" || r.role === "supervisor")?.siteId
    : undefined;
  return (
    <>
      <h1>{t("nav.children")}</h1>
      {intakeSite && <IntakeStart siteId={intakeSite} />}
      <form className="usa-search usa-search--small margin-bottom-2" role="search" onSubmit={(e) => e.preventDefault()}>
        <label className="usa-sr-only" htmlFor="child-search">
          {t("children.search")}
        </label>
        <input
          className="usa-input"
          id="child-search"
          type="search"
          placeholder={t("children.searchPlaceholder")}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(0);
          }}
        />
      </form>
      <ErrorAlert error={children.error} />
      {children.data && (
        <>
          <p aria-live="polite">{t("children.count", { count: total })}</p>
          <DataTable
            caption={t("nav.children")}
            captionHidden
            rows={children.data.children}
            rowKey={(c) => c.id}
            columns={[
              {
                header: t("children.name"),
                cell: (c) => (
                  <Link to={`/children/${c.id}`}>
                    {c.familyName}, {c.givenName}
                  </Link>
                ),
              },
              { header: t("children.caseNumber"), cell: (c) => c.caseNumber },
              { header: t("children.birthDate"), cell: (c) => formatDate(c.birthDate) },
              {
                header: t("children.placement"),
                cell: (c) =>
                  (c.currentSetting
                    ? `${t(`setting.${c.currentSetting}`)} · ${formatDate(c.placedSince)}`
                    : t("children.notInCare")) +
                  (c.upcomingMoveOn ? ` (${t("children.upcomingMove", { date: formatDate(c.upcomingMoveOn) })})` : ""),
              },
            ]}
          />
          <nav aria-label={t("common.pagination")} className="display-flex flex-justify margin-top-2">
            <button
              type="button"
              className="usa-button usa-button--outline"
              disabled={page === 0}
              onClick={() => setPage(page - 1)}
            >
              {t("common.previous")}
            </button>
            <span>{t("common.pageOf", { page: page + 1, pages: Math.max(1, Math.ceil(total / PAGE)) })}</span>
            <button
              type="button"
              className="usa-button usa-button--outline"
              disabled={(page + 1) * PAGE >= total}
              onClick={() => setPage(page + 1)}
            >
              {t("common.next")}
            </button>
          </nav>
        </>
      )}
    </>
  );
}
