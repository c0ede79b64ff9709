import type { Actor, HeldScope } from "./actor.js";
import { heldPermissions } from "./require-access.js";

/** Sensitive kinds of information; everything else in a record the actor may read is plain. */
export const fieldClasses = ["caregiver_contact", "reporter_identity", "health", "substance_use", "education"] as const;
export type FieldClass = (typeof fieldClasses)[number];

/**
 * Facts about one record that condition field access beyond role and scope.
 * The service that loads the record supplies them from its own tables.
 */
export interface FieldFacts {
  siteId: string;
  /** The actor may read the record through this scope (as established by the repository's scoped query). */
  reachedThrough: ReadonlySet<HeldScope>;
  /** The caregiver recorded consent to share address and phone with the child's birth parents. */
  caregiverConsentsToShareContact?: boolean;
  /** A court order forbids disclosing the caregiver's whereabouts to the birth parents. */
  courtOrderForbidsContact?: boolean;
}

/**
 * The field classes the actor may read in one record. A class is readable
 * when the actor holds `fields:<class>` at the record's site with a scope the
 * record was reached through; a birth parent's caregiver contact also needs
 * the caregiver's consent and no court order against it.
 */
export function readableFieldClasses(actor: Actor, facts: FieldFacts): Set<FieldClass> {
  const readable = new Set<FieldClass>();
  const isBirthParentOnly = actor.grants
    .filter((g) => g.siteId === facts.siteId)
    .every((g) => g.role === "birth_parent");
  for (const fieldClass of fieldClasses) {
    const held = heldPermissions(actor, `fields:${fieldClass}`).filter(
      (p) => p.siteId === facts.siteId && (facts.reachedThrough as ReadonlySet<string>).has(p.scope),
    );
    if (held.length === 0) continue;
    if (fieldClass === "caregiver_contact" && isBirthParentOnly) {
      if (!facts.caregiverConsentsToShareContact || facts.courtOrderForbidsContact) continue;
    }
    readable.add(fieldClass);
  }
  return readable;
}

/**
 * Removes the fields of classes the actor may not read: they are absent from
 * the answer (not blanked), so nothing of them reaches the response body.
 */
export function redact<T extends Record<string, unknown>>(
  record: T,
  classOf: Partial<Record<keyof T, FieldClass>>,
  readable: ReadonlySet<FieldClass>,
): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(record) as (keyof T)[]) {
    const fieldClass = classOf[key];
    if (fieldClass === undefined || readable.has(fieldClass)) out[key] = record[key];
  }
  return out;
}
