import type { FastifyInstance } from "fastify";
import { AppError } from "../errors/app-error.js";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The /api write routes anyone may call without a session, each with the
 * reason. Every other /api write route answers 401 to a caller without a
 * session before its body is read or validated, so an anonymous caller learns
 * nothing of a route's fields. A new public write route must be added here.
 */
export const PUBLIC_WRITE_ROUTES: Readonly<Record<string, string>> = {
  "POST /api/auth/sign-in": "the password step of signing in",
  "POST /api/auth/sign-out": "ends a session if there is one; harmless without",
  "POST /api/auth/mfa/verify": "the second sign-in step, under the short-lived challenge cookie",
  "POST /api/auth/mfa/enroll": "enrolment right after the password step, under the challenge cookie",
  "POST /api/auth/mfa/enroll/confirm": "confirms that enrolment, under the challenge cookie",
  "POST /api/auth/invitations/preview": "the link of an invitation email, before the account exists",
  "POST /api/auth/invitations/accept": "accepting an invitation sets the first password",
  "POST /api/auth/password-reset": "asking for a reset link (the same answer whether or not the account exists)",
  "POST /api/auth/password-reset/complete": "the link of a reset email sets a new password",
  "POST /api/public/sites/:siteCode/inquiries":
    "a site's public inquiry form (honeypot, signed time token, per-address limit; stores only the inquiry)",
};

/** Registered after the session hook: by then `request.actor` is known. */
export function registerSessionGate(app: FastifyInstance) {
  app.addHook("onRequest", async (request) => {
    if (!WRITES.has(request.method) || request.actor) return;
    const route = request.routeOptions?.url;
    if (!route?.startsWith("/api/")) return;
    if (`${request.method} ${route}` in PUBLIC_WRITE_ROUTES) return;
    throw new AppError("unauthenticated");
  });
}
