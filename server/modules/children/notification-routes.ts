import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { translate } from "../../platform/i18n/locale.js";
import { Notifications } from "./notification-schema.js";
import { notificationsOf } from "./reminders.js";

/** The signed-in user's reminders. */
export function registerNotificationRoutes(app: App, deps: PlatformDeps) {
  const tags = ["practices"];

  app.get(
    "/api/notifications",
    { schema: { tags, summary: "The signed-in user's reminders", response: { 200: Notifications } } },
    async (request) => {
      const actor = requireActor(request);
      const rows = await notificationsOf(deps.db, actor.userId);
      return {
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
}
