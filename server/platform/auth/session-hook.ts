import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { loadActor } from "../access/load-actor.js";
import { LANGUAGE_COOKIE } from "../http/request-context.js";
import { checkCsrf } from "../http/security.js";
import { isLocale } from "../i18n/locale.js";
import { resolveSession } from "./sessions.js";

/**
 * `__Host-` binds the cookie to this exact origin over HTTPS; browsers refuse
 * it without Secure, so plain-HTTP development uses the bare name.
 */
export const SESSION_COOKIE = (secure: boolean) => (secure ? "__Host-qpi_session" : "qpi_session");

/** Resolves the session cookie to an actor on every request, then checks CSRF. */
export function registerSessionHook(
  app: FastifyInstance,
  db: Kysely<Database>,
  secureCookies: boolean,
  /** Minutes of inactivity after which a user's session ends (their role's security policy). */
  idleMinutesFor: (userId: string) => Promise<number>,
  now: () => Date = () => new Date(),
) {
  app.decorateRequest("actor", null);
  app.decorateRequest("session", null);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const token = request.cookies[SESSION_COOKIE(secureCookies)];
    if (token) {
      const at = now();
      const session = await resolveSession(db, token, idleMinutesFor, at);
      if (session) {
        const cookieLocale = request.cookies[LANGUAGE_COOKIE];
        const actor = await loadActor(
          db,
          session.userId,
          {
            ip: request.ip,
            requestId: request.id,
            locale: isLocale(cookieLocale) ? cookieLocale : undefined,
          },
          at,
        );
        if (actor) {
          request.session = session;
          request.actor = actor;
        }
      }
    }
    checkCsrf(request);
  });
}
