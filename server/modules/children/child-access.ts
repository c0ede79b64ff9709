import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/database.js";
import { inAccessTransaction } from "../../platform/access/access-transaction.js";
import type { Actor } from "../../platform/access/actor.js";
import { childReach, purposeOfRead } from "../../platform/access/child-reach.js";
import type { Permission } from "../../platform/access/permissions.js";
import { type AuditEntry, recordAudit } from "../../platform/audit/audit-log.js";
import { AppError } from "../../platform/errors/app-error.js";
import { zonedDay } from "../../platform/rules/zoned-time.js";
import { mapDatabaseError } from "./database-errors.js";
import { type ChildDisclosure, childDisclosure } from "./disclosure.js";
import { type ChildFacts, type ChildTarget, childrenRepository } from "./repository.js";

export type { ChildFacts, ChildTarget } from "./repository.js";

/** An audit row about the child: site, subject (the child), field classes and purpose are filled in unless given. */
export type ChildAuditEntry = Omit<AuditEntry, "outcome" | "siteId" | "entityType"> &
  Partial<Pick<AuditEntry, "outcome" | "entityType">>;

/** What a service's work gets from the gate. */
export interface ChildContext {
  trx: Transaction<Database>;
  /** The child, found through the actor's scope for the permission (locked when asked). */
  child: ChildFacts;
  /** The instant of this request, from the injectable clock. */
  now: Date;
  /** The calendar day at the child's site, in the site's time zone: every "today" of the module. */
  today: string;
  /** What of the record this actor may read (field classes, the caregiver's home); computed once. */
  disclosure(): Promise<ChildDisclosure>;
  /** Appends the audit row in this transaction, filled with the child's site, purpose and field classes. */
  audit(entry: ChildAuditEntry): Promise<void>;
}

export interface ChildGateOptions {
  /** Lock the child's row (FOR UPDATE) for a write that checks, then changes, the child's records. */
  lock?: boolean;
  /** The field classes the audit row names unless the entry names its own. */
  fieldClasses?: string[];
}

export type WithChild = <T>(
  actor: Actor,
  permission: Permission,
  target: ChildTarget,
  options: ChildGateOptions,
  work: (context: ChildContext) => Promise<T>,
) => Promise<T>;

/**
 * The one way into a child's records. It checks the permission (403 without it
 * anywhere), opens the transaction, finds the child through the actor's scope
 * (404 when out of reach, the same as when it does not exist), locks it when
 * asked, maps constraint violations to 400/409, and hands the work the site's
 * day and an audit helper. A read the actor could make only through a share is
 * audited with the share's reason (purposeOfRead).
 */
export function childGate(db: Kysely<Database>, clock: () => Date): WithChild {
  return (actor, permission, target, options, work) => {
    const now = clock();
    return inAccessTransaction(db, actor, permission, { mapError: (error) => mapDatabaseError(error) }, async (trx) => {
      const child = await childrenRepository(trx).childFacts(actor, permission, target, options.lock ?? false);
      if (!child) throw new AppError("not_found");
      const today = zonedDay(now, child.time_zone);
      let disclosed: Promise<ChildDisclosure> | undefined;
      const disclosure = () => {
        disclosed ??= childDisclosure(trx, actor, child.id, today).then((d) => {
          if (!d) throw new AppError("not_found");
          return d;
        });
        return disclosed;
      };
      // Only an actor holding something through a share can have read through one alone.
      const purpose = async () =>
        actor.permissions.some((p) => p.scope === "shared")
          ? purposeOfRead(disclosed ? (await disclosed).reach : await childReach(trx, actor, child.id))
          : null;
      const audit = async (entry: ChildAuditEntry) => {
        await recordAudit(trx, actor, {
          entityType: "child",
          entityId: child.id,
          fieldClasses: options.fieldClasses,
          ...entry,
          purpose: entry.purpose !== undefined ? entry.purpose : await purpose(),
          siteId: child.site_id,
          outcome: entry.outcome ?? "success",
        });
      };
      return work({ trx, child, now, today, disclosure, audit });
    });
  };
}

/**
 * The gate's sibling for lists of children (a caseload, a worklist, a
 * report): the permission is checked and the work runs in one transaction
 * with constraint violations mapped; the repository's query scopes every row.
 */
export function inChildrenTransaction<T>(
  db: Kysely<Database>,
  actor: Actor,
  permission: Permission,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return inAccessTransaction(db, actor, permission, { mapError: (error) => mapDatabaseError(error) }, work);
}
