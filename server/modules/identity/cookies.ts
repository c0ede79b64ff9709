import type { FastifyReply, FastifyRequest } from "fastify";
import { SESSION_COOKIE } from "../../platform/auth/session-hook.js";
import type { NewSession } from "../../platform/auth/sessions.js";
import type { PlatformDeps } from "../../platform/http/types.js";
import { CHALLENGE_LIFETIME_MS } from "./mfa.js";

/** The second-factor challenge cookie: `__Host-` like the session one, and only as long as the challenge lives. */
export const CHALLENGE_COOKIE = (secure: boolean) => (secure ? "__Host-qpi_mfa" : "qpi_mfa");

const options = (deps: PlatformDeps) => ({
  path: "/",
  httpOnly: true,
  secure: deps.secureCookies,
  sameSite: "lax" as const,
});

export function setChallengeCookie(reply: FastifyReply, deps: PlatformDeps, token: string) {
  reply.setCookie(CHALLENGE_COOKIE(deps.secureCookies), token, {
    ...options(deps),
    maxAge: CHALLENGE_LIFETIME_MS / 1000,
  });
}

export function challengeTokenOf(request: FastifyRequest, deps: PlatformDeps): string | undefined {
  return request.cookies[CHALLENGE_COOKIE(deps.secureCookies)];
}

export function clearChallengeCookie(reply: FastifyReply, deps: PlatformDeps) {
  reply.clearCookie(CHALLENGE_COOKIE(deps.secureCookies), options(deps));
}

export function setSessionCookie(reply: FastifyReply, deps: PlatformDeps, session: NewSession) {
  reply.setCookie(SESSION_COOKIE(deps.secureCookies), session.token, {
    ...options(deps),
    expires: session.absoluteExpiresAt,
  });
}
