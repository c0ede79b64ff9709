import { z } from "zod";

export const SiteParams = z.object({ siteId: z.uuid() });
export const SiteUserParams = z.object({ siteId: z.uuid(), userId: z.uuid() });

export const InviteInput = z.object({
  email: z.email().max(254),
  role: z.string().min(1).max(40),
  /** An existing person of the site (household member, birth parent, youth); else a new person from the names. */
  personId: z.uuid().optional(),
  givenName: z.string().max(100).optional(),
  familyName: z.string().max(100).optional(),
  language: z.enum(["en", "es"]).default("en"),
});
export type InviteInput = z.infer<typeof InviteInput>;

export const Invitation = z.object({
  userId: z.string(),
  email: z.string(),
  status: z.literal("invited"),
  expiresAt: z.string(),
});

export const TokenBody = z.object({ token: z.string().min(20).max(200) });
export const SetPasswordBody = z.object({ token: z.string().min(20).max(200), password: z.string().min(1).max(1024) });

export const PolicyInput = z.object({
  staffIdleMinutes: z.number().int().min(5).max(120),
  familyIdleMinutes: z.number().int().min(5).max(240),
  absoluteHours: z.number().int().min(1).max(24),
  mfaRequiredForStaff: z.boolean(),
  version: z.number().int().min(0),
});
export type PolicyInput = z.infer<typeof PolicyInput>;

export const PolicyView = PolicyInput.extend({ isDefault: z.boolean() });

export const SiteUser = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  status: z.string(),
  roles: z.array(z.string()),
  mfaEnrolled: z.boolean(),
});

export const UserStatus = z.object({ id: z.string(), status: z.string(), mfaEnrolled: z.boolean() });

export const CodeBody = z.object({ code: z.string().min(1).max(40) });
export const Ok = z.object({ ok: z.literal(true) });

/** The password step's answer: `next` says whether a second factor (totp) or its enrollment (enroll) follows. */
export const SignInResult = z.object({
  ok: z.literal(true),
  next: z.enum(["done", "totp", "enroll"]),
  /** The account's language: the interface switches to it at sign-in. */
  language: z.enum(["en", "es"]),
});
export const MfaStatus = z.object({
  enrolled: z.boolean(),
  recoveryCodesLeft: z.number(),
  requiredByPolicy: z.boolean(),
});
export const MfaEnrollment = z.object({ secret: z.string(), otpauthUri: z.string() });
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export const InvitationPreview = z.object({
  email: z.string(),
  displayName: z.string(),
  siteName: z.string(),
  /** The language the invitation was written in: the accept page opens in it. */
  language: z.enum(["en", "es"]),
});
/** Which account a link was for, once its password is set. */
export const AccountEmail = z.object({ email: z.string() });
export const SiteUserList = z.object({ users: z.array(SiteUser) });
