import { z } from "zod";

export const Notifications = z.object({
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
