import type { FastifyReply } from "fastify";
import { z } from "zod";
import { recordAudit } from "../../platform/audit/audit-log.js";
import { SESSION_COOKIE } from "../../platform/auth/session-hook.js";
import { revokeSession } from "../../platform/auth/sessions.js";
import { AppError } from "../../platform/errors/app-error.js";
import { LANGUAGE_COOKIE, requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { type Locale, locales } from "../../platform/i18n/locale.js";
import { ActorView, actorView } from "./actor-view.js";
import { setChallengeCookie, setSessionCookie, signInClient } from "./cookies.js";
import { SignInResult } from "./schema.js";
import { signIn } from "./sign-in.js";

const SignInBody = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
  /** "Stay signed in on this device": the session cookie outlives the browser. */
  remember: z.boolean().optional(),
});

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

function setLanguageCookie(reply: FastifyReply, deps: PlatformDeps, language: Locale) {
  reply.setCookie(LANGUAGE_COOKIE, language, {
    path: "/",
    sameSite: "lax",
    secure: deps.secureCookies,
    maxAge: 31_536_000,
  });
}

export function registerAuthRoutes(app: App, deps: PlatformDeps) {
  const cookieOptions = { path: "/", httpOnly: true, secure: deps.secureCookies, sameSite: "lax" as const };

  app.post(
    "/api/auth/sign-in",
    {
      schema: {
        tags: ["auth"],
        summary:
          "Sign in with email and password; `next` says whether a second factor (totp) or its enrollment " +
          "(enroll) follows",
        body: SignInBody,
        response: { 200: SignInResult, 401: ErrorBody, 429: ErrorBody },
      },
      // A coarse per-instance request limit; the real throttle (per account and address) is in the database.
      config: { rateLimit: { max: 60, timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      const remember = request.body.remember === true;
      let result: Awaited<ReturnType<typeof signIn>>;
      try {
        result = await signIn(deps.db, request.body, signInClient(request, deps, remember), deps.now());
      } catch (error) {
        // The password queue is full: come back in a moment.
        if (error instanceof AppError && error.status === 429) reply.header("retry-after", "5");
        throw error;
      }
      // A sign-in replaces whatever session the browser had: a new id every time.
      if (request.session) await revokeSession(deps.db, request.session.idHash, deps.now());
      if (result.next === "done") setSessionCookie(reply, deps, result.session);
      else setChallengeCookie(reply, deps, result.challenge, remember);
      // The account's saved language wins over the one the browser used before signing in.
      setLanguageCookie(reply, deps, result.language);
      return { ok: true as const, next: result.next, language: result.language };
    },
  );

  app.post(
    "/api/auth/sign-out",
    {
      schema: {
        tags: ["auth"],
        summary: "Sign out: the session ends on the server",
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      if (request.session) {
        await deps.db.transaction().execute(async (trx) => {
          await revokeSession(trx, request.session!.idHash, deps.now());
          await recordAudit(trx, request.actor ?? { userId: null, ip: request.ip, requestId: request.id }, {
            action: "auth.sign_out",
            entityType: "user_account",
            entityId: request.actor?.userId ?? null,
            outcome: "success",
          });
        });
      }
      reply.clearCookie(SESSION_COOKIE(deps.secureCookies), cookieOptions);
      return { ok: true as const };
    },
  );

  app.get(
    "/api/auth/session",
    {
      schema: {
        tags: ["auth"],
        summary: "The signed-in user, their roles, abilities and CSRF token",
        response: { 200: ActorView },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return actorView(deps.db, actor, request.session!.csrfToken);
    },
  );

  app.put(
    "/api/me/language",
    {
      schema: {
        tags: ["auth"],
        summary: "Set the language of the interface and of messages",
        body: z.object({ language: z.enum(locales) }),
        response: { 200: z.object({ language: z.enum(locales) }) },
      },
    },
    async (request, reply) => {
      const { language } = request.body;
      setLanguageCookie(reply, deps, language);
      if (request.actor) {
        await deps.db
          .updateTable("user_account")
          .set({ preferred_language: language })
          .where("id", "=", request.actor.userId)
          .execute();
      }
      return { language };
    },
  );
}
