import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { actorFromFacts } from "../access/load-actor.js";
import { LANGUAGE_COOKIE } from "../http/request-context.js";
import { checkCsrf } from "../http/security.js";
import { isLocale } from "../i18n/locale.js";
import { ActorCache } from "./actor-cache.js";
import { hashToken, isLive, isTouchDue, readSession, touchSession } from "./sessions.js";

/**
 * `__Host-` binds the cookie to this exact origin over HTTPS; browsers refuse
 * it without Secure, so plain-HTTP development uses the bare name.
 */
export const SESSION_COOKIE = (secure: boolean) => (secure ? "__Host-qpi_session" : "qpi_session");

/** How long an instance keeps a session's actor between requests, unless told (QPI_ACTOR_CACHE_SECONDS). */
export const DEFAULT_ACTOR_CACHE_SECONDS = 10;

export interface SessionHookOptions {
  secureCookies: boolean;
  /** Minutes of inactivity after which a user's session ends (their role's security policy). */
  idleMinutesFor: (userId: string) => Promise<number>;
  now?: () => Date;
  /** Seconds a built actor is kept per session; 0 loads it on every request. */
  actorCacheSeconds?: number;
}

/**
 * Resolves the session cookie to an actor on every request, then checks CSRF. A request of a session whose actor
 * this instance holds costs one statement (the session with its access versions); the actor's facts come in the
 * same statement when they changed or are not held; the idle deadline is slid at most once a minute (one more).
 */
export function registerSessionHook(app: FastifyInstance, db: Kysely<Database>, options: SessionHookOptions) {
  const now = options.now ?? (() => new Date());
  const cache = new ActorCache((options.actorCacheSeconds ?? DEFAULT_ACTOR_CACHE_SECONDS) * 1000);
  app.decorateRequest("actor", null);
  app.decorateRequest("session", null);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const token = request.cookies[SESSION_COOKIE(options.secureCookies)];
    if (token) {
      const at = now();
      const idHash = hashToken(token);
      const held = cache.current(idHash);
      const session = await readSession(db, idHash, held ?? null);
      const access = !session
        ? undefined
        : session.facts
          ? cache.remember(idHash, {
              userId: session.userId,
              accessVersion: session.accessVersion,
              accessEpoch: session.accessEpoch,
              facts: session.facts,
            })
          : held;
      if (!session || !access || !isLive(session, at)) {
        cache.forget(idHash);
      } else {
        if (isTouchDue(session, at)) {
          access.idleMinutes ??= await options.idleMinutesFor(session.userId);
          await touchSession(db, idHash, session, access.idleMinutes, at);
        }
        const cookieLocale = request.cookies[LANGUAGE_COOKIE];
        request.session = { idHash, userId: session.userId, csrfToken: session.csrfToken };
        request.actor = actorFromFacts(
          access.facts,
          { ip: request.ip, requestId: request.id, locale: isLocale(cookieLocale) ? cookieLocale : undefined },
          at,
        );
      }
    }
    checkCsrf(request);
  });
}
