import { z } from "zod";

export const Notifications = z.object({
  /** Unread reminders in all (the list shows the latest 50). */
  unread: z.number().int(),
  notifications: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      taskId: z.uuid().nullable(),
      message: z.string(),
      createdAt: z.string(),
      readAt: z.string().nullable(),
    }),
  ),
});

export const NotificationParams = z.object({ notificationId: z.uuid() });
export const NotificationRead = z.object({ id: z.uuid(), readAt: z.string() });
