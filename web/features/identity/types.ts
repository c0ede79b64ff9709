import type { z } from "zod";
import type {
  AccountEmail,
  InvitationPreview,
  InviteInput,
  MfaEnrollment,
  MfaStatus,
  PolicyInput,
  PolicyView,
  RecoveryCodes,
  SignInResult,
  SiteUser,
  SiteUserList,
} from "../../../server/modules/identity/schema";

// The API's own zod schemas, as types only (erased at build): answers are
// z.infer, bodies z.input.
export type SignInResultView = z.infer<typeof SignInResult>;
export type MfaStatusView = z.infer<typeof MfaStatus>;
export type MfaEnrollmentView = z.infer<typeof MfaEnrollment>;
export type RecoveryCodesView = z.infer<typeof RecoveryCodes>;
export type InvitationPreviewView = z.infer<typeof InvitationPreview>;
export type AccountEmailView = z.infer<typeof AccountEmail>;
export type SiteUserView = z.infer<typeof SiteUser>;
export type SiteUserListView = z.infer<typeof SiteUserList>;
export type InviteBody = z.input<typeof InviteInput>;
export type Policy = z.infer<typeof PolicyView>;
export type PolicyBody = z.input<typeof PolicyInput>;
