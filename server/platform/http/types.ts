import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { EngineKind } from "../../db/engine.js";

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What every module's routes get: the database and facts about the running platform. */
export interface PlatformDeps {
  db: Kysely<Database>;
  engine: EngineKind;
  version: string;
  /** True when cookies may be sent over plain HTTP (localhost development). */
  secureCookies: boolean;
  /** The current instant; tests inject a clock to step through session timeouts without sleeping. */
  now: () => Date;
}

/** A module plugs its routes into the app through one of these. */
export type RegisterRoutes = (app: App, deps: PlatformDeps) => void | Promise<void>;
