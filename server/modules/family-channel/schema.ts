import { z } from "zod";

/** Messages between the families and the case-plan tasks shared with the parent: contracts shared with the web. */

const text = (max: number) => z.string().trim().max(max);
const day = z.iso.date();

export const ChildParams = z.object({ childId: z.uuid() });
export const MessageParams = ChildParams.extend({ messageId: z.uuid() });
export const AgreementParams = ChildParams.extend({ agreementId: z.uuid() });
export const TaskParams = ChildParams.extend({ taskId: z.uuid() });

/**
 * open: messages go through; paused: staff paused the channel; paused_by_court_order: a no-contact or non-disclosure
 * order is in force today (the channel reopens by itself when it ends).
 */
export const ChannelStatus = z.enum(["open", "paused", "paused_by_court_order"]);
export const Side = z.enum(["caregiver", "birth_parent"]);

export const Attachment = z.object({ url: z.string(), fileName: z.string(), contentType: z.string() });

/** A message as a party reads it: the sender by first name or "the resource family", never a contact detail. */
export const PartyMessage = z.object({
  id: z.uuid(),
  side: Side,
  fromMe: z.boolean(),
  /** Null under a court order for the caregiver's side: the page says "the resource family". */
  senderName: z.string().nullable(),
  body: z.string(),
  sentAt: z.string(),
  attachment: Attachment.nullable(),
});

export const PartyThread = z.object({
  agreementId: z.uuid(),
  agreedOn: z.string(),
  status: ChannelStatus,
  /** The other party: the parent's first name, or the home's name (null under a court order). */
  otherPartyName: z.string().nullable(),
  messages: z.array(PartyMessage),
});
export const PartyThreads = z.object({ threads: z.array(PartyThread) });

export const MessageInput = z.object({
  agreementId: z.uuid(),
  body: text(4000).min(1),
  /** A photo (JPEG, PNG, metadata removed) or a PDF, base64 in the JSON body (up to about 7 MB). */
  attachment: z.object({ fileName: text(200).min(1), contentBase64: z.string().min(1).max(10_000_000) }).optional(),
});

export const StaffMessage = z.object({
  id: z.uuid(),
  side: Side,
  senderName: z.string(),
  body: z.string(),
  sentAt: z.string(),
  attachment: Attachment.nullable(),
});

export const StaffAgreement = z.object({
  id: z.uuid(),
  birthParentName: z.string(),
  householdName: z.string(),
  agreedOn: z.string(),
  note: z.string().nullable(),
  status: ChannelStatus,
  pauseReason: z.string().nullable(),
  /** Whether the agreement's home is where the child lives now (a move closes the channel with the old home). */
  current: z.boolean(),
  messages: z.array(StaffMessage),
});

export const StaffChannel = z.object({
  childId: z.uuid(),
  /** Who an agreement can be recorded between now: the child's birth parents and the home the child lives in. */
  parents: z.array(z.object({ personId: z.uuid(), name: z.string() })),
  home: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  agreements: z.array(StaffAgreement),
});

export const AgreementInput = z.object({
  birthParentPersonId: z.uuid(),
  agreedOn: day,
  /** Both parties agreed (the icebreaker's co-parenting and information-sharing agreement). */
  caregiverAgreed: z.literal(true),
  parentAgreed: z.literal(true),
  note: text(2000).optional(),
});

export const PauseInput = z.object({ paused: z.boolean(), reason: text(500).optional() });

/* Case-plan tasks. */

export const TaskKind = z.enum(["service", "visit", "class"]);
export const TaskStatus = z.enum(["not_started", "in_progress", "done"]);

export const TaskUpdate = z.object({
  status: TaskStatus,
  note: z.string().nullable(),
  byName: z.string(),
  at: z.string(),
});

export const CasePlanTask = z.object({
  id: z.uuid(),
  kind: TaskKind,
  title: z.string(),
  dueOn: z.string().nullable(),
  status: TaskStatus,
  sharedWithParent: z.boolean(),
  updates: z.array(TaskUpdate),
});
export const CasePlanTasks = z.object({ tasks: z.array(CasePlanTask) });

export const TaskInput = z.object({
  kind: TaskKind,
  title: text(200).min(1),
  dueOn: day.optional(),
  sharedWithParent: z.boolean(),
});
export const TaskShareInput = z.object({ sharedWithParent: z.boolean() });
export const ProgressInput = z.object({
  status: z.enum(["in_progress", "done"]),
  note: text(2000).optional(),
});
