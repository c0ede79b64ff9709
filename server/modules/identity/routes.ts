import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { afterReply } from "./after-reply.js";
import { challengeTokenOf, clearChallengeCookie, setSessionCookie, signInClient } from "./cookies.js";
import * as mfa from "./mfa-service.js";
import {
  AccountEmail,
  CodeBody,
  Invitation,
  InvitationPreview,
  InviteInput,
  MfaEnrollment,
  MfaStatus,
  Ok,
  PolicyInput,
  PolicyView,
  RecoveryCodes,
  SetPasswordBody,
  SiteParams,
  SiteUserList,
  SiteUserParams,
  TokenBody,
  UserStatus,
} from "./schema.js";
import * as accounts from "./service.js";

const authLimit = { rateLimit: { max: 20, timeWindow: "1 minute" } };

export function registerIdentityRoutes(app: App, deps: PlatformDeps) {
  const { db } = deps;
  const client = (request: FastifyRequest) => signInClient(request, deps);

  // ---- second factor ----
  app.post(
    "/api/auth/mfa/verify",
    {
      schema: {
        tags: ["auth"],
        summary: "Second sign-in step: a TOTP code or a single-use recovery code",
        body: CodeBody,
        response: { 200: Ok },
      },
      config: authLimit,
    },
    async (request, reply) => {
      const session = await mfa.verifySecondFactor(
        db,
        challengeTokenOf(request, deps),
        request.body.code,
        client(request),
        deps.now(),
      );
      clearChallengeCookie(reply, deps);
      setSessionCookie(reply, deps, session);
      return { ok: true as const };
    },
  );

  app.post(
    "/api/auth/mfa/enroll",
    {
      schema: {
        tags: ["auth"],
        summary: "Start TOTP enrollment (signed in, or right after the password step when the site requires it)",
        response: { 200: MfaEnrollment },
      },
      config: authLimit,
    },
    async (request) => mfa.startEnrollment(db, request.actor, challengeTokenOf(request, deps), deps.now()),
  );

  app.post(
    "/api/auth/mfa/enroll/confirm",
    {
      schema: {
        tags: ["auth"],
        summary: "Confirm TOTP enrollment with a first code; returns recovery codes once",
        body: CodeBody,
        response: { 200: RecoveryCodes },
      },
      config: authLimit,
    },
    async (request, reply) => {
      const result = await mfa.confirmEnrollment(
        db,
        request.actor,
        challengeTokenOf(request, deps),
        request.body.code,
        client(request),
        deps.now(),
      );
      if (result.session) {
        clearChallengeCookie(reply, deps);
        setSessionCookie(reply, deps, result.session);
      }
      return { recoveryCodes: result.recoveryCodes };
    },
  );

  app.get(
    "/api/me/mfa",
    {
      schema: {
        tags: ["auth"],
        summary: "Whether two-step sign-in is set up, codes left, and whether policy requires it",
        response: { 200: MfaStatus },
      },
    },
    async (request) => mfa.mfaStatus(db, requireActor(request)),
  );

  app.post(
    "/api/me/mfa/recovery-codes",
    {
      schema: {
        tags: ["auth"],
        summary: "Replace the recovery codes (the old ones stop working)",
        response: { 200: RecoveryCodes },
      },
    },
    async (request) => ({ recoveryCodes: await mfa.regenerateRecoveryCodes(db, requireActor(request)) }),
  );

  // ---- invitations and password reset ----
  app.post(
    "/api/auth/invitations/preview",
    {
      schema: {
        tags: ["auth"],
        summary: "Who an invitation link is for",
        body: TokenBody,
        response: { 200: InvitationPreview },
      },
      config: authLimit,
    },
    async (request) => accounts.previewInvitation(db, request.body.token, deps.now()),
  );

  app.post(
    "/api/auth/invitations/accept",
    {
      schema: {
        tags: ["auth"],
        summary: "Set a first password from an invitation link",
        body: SetPasswordBody,
        response: { 200: AccountEmail },
      },
      config: authLimit,
    },
    async (request) =>
      accounts.acceptInvitation(db, request.body.token, request.body.password, client(request), deps.now()),
  );

  app.post(
    "/api/auth/password-reset",
    {
      schema: {
        tags: ["auth"],
        summary: "Email a reset link; the same answer whether or not the address has an account",
        body: z.object({ email: z.string().trim().min(3).max(254) }),
        response: { 202: Ok },
      },
      config: { rateLimit: { max: 5, timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      // Everything is done after the reply, the lookup, the token and the email alike: how long the database and
      // the SMTP server take must not tell whether the account exists.
      afterReply(reply, async () => {
        const send = await accounts.requestPasswordReset(db, request.body.email, client(request), deps.now());
        await send?.();
      }).catch((error: unknown) => request.log.error({ err: error }, "password reset request failed"));
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    "/api/auth/password-reset/complete",
    {
      schema: {
        tags: ["auth"],
        summary: "Set a new password from a reset link; every session of the account ends",
        body: SetPasswordBody,
        response: { 200: AccountEmail },
      },
      config: authLimit,
    },
    async (request) =>
      accounts.completePasswordReset(db, request.body.token, request.body.password, client(request), deps.now()),
  );

  // ---- site administration ----
  app.get(
    "/api/sites/:siteId/users",
    {
      schema: {
        tags: ["identity"],
        summary: "Users holding a role at the site",
        params: SiteParams,
        response: { 200: SiteUserList },
      },
    },
    async (request) => ({ users: await accounts.listSiteUsers(db, requireActor(request), request.params.siteId) }),
  );

  app.post(
    "/api/sites/:siteId/invitations",
    {
      schema: {
        tags: ["identity"],
        summary: "Invite a person to the site with a role; they set a password from the emailed link",
        params: SiteParams,
        body: InviteInput,
        response: { 201: Invitation },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await accounts.inviteUser(db, requireActor(request), request.params.siteId, request.body, deps.now())),
  );

  app.post(
    "/api/sites/:siteId/users/:userId/invitation",
    {
      schema: {
        tags: ["identity"],
        summary: "Send a fresh invitation link to an account that has not accepted yet",
        params: SiteUserParams,
        response: { 201: Invitation },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await accounts.resendInvitation(
            db,
            requireActor(request),
            request.params.siteId,
            request.params.userId,
            deps.now(),
          ),
        ),
  );

  app.post(
    "/api/sites/:siteId/users/:userId/disable",
    {
      schema: {
        tags: ["identity"],
        summary: "Disable an account; all its sessions end",
        params: SiteUserParams,
        response: { 200: UserStatus },
      },
    },
    async (request) =>
      accounts.setUserEnabled(db, requireActor(request), request.params.siteId, request.params.userId, false),
  );

  app.post(
    "/api/sites/:siteId/users/:userId/enable",
    {
      schema: {
        tags: ["identity"],
        summary: "Re-enable an account",
        params: SiteUserParams,
        response: { 200: UserStatus },
      },
    },
    async (request) =>
      accounts.setUserEnabled(db, requireActor(request), request.params.siteId, request.params.userId, true),
  );

  app.get(
    "/api/sites/:siteId/security-policy",
    {
      schema: {
        tags: ["identity"],
        summary: "The site's session timeouts and second-factor rule",
        params: SiteParams,
        response: { 200: PolicyView },
      },
    },
    async (request) => accounts.getSecurityPolicy(db, requireActor(request), request.params.siteId),
  );

  app.put(
    "/api/sites/:siteId/security-policy",
    {
      schema: {
        tags: ["identity"],
        summary: "Change the site's security policy (version for optimistic locking)",
        params: SiteParams,
        body: PolicyInput,
        response: { 200: PolicyView },
      },
    },
    async (request) =>
      accounts.updateSecurityPolicy(db, requireActor(request), request.params.siteId, request.body, deps.now()),
  );
}
