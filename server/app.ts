import fs from "node:fs";
import path from "node:path";
import cookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { TrustProxy } from "./config.js";
import type { Database } from "./db/database.js";
import type { EngineKind } from "./db/engine.js";
import { queryCountRequested } from "./db/request-scope.js";
import { idleMinutesFor } from "./modules/identity/index.js";
import { modules } from "./modules/index.js";
import { auditDenial } from "./platform/audit/denials.js";
import { registerSessionHook } from "./platform/auth/session-hook.js";
import { registerErrorHandling } from "./platform/http/error-handler.js";
import { isStaticFilePath, registerInputNormalisation } from "./platform/http/input.js";
import { registerQueryCountHeader, scopedServerFactory } from "./platform/http/request-scope.js";
import { DEFAULT_REQUEST_LIMITS, type RequestLimits, registerSecurity } from "./platform/http/security.js";
import { registerSessionGate } from "./platform/http/session-gate.js";
import type { App, PlatformDeps } from "./platform/http/types.js";
import { registerCatalogues, registerModules } from "./platform/registry/module-descriptor.js";
import { projectRoot, version } from "./version.js";

export interface BuildAppOptions {
  db: Kysely<Database>;
  engine: EngineKind;
  /** Folder of the built web app; served when it exists. */
  webDist?: string;
  logger?: FastifyServerOptions["logger"];
  secureCookies?: boolean;
  /** Requests a minute per account and per anonymous client address (DEFAULT_REQUEST_LIMITS when not given). */
  limits?: Partial<RequestLimits>;
  /** Both limits at once (tests that are not about limits lift them). */
  rateLimitPerMinute?: number;
  /** Fastify's trustProxy: true, a hop count, or the proxies' addresses/CIDRs (QPI_TRUST_PROXY). */
  trustProxy?: TrustProxy;
  /** Seconds a session's actor is kept in this instance (QPI_ACTOR_CACHE_SECONDS); 0 loads it every request. */
  actorCacheSeconds?: number;
  /** The clock (tests step it through session timeouts); defaults to the system clock. */
  now?: () => Date;
  /** Count each request's queries in a Server-Timing header (measuring); defaults to QPI_QUERY_COUNT=1. */
  countQueries?: boolean;
  /** Told of every route as it is registered (the authorization meta-test lists them). */
  onRoute?: (route: { method: string | string[]; url: string; schema?: RouteSchemas }) => void;
}

/** The zod schemas a route validates its input with (the field-label test walks them). */
export interface RouteSchemas {
  body?: unknown;
  querystring?: unknown;
  params?: unknown;
  hide?: boolean;
}

export async function buildApp(options: BuildAppOptions): Promise<App> {
  const countQueries = options.countQueries ?? queryCountRequested();
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    bodyLimit: 5 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    // Each request in a scope of its own when the embedded engine orders its connection by request, or counting.
    ...(countQueries || options.engine === "pglite" ? { serverFactory: scopedServerFactory } : {}),
  }).withTypeProvider<ZodTypeProvider>();
  if (countQueries) registerQueryCountHeader(app);
  if (options.onRoute)
    app.addHook("onRoute", (route) => options.onRoute!(route as Parameters<typeof options.onRoute>[0]));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const deps: PlatformDeps = {
    db: options.db,
    engine: options.engine,
    version,
    secureCookies: options.secureCookies ?? true,
    now: options.now ?? (() => new Date()),
  };

  // Every module's messages are in the catalogues before anything can answer with one.
  registerCatalogues(modules);
  // Every refusal of a signed-in request is audited, whichever service refused it.
  registerErrorHandling(app, { onDenied: (request) => auditDenial(options.db, request) });
  await app.register(cookie);
  const both = options.rateLimitPerMinute;
  await registerSecurity(app, {
    db: options.db,
    now: deps.now,
    limits: {
      userPerMinute: options.limits?.userPerMinute ?? both ?? DEFAULT_REQUEST_LIMITS.userPerMinute,
      anonymousPerMinute: options.limits?.anonymousPerMinute ?? both ?? DEFAULT_REQUEST_LIMITS.anonymousPerMinute,
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "QPI Platform API", version, description: "Run the Quality Parenting Initiative every day." },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "__Host-qpi_session" } } },
    },
    transform: jsonSchemaTransform,
  });
  registerSessionHook(app, options.db, {
    secureCookies: deps.secureCookies,
    idleMinutesFor: (userId) => idleMinutesFor(options.db, userId),
    now: deps.now,
    actorCacheSeconds: options.actorCacheSeconds,
  });
  registerSessionGate(app);
  registerInputNormalisation(app);

  app.get(
    "/healthz",
    {
      schema: {
        tags: ["platform"],
        summary: "Liveness and database reachability",
        response: {
          200: z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]), version: z.string() }),
        },
      },
    },
    async () => {
      await options.db.selectNoFrom((eb) => eb.val(1).as("one")).execute();
      return { status: "ok" as const, database: options.engine, version };
    },
  );
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await registerModules(app, deps, modules);

  const webDist = options.webDist ?? path.join(projectRoot, "dist", "web");
  if (fs.existsSync(path.join(webDist, "index.html"))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ["index.html"] });
    // The web app routes on the client: any other GET that is not the API gets the page.
    app.get("/*", { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith("/api/") || isStaticFilePath(request.url)) return reply.callNotFound();
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    });
  }
  return app;
}

/** A hop count as Fastify applies it (its types name only the other forms): trust the `hops` nearest hops. */
function fastifyTrustProxy(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === "number" ? (_address, hop) => hop < trust : trust;
}
