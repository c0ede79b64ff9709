import type { FastifyRequest } from "fastify";
import type { Actor } from "../access/actor.js";
import type { LiveSession } from "../auth/sessions.js";
import { AppError } from "../errors/app-error.js";
import { isLocale, type Locale, localeFromAcceptLanguage } from "../i18n/locale.js";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    session: LiveSession | null;
  }
}

export const LANGUAGE_COOKIE = "qpi_lang";

/** The user's language: the signed-in actor's, else the language cookie, else Accept-Language. */
export function requestLocale(request: FastifyRequest): Locale {
  if (request.actor) return request.actor.locale;
  const cookie = request.cookies?.[LANGUAGE_COOKIE];
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(request.headers["accept-language"]);
}

/** The signed-in actor, or a 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("unauthenticated");
  return request.actor;
}
