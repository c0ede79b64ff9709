import type { z } from "zod";
import type { AccessLog, AccessLogEntry } from "../../../server/modules/children/access-log-schema";
import type { CorrectionCreate } from "../../../server/modules/children/correction-schema";
import type {
  CourtOrderCreate,
  CourtOrderList,
  CourtOrderView,
} from "../../../server/modules/children/court-order-schema";
import type {
  CaregiverReportAmendment,
  CaregiverReportReceipt,
  CaregiverReportSubmit,
  HearingCreate,
  HearingList,
  HearingView,
} from "../../../server/modules/children/hearing-schema";
import type {
  IntakeAnswers,
  IntakeDraftHandedOver,
  IntakeDraftHandover,
  IntakeDraftList,
  IntakeDraftView as IntakeDraftViewSchema,
  IntakeFinished,
} from "../../../server/modules/children/intake-schema";
import type { ChildInvitationCreate, InvitationCandidates } from "../../../server/modules/children/invitation-schema";
import type {
  EpisodeCreate,
  EpisodeExit,
  PlacementHistory as History,
  PlacementMove,
} from "../../../server/modules/children/placement-schema";
import type { MaltreatmentReportList, MaltreatmentReportView } from "../../../server/modules/children/report-schema";
import type { RuleCoverage, RuleCreate, RuleList, RuleView } from "../../../server/modules/children/rule-schema";
import type {
  ChildAbilities as ChildAbilitiesSchema,
  ChildListItem as ChildItem,
  ChildList,
  ChildView as ChildViewSchema,
} from "../../../server/modules/children/schema";
import type { ShareCreate, ShareList, ShareView } from "../../../server/modules/children/share-schema";
import type {
  TaskComplete,
  TaskList,
  TaskProgress,
  TaskView,
  Timeliness,
  TimelinessRow,
  Worklist,
  WorklistCounts,
} from "../../../server/modules/children/task-schema";
import type {
  CaseworkerChoices,
  CaseworkerHandover,
  HandoverWritten,
  TeamMemberAdd,
  TeamMemberView,
  TeamView as TeamViewSchema,
} from "../../../server/modules/children/team-schema";

// The API's own zod schemas, as types only (erased at build): the pages and
// the server cannot drift apart, and no server code reaches the bundle.
// Answers are z.infer (what the server sends); bodies are z.input (what the
// server accepts, before its defaults fill in).

export type ChildListItem = z.infer<typeof ChildItem>;
export type ChildListResponse = z.infer<typeof ChildList>;

export type PlacementHistory = z.infer<typeof History>;
export type PlacementMoveInput = z.input<typeof PlacementMove>;
export type TeamMemberInput = z.input<typeof TeamMemberAdd>;
export type TeamView = z.infer<typeof TeamViewSchema>;
export type TeamMember = z.infer<typeof TeamMemberView>;
export type CaseworkerChoicesView = z.infer<typeof CaseworkerChoices>;
export type HandoverInput = z.input<typeof CaseworkerHandover>;
export type HandoverResult = z.infer<typeof HandoverWritten>;
export type CourtOrder = z.infer<typeof CourtOrderView>;
export type CourtOrderListView = z.infer<typeof CourtOrderList>;
export type CourtOrderInput = z.input<typeof CourtOrderCreate>;
export type InvitationCandidatesView = z.infer<typeof InvitationCandidates>;
export type ChildInvitationInput = z.input<typeof ChildInvitationCreate>;

export type PracticeTask = z.infer<typeof TaskView>;
export type TaskListView = z.infer<typeof TaskList>;
export type WorklistView = z.infer<typeof Worklist>;
export type WorklistCountsView = z.infer<typeof WorklistCounts>;
export type WorklistWindow = WorklistView["window"];
export type TaskCompleteInput = z.input<typeof TaskComplete>;
export type TaskProgressInput = z.input<typeof TaskProgress>;
export type TimelinessView = z.infer<typeof Timeliness>;
/** One practice's deadline figures, without the unit (the outcomes dashboard shows them for a whole site). */
export type PracticeTimeliness = Omit<z.infer<typeof TimelinessRow>, "unitId" | "unitName">;

export type Rule = z.infer<typeof RuleView>;
export type RuleListView = z.infer<typeof RuleList>;
export type RuleCoverageView = z.infer<typeof RuleCoverage>;
export type RuleInput = z.input<typeof RuleCreate>;

export type Hearing = z.infer<typeof HearingView>;
export type HearingListView = z.infer<typeof HearingList>;
export type HearingInput = z.input<typeof HearingCreate>;
export type CaregiverReportInput = z.input<typeof CaregiverReportSubmit>;
export type CaregiverReportAmendmentInput = z.input<typeof CaregiverReportAmendment>;
export type CaregiverReportReceiptInput = z.input<typeof CaregiverReportReceipt>;

export type Share = z.infer<typeof ShareView>;
export type ShareListView = z.infer<typeof ShareList>;
export type ShareInput = z.input<typeof ShareCreate>;

export type AccessLogEntryView = z.infer<typeof AccessLogEntry>;
export type AccessLogView = z.infer<typeof AccessLog>;

export type MaltreatmentReport = z.infer<typeof MaltreatmentReportView>;
export type MaltreatmentReportListView = z.infer<typeof MaltreatmentReportList>;

// The child's page and the actor's abilities on it.
export type ChildAbilities = z.infer<typeof ChildAbilitiesSchema>;
export type ChildView = z.infer<typeof ChildViewSchema>;

// The life of a case: intake drafts, corrections, exits.
export type IntakeDraftView = z.infer<typeof IntakeDraftViewSchema>;
export type IntakeDraftListView = z.infer<typeof IntakeDraftList>;
export type IntakeAnswersInput = z.input<typeof IntakeAnswers>;
export type IntakeFinishedView = z.infer<typeof IntakeFinished>;
export type IntakeDraftHandoverInput = z.input<typeof IntakeDraftHandover>;
export type IntakeDraftHandedOverView = z.infer<typeof IntakeDraftHandedOver>;
export type CorrectionInput = z.input<typeof CorrectionCreate>;
export type EpisodeCreateInput = z.input<typeof EpisodeCreate>;
export type EpisodeExitInput = z.input<typeof EpisodeExit>;
