import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { translate } from "../../platform/i18n/locale.js";
import { NotificationParams, NotificationRead, Notifications } from "./notification-schema.js";
import { notificationService } from "./notification-service.js";
import { notificationsOf } from "./reminders.js";

/** The signed-in user's reminders. */
export function registerNotificationRoutes(app: App, deps: PlatformDeps) {
  const tags = ["practices"];
  const notifications = notificationService(deps.db, deps.now);

  app.get(
    "/api/notifications",
    { schema: { tags, summary: "The signed-in user's reminders", response: { 200: Notifications } } },
    async (request) => {
      const actor = requireActor(request);
      const rows = await notificationsOf(deps.db, actor.userId);
      return {
        unread: await notifications.unreadCount(actor.userId),
        notifications: rows.map((n) => {
          const params = n.params as unknown as Record<string, string>;
          return {
            id: n.id,
            kind: n.kind,
            taskId: n.task_id,
            message: translate(actor.locale, n.subject_key, {
              ...params,
              practice: translate(actor.locale, `practice.name.${params.practice}`),
            }),
            createdAt: new Date(n.created_at).toISOString(),
            readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
          };
        }),
      };
    },
  );

  app.post(
    "/api/notifications/:notificationId/read",
    {
      schema: {
        tags,
        summary: "Mark one of the signed-in user's reminders read",
        params: NotificationParams,
        response: { 200: NotificationRead },
      },
    },
    async (request) => notifications.markRead(requireActor(request), request.params.notificationId),
  );
}
