import type { z } from "zod";
import type {
  CheckInput,
  ClosureInput,
  Deadlines,
  HouseholdCreate,
  HouseholdCreated,
  HouseholdDetail,
  HouseholdList,
  HouseholdUpdate,
  InquiryForm,
  InquiryInput,
  MatchCandidate,
  MatchList,
  MyHousehold,
  ReasonList,
  Retention,
  StageChange,
} from "../../../server/modules/homes/schema";

// The API's own zod schemas, as types only (erased at build).
export type HouseholdListView = z.infer<typeof HouseholdList>;
export type HouseholdDetailView = z.infer<typeof HouseholdDetail>;
export type HouseholdUpdateInput = z.infer<typeof HouseholdUpdate>;
export type HouseholdCreateInput = z.infer<typeof HouseholdCreate>;
export type StageChangeInput = z.infer<typeof StageChange>;
export type CheckInputView = z.infer<typeof CheckInput>;
export type ClosureInputView = z.infer<typeof ClosureInput>;
export type ReasonListView = z.infer<typeof ReasonList>;
export type MyHouseholdView = z.infer<typeof MyHousehold>;
export type InquiryFormView = z.infer<typeof InquiryForm>;
export type InquiryInputView = z.infer<typeof InquiryInput>;
export type MatchListView = z.infer<typeof MatchList>;
export type MatchCandidateView = z.infer<typeof MatchCandidate>;
export type HouseholdCreatedView = z.infer<typeof HouseholdCreated>;
export type DeadlinesView = z.infer<typeof Deadlines>;
export type RetentionView = z.infer<typeof Retention>;

import type { HouseholdDocuments } from "../../../server/modules/homes/documents-schema";

export type HouseholdDocumentsView = z.infer<typeof HouseholdDocuments>;
