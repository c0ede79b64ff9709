import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../app/api";
import { ConfirmDialog } from "../../app/ConfirmDialog";
import { DataTable } from "../../app/DataTable";
import { ErrorAlert } from "../../app/ErrorAlert";
import { Loading } from "../../app/Loading";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import type { AccountEmailView, SiteUserListView, SiteUserView } from "./types";

/** The site's users: resend an invitation, disable or re-enable an account (never one's own). */
export function SiteUsersTable({ siteId }: { siteId: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const session = useSession();
  const users = useQuery({
    queryKey: ["site-users", siteId],
    queryFn: () => api<SiteUserListView>(`/api/sites/${siteId}/users`),
  });
  const toggle = useMutation({
    mutationFn: (u: SiteUserView) =>
      api(`/api/sites/${siteId}/users/${u.id}/${u.status === "disabled" ? "enable" : "disable"}`, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["site-users", siteId] }),
    onSettled: () => setDisabling(null),
  });
  // Disabling ends the person's sessions at once: it is asked for, re-enabling is not.
  const [disabling, setDisabling] = useState<SiteUserView | null>(null);
  const resend = useMutation({
    mutationFn: (u: SiteUserView) =>
      api<AccountEmailView>(`/api/sites/${siteId}/users/${u.id}/invitation`, { method: "POST" }),
  });
  return (
    <section aria-labelledby="users-heading" className="margin-top-5">
      <h2 id="users-heading">{t("identity.admin.users")}</h2>
      {toggle.isError && <ErrorAlert error={toggle.error} />}
      {resend.isError && <ErrorAlert error={resend.error} />}
      {resend.isSuccess && (
        <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t("identity.admin.invited", { email: resend.data.email })}</p>
          </div>
        </div>
      )}
      {users.isPending && <Loading label={t("common.loading")} />}
      {users.isError && <ErrorAlert error={users.error} />}
      {users.data && (
        <DataTable
          caption={t("identity.admin.users")}
          captionHidden
          scroll="region"
          regionLabelledBy="users-heading"
          rows={users.data.users}
          rowKey={(u) => u.id}
          columns={[
            {
              header: t("identity.admin.name"),
              cell: (u) => (
                <>
                  {u.displayName}
                  <br />
                  <span className="text-base font-body-2xs" style={{ wordBreak: "break-all" }}>
                    {u.email}
                  </span>
                </>
              ),
            },
            { header: t("identity.admin.role"), cell: (u) => u.roles.map((r) => t(`identity.role.${r}`)).join(", ") },
            { header: t("identity.admin.status"), cell: (u) => t(`identity.status.${u.status}`) },
            { header: t("identity.admin.mfa"), cell: (u) => (u.mfaEnrolled ? t("identity.yes") : t("identity.no")) },
            {
              header: t("identity.admin.actions"),
              headerHidden: true,
              cell: (u) => (
                <>
                  {u.status === "invited" && (
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled margin-right-2"
                      onClick={() => resend.mutate(u)}
                      disabled={resend.isPending}
                    >
                      {t("identity.admin.resend", { name: u.displayName })}
                    </button>
                  )}
                  {u.id !== session.data?.user.id && (
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled"
                      onClick={() => (u.status === "disabled" ? toggle.mutate(u) : setDisabling(u))}
                      disabled={toggle.isPending}
                    >
                      {u.status === "disabled"
                        ? t("identity.admin.enable", { name: u.displayName })
                        : t("identity.admin.disable", { name: u.displayName })}
                    </button>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
      <ConfirmDialog
        open={disabling !== null}
        title={t("identity.admin.disableConfirm.title", { name: disabling?.displayName ?? "" })}
        confirmLabel={t("identity.admin.disableConfirm.confirm")}
        cancelLabel={t("identity.admin.disableConfirm.cancel")}
        pending={toggle.isPending}
        onConfirm={() => disabling && toggle.mutate(disabling)}
        onCancel={() => setDisabling(null)}
      >
        <p>
          {t("identity.admin.disableConfirm.body", {
            name: disabling?.displayName ?? "",
            email: disabling?.email ?? "",
          })}
        </p>
      </ConfirmDialog>
    </section>
  );
}
