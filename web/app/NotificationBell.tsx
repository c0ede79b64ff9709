import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { z } from "zod";
import type { Notifications } from "../../server/modules/children/notification-schema";
import { useI18n } from "../i18n/i18n";
import { api } from "./api";
import { ErrorAlert } from "./ErrorAlert";

type NotificationsView = z.infer<typeof Notifications>;

/**
 * The reminders the platform keeps for the signed-in user (deadlines of the
 * practice tasks of their children): a bell with the unread count, the list,
 * marking one read. Refreshed every minute while the page is open.
 */
export function NotificationBell() {
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: ["notifications"],
    queryFn: () => api<NotificationsView>("/api/notifications"),
    refetchInterval: 60_000,
  });
  const markRead = useMutation({
    mutationFn: (id: string) => api(`/api/notifications/${id}/read`, { method: "POST" }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["notifications"] }),
  });
  useEffect(() => {
    if (!open) return;
    const close = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("keydown", close);
    return () => document.removeEventListener("keydown", close);
  }, [open]);
  const unread = list.data?.unread ?? 0;
  const label = t("notifications.bell", { count: unread });
  return (
    <div className="qpi-bell">
      <button
        type="button"
        className="usa-button usa-button--unstyled qpi-bell__button"
        aria-expanded={open}
        aria-controls="qpi-notifications"
        aria-label={label}
        title={label}
        onClick={() => setOpen(!open)}
      >
        <svg className="qpi-bell__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 && <span className="qpi-bell__count">{unread > 99 ? "99+" : unread}</span>}
      </button>
      {open && (
        <div id="qpi-notifications" className="qpi-bell__panel" role="region" aria-label={t("notifications.title")}>
          <h2 className="font-heading-sm margin-top-0">{t("notifications.title")}</h2>
          <ErrorAlert error={list.error ?? markRead.error} />
          {list.data?.notifications.length === 0 && <p>{t("notifications.none")}</p>}
          <ul className="usa-list usa-list--unstyled">
            {list.data?.notifications.map((n) => (
              <li key={n.id} className={`qpi-bell__item ${n.readAt ? "" : "qpi-bell__item--unread"}`}>
                <div>{n.message}</div>
                <div className="font-body-2xs text-base">{formatDate(n.createdAt)}</div>
                {n.readAt ? (
                  <span className="font-body-2xs text-base">{t("notifications.read")}</span>
                ) : (
                  <button
                    type="button"
                    className="usa-button usa-button--unstyled font-body-2xs"
                    disabled={markRead.isPending}
                    onClick={() => markRead.mutate(n.id)}
                  >
                    {t("notifications.markRead")}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
