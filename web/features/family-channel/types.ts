import type { z } from "zod";
import type {
  CasePlanTask,
  CasePlanTasks,
  MessageInput,
  PartyThread,
  PartyThreads,
  StaffChannel,
} from "../../../server/modules/family-channel/schema";

// The API's own zod schemas, as types only (erased at build).
export type PartyThreadsView = z.infer<typeof PartyThreads>;
export type PartyThreadView = z.infer<typeof PartyThread>;
export type MessageInputBody = z.infer<typeof MessageInput>;
export type StaffChannelView = z.infer<typeof StaffChannel>;
export type CasePlanTaskView = z.infer<typeof CasePlanTask>;
export type CasePlanTasksView = z.infer<typeof CasePlanTasks>;
