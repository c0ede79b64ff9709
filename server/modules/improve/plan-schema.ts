import { z } from "zod";
import { measureIds } from "../outcomes/index.js";

export const barrierSources = ["focus_group", "survey", "concern", "data"] as const;
export const actionStatuses = ["not_started", "in_progress", "done"] as const;
const day = z.iso.date();

export const WorkGroupCreate = z
  .object({
    workGroupName: z.string().trim().min(2).max(200),
    workGroupKind: z.enum(["steering_committee", "work_group"]),
  })
  .strict();

export const BarrierCreate = z
  .object({
    barrierTitle: z.string().trim().min(3).max(300),
    source: z.enum(barrierSources),
    concernId: z.uuid().optional(),
    surveyId: z.uuid().optional(),
    workGroupId: z.uuid().optional(),
    measureIds: z.array(z.enum(measureIds)).max(6).default([]),
  })
  .strict();

export const BarrierStatusChange = z
  .object({ barrierStatus: z.enum(["open", "resolved"]), version: z.number().int().positive() })
  .strict();

export const ActionItemCreate = z
  .object({
    actionTitle: z.string().trim().min(3).max(300),
    owner: z.string().trim().min(2).max(200),
    dueOn: day,
    workGroupId: z.uuid().optional(),
  })
  .strict();

export const ActionStatusChange = z
  .object({ actionStatus: z.enum(actionStatuses), version: z.number().int().positive() })
  .strict();

export const BarrierParams = z.object({ barrierId: z.uuid() });
export const ActionItemParams = z.object({ actionItemId: z.uuid() });

export const ActionItemView = z.object({
  id: z.uuid(),
  title: z.string(),
  owner: z.string(),
  workGroup: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(actionStatuses),
  doneOn: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
});

export const BarrierView = z.object({
  id: z.uuid(),
  title: z.string(),
  source: z.enum(barrierSources),
  status: z.enum(["open", "resolved"]),
  raisedOn: z.string(),
  resolvedOn: z.string().nullable(),
  workGroup: z.string().nullable(),
  measureIds: z.array(z.string()),
  actions: z.array(ActionItemView),
  version: z.number().int(),
});

/** The steering committee's view of a site's improvement work. */
export const ImproveDashboard = z.object({
  today: z.string(),
  counts: z.object({
    barriersOpen: z.number().int(),
    barriersResolved: z.number().int(),
    actionsOnTime: z.number().int(),
    actionsOverdue: z.number().int(),
    actionsDone: z.number().int(),
  }),
  workGroups: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.enum(["steering_committee", "work_group"]) })),
  barriers: z.array(BarrierView),
  /** May the caller record barriers and action items (improve:manage)? The page hides the forms otherwise. */
  mayManage: z.boolean(),
});
