import helmet from "@fastify/helmet";
import rateLimit, { normalizeIP } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { AppError } from "../errors/app-error.js";
import { SharedWindowCounter, sharedRateLimitStore } from "./rate-limit-store.js";

export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "payment=()",
  "usb=()",
].join(", ");

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Cross-site request forgery: a state-changing request must come from our own
 * page. Browsers send Sec-Fetch-Site and Origin; a signed-in request must also
 * echo the session's CSRF token in `x-csrf-token` (the page reads it from
 * GET /api/auth/session). Requests without a browser's headers and without a
 * session (scripts, the CLI's HTTP checks) pass the first two tests.
 */
export function checkCsrf(request: FastifyRequest): void {
  if (!STATE_CHANGING.has(request.method)) return;
  const fetchSite = request.headers["sec-fetch-site"];
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") throw new AppError("csrf");
  const origin = request.headers.origin;
  if (origin) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new AppError("csrf");
    }
    if (originHost !== request.headers.host) throw new AppError("csrf");
  }
  if (request.session) {
    const sent = request.headers["x-csrf-token"];
    if (typeof sent !== "string" || sent !== request.session.csrfToken) throw new AppError("csrf");
  }
}

/** Requests a minute: per signed-in account, and per client address for requests without a session. */
export interface RequestLimits {
  userPerMinute: number;
  anonymousPerMinute: number;
}

/**
 * A county office of 200 staff behind one NAT address shares one address: signed-in requests are counted per
 * account, so colleagues never use up each other's allowance; only requests without a session (sign-in,
 * invitations, password reset, the session probe of a signed-out page) are counted per address.
 */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = { userPerMinute: 300, anonymousPerMinute: 600 };

/**
 * The bucket a request is counted in; the session hook has run, so a signed-in request has its actor. A route
 * with a limit of its own is a public one (sign-in, invitations, password reset): counted per address in its own
 * buckets, whether or not the browser also holds a session.
 */
export function requestLimitKey(request: FastifyRequest): string {
  const publicRoute = request.routeOptions.config?.rateLimit != null;
  return request.actor && !publicRoute ? `user:${request.actor.userId}` : `addr:${normalizeIP(request.ip)}`;
}

export interface SecurityOptions {
  db: Kysely<Database>;
  limits: RequestLimits;
  now?: () => Date;
}

export async function registerSecurity(app: FastifyInstance, options: SecurityOptions) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        // React sets style attributes; stylesheets themselves are our own files.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
      },
    },
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: "no-referrer" },
    crossOriginEmbedderPolicy: false,
  });
  // Counters live in the database so every instance enforces the same limit (see rate-limit-store.ts for the
  // batching and its tolerance). The limit runs as a route hook, after the session hook has found the actor.
  const counter = new SharedWindowCounter(options.db, {
    now: options.now,
    onError: (error) => app.log.error({ err: error }, "request limit counters could not be saved"),
  });
  app.addHook("onClose", async () => counter.close());
  await app.register(rateLimit, {
    global: true,
    store: sharedRateLimitStore(counter),
    keyGenerator: requestLimitKey,
    max: (_request, key) =>
      key.startsWith("user:") ? options.limits.userPerMinute : options.limits.anonymousPerMinute,
    timeWindow: "1 minute",
    allowList: (request) => !request.url.startsWith("/api/"),
  });
  // Powerful browser features the app never uses are off for its pages and anything they embed.
  app.addHook("onRequest", async (_request, reply) => {
    reply.header("permissions-policy", PERMISSIONS_POLICY);
  });
  // Anything under /api may carry personal data: never cached by browsers or proxies.
  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });
}
