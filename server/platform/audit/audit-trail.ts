import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/database.js";

/** Records the audit rows are about: an entity type and the ids of that type. */
export interface AuditSubject {
  entityType: string;
  entityIds: string[];
}

export interface AuditTrailEntry {
  /** Insertion order: the page cursor. */
  id: number;
  /** The row's place in the chain; null until the sealer reaches it (normally within a second). */
  seq: number | null;
  occurredAt: string;
  /** Null for the platform itself (migrations, jobs, the demo seed). */
  actor: { userId: string; name: string } | null;
  /** The roles the actor holds now at `siteId` (the audit row does not record roles). */
  roles: string[];
  action: string;
  outcome: string;
  purpose: string | null;
  fieldClasses: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The audit rows about some records, newest first, a page at a time by
 * insertion id (keyset, so deep pages cost the same as the first), sealed or
 * not yet sealed alike. A row names a record by entity_id, or among the
 * entity_ids of a read of several (GIN index). Rows carry no values of the
 * records, only who, what, when, why and which field classes.
 */
export async function auditTrail(
  db: Kysely<Database>,
  subjects: AuditSubject[],
  page: { siteId: string; before?: number; limit: number; excludeActions?: string[] },
): Promise<{ entries: AuditTrailEntry[]; nextBefore: number | null }> {
  const wanted = subjects.filter((s) => s.entityIds.length > 0);
  if (wanted.length === 0) return { entries: [], nextBefore: null };
  let query = db
    .selectFrom("audit_event")
    .select(["id", "seq", "occurred_at", "actor_user_id", "action", "outcome", "purpose", "field_classes"])
    .where((eb) =>
      eb.or(
        wanted.flatMap((s) => {
          const uuids = s.entityIds.filter((id) => UUID.test(id));
          const type = eb("entity_type", "=", s.entityType);
          return [
            eb.and([type, eb("entity_id", "in", s.entityIds)]),
            ...(uuids.length
              ? [eb.and([type, sql<boolean>`entity_ids && ${sql.val(uuids.map((id) => id.toLowerCase()))}::uuid[]`])]
              : []),
          ];
        }),
      ),
    );
  if (page.before !== undefined) query = query.where("id", "<", page.before);
  if (page.excludeActions?.length) query = query.where("action", "not in", page.excludeActions);
  const rows = await query
    .orderBy("id", "desc")
    .limit(page.limit + 1)
    .execute();
  const shown = rows.slice(0, page.limit);
  const userIds = [...new Set(shown.map((r) => r.actor_user_id).filter((id): id is string => id !== null))];
  const [people, grants] = userIds.length
    ? await Promise.all([
        db
          .selectFrom("user_account as u")
          .innerJoin("person as p", "p.id", "u.person_id")
          .select(["u.id", "p.given_name", "p.family_name"])
          .where("u.id", "in", userIds)
          .execute(),
        db
          .selectFrom("role_grant")
          .select(["user_id", "role_code"])
          .where("user_id", "in", userIds)
          .where("site_id", "=", page.siteId)
          .execute(),
      ])
    : [[], []];
  const entries = shown.map((r): AuditTrailEntry => {
    const person = people.find((p) => p.id === r.actor_user_id);
    return {
      id: Number(r.id),
      seq: r.seq === null ? null : Number(r.seq),
      occurredAt: new Date(r.occurred_at).toISOString(),
      actor: r.actor_user_id
        ? { userId: r.actor_user_id, name: person ? `${person.given_name} ${person.family_name}` : "?" }
        : null,
      roles: [...new Set(grants.filter((g) => g.user_id === r.actor_user_id).map((g) => g.role_code))].sort(),
      action: r.action,
      outcome: r.outcome,
      purpose: r.purpose,
      fieldClasses: r.field_classes,
    };
  });
  return { entries, nextBefore: rows.length > page.limit ? Number(shown[shown.length - 1].id) : null };
}
