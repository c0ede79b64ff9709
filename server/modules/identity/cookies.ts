import type { FastifyReply, FastifyRequest } from "fastify";
import { SESSION_COOKIE } from "../../platform/auth/session-hook.js";
import type { NewSession } from "../../platform/auth/sessions.js";
import type { PlatformDeps } from "../../platform/http/types.js";
import { DEVICE_LIFETIME_DAYS } from "./device-cookie.js";
import { CHALLENGE_LIFETIME_MS } from "./mfa.js";
import type { SignInClient } from "./sign-in.js";

/** The second-factor challenge cookie: `__Host-` like the session one, and only as long as the challenge lives. */
export const CHALLENGE_COOKIE = (secure: boolean) => (secure ? "__Host-qpi_mfa" : "qpi_mfa");

/** Marks a browser the user signed in from (device-cookie.ts); it lets the throttle tell the owner from a guesser. */
export const DEVICE_COOKIE = (secure: boolean) => (secure ? "__Host-qpi_device" : "qpi_device");

/** Appended to the challenge token when the user asked to stay signed in: the choice survives the second step. */
const REMEMBER_MARK = ".stay";

const options = (deps: PlatformDeps) => ({
  path: "/",
  httpOnly: true,
  secure: deps.secureCookies,
  sameSite: "lax" as const,
});

export function setChallengeCookie(reply: FastifyReply, deps: PlatformDeps, token: string, remember = false) {
  reply.setCookie(CHALLENGE_COOKIE(deps.secureCookies), remember ? `${token}${REMEMBER_MARK}` : token, {
    ...options(deps),
    maxAge: CHALLENGE_LIFETIME_MS / 1000,
  });
}

export function challengeTokenOf(request: FastifyRequest, deps: PlatformDeps): string | undefined {
  const value = request.cookies[CHALLENGE_COOKIE(deps.secureCookies)];
  return value?.endsWith(REMEMBER_MARK) ? value.slice(0, -REMEMBER_MARK.length) : value;
}

export function clearChallengeCookie(reply: FastifyReply, deps: PlatformDeps) {
  reply.clearCookie(CHALLENGE_COOKIE(deps.secureCookies), options(deps));
}

/**
 * Who is signing in, as the sign-in steps need it: address, browser, device
 * cookie, and whether they asked to stay signed in (the sign-in form says so;
 * on the second step the challenge cookie carries it).
 */
export function signInClient(request: FastifyRequest, deps: PlatformDeps, remember?: boolean): SignInClient {
  const userAgent = request.headers["user-agent"];
  return {
    ip: request.ip,
    userAgent: typeof userAgent === "string" ? userAgent : null,
    requestId: request.id,
    deviceCookie: request.cookies[DEVICE_COOKIE(deps.secureCookies)] ?? null,
    remember: remember ?? Boolean(request.cookies[CHALLENGE_COOKIE(deps.secureCookies)]?.endsWith(REMEMBER_MARK)),
  };
}

/**
 * The session cookie: a browser-session cookie (no Expires, gone when the
 * browser closes) unless the user asked to stay signed in on this device;
 * then it keeps until the session's absolute limit. The device cookie rides
 * along.
 */
export function setSessionCookie(reply: FastifyReply, deps: PlatformDeps, session: NewSession) {
  reply.setCookie(SESSION_COOKIE(deps.secureCookies), session.token, {
    ...options(deps),
    ...(session.persistent ? { expires: session.absoluteExpiresAt } : {}),
  });
  if (session.deviceCookie) {
    reply.setCookie(DEVICE_COOKIE(deps.secureCookies), session.deviceCookie, {
      ...options(deps),
      sameSite: "strict",
      maxAge: DEVICE_LIFETIME_DAYS * 86_400,
    });
  }
}
