import type { Permission } from "../access/permissions.js";
import type { App, PlatformDeps, RegisterRoutes } from "../http/types.js";
import { type Locale, registerMessages } from "../i18n/locale.js";
import type { JobDefinition } from "../jobs/scheduler.js";

/** What a module's scheduled jobs may need from the running platform. */
export interface JobDeps {
  /** The address users reach the platform at, for links in emails (default: QPI_PUBLIC_URL, else where it listens). */
  publicUrl?: string;
}

/** A module's server messages, one catalogue per language (the same keys in each). */
export type MessageCatalogues = Record<Locale, Record<string, string>>;

/**
 * Everything the platform needs to know about a module, exported once from
 * `server/modules/<module>/index.ts`. The app registers the catalogues and the
 * routes from it, the server's scheduler takes the jobs from it: a module is
 * on when its descriptor is listed in `server/modules/index.ts`.
 */
export interface ModuleDescriptor {
  name: string;
  routes: readonly RegisterRoutes[];
  /** The module's scheduled jobs by name (each has its row in `scheduled_job`, seeded by a migration). */
  jobs?: (deps: JobDeps) => Record<string, JobDefinition>;
  messages: MessageCatalogues;
  /** The permission codes this module defines (its migrations seed them). */
  permissions: readonly Permission[];
}

/** Registers every module's message catalogues; safe to call more than once. */
export function registerCatalogues(modules: readonly ModuleDescriptor[]): void {
  for (const module of modules) {
    for (const [locale, messages] of Object.entries(module.messages) as [Locale, Record<string, string>][]) {
      registerMessages(locale, messages);
    }
  }
}

/** Registers the catalogues, then every module's routes, in the order listed. */
export async function registerModules(app: App, deps: PlatformDeps, modules: readonly ModuleDescriptor[]) {
  registerCatalogues(modules);
  for (const module of modules) for (const register of module.routes) await register(app, deps);
}

/**
 * Every module's scheduled jobs, in one record for the scheduler. Their
 * catalogues are registered first (a reminder's email is in the user's
 * language), and two modules naming the same job is an error.
 */
export function scheduledJobs(modules: readonly ModuleDescriptor[], deps: JobDeps): Record<string, JobDefinition> {
  registerCatalogues(modules);
  const jobs: Record<string, JobDefinition> = {};
  for (const module of modules) {
    for (const [name, job] of Object.entries(module.jobs?.(deps) ?? {})) {
      if (name in jobs) throw new Error(`Two modules define the scheduled job ${name}`);
      jobs[name] = job;
    }
  }
  return jobs;
}
