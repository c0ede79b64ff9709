import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import type { Actor } from "../../platform/access/actor.js";
import type { Permission } from "../../platform/access/permissions.js";
import { heldPermissions, requireAccess } from "../../platform/access/require-access.js";
import { networkRepository } from "./repository.js";
import type { SiteDetail, SiteSummary } from "./schema.js";

function toSummary(row: Awaited<ReturnType<ReturnType<typeof networkRepository>["sitesIn"]>>[number]): SiteSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    stateCode: row.state_code,
    stateName: row.state_name,
    kind: row.kind,
    timeZone: row.time_zone,
    qpiLaunchDate: row.qpi_launch_date,
  };
}

export function networkService(db: Kysely<Database>) {
  const repository = networkRepository(db);
  return {
    async listSites(actor: Actor): Promise<SiteSummary[]> {
      const held = requireAccess(actor, "network:read");
      const rows = await repository.sitesIn([...new Set(held.map((p) => p.siteId))]);
      return rows.map(toSummary);
    },

    async getSite(actor: Actor, siteId: string): Promise<SiteDetail> {
      requireAccess(actor, "network:read", { siteId });
      const [row] = await repository.sitesIn([siteId]);
      const [units, staff] = await Promise.all([repository.unitsOf(siteId), repository.staffByRole(siteId)]);
      return {
        ...toSummary(row),
        units: units.map((u) => ({
          id: u.id,
          name: u.name,
          kind: u.kind,
          parentUnitId: u.parent_unit_id,
          staffCount: Number(u.staff_count),
        })),
        staffByRole: staff.map((s) => ({ role: s.role_code, count: Number(s.count) })),
      };
    },

    /** Site ids where the actor holds `permission` — for other modules' scoping. */
    siteIdsWith(actor: Actor, permission: Permission): string[] {
      return [...new Set(heldPermissions(actor, permission).map((p) => p.siteId))];
    },
  };
}

/**
 * Facts about sites for other modules (a site's state, time zone, QPI
 * launch): no access check, because the caller names sites it has already
 * scoped to its actor. Other modules never read the `site` table themselves.
 */
export function siteDirectory(db: Kysely<Database>) {
  const repository = networkRepository(db);
  return {
    byIds: (siteIds: string[]) => repository.siteFacts(siteIds),
    /** Every site of the network, for jobs that visit each (the outcomes projection). */
    allIds: () => repository.allSiteIds(),
    /** A site's id by its code (an operator's `--site`), or undefined. */
    idByCode: (code: string) => repository.siteIdByCode(code),
  };
}

export interface PersonSummary {
  id: string;
  siteId: string;
  givenName: string;
  familyName: string;
  email: string | null;
}

/**
 * People, sites and units by id, for other modules: the network module owns
 * these tables, and others reach them only through here. No access check —
 * the calling service has made its own (identity's invitation checks, for
 * example) and passes its transaction as `db`.
 */
export function networkDirectory(db: Kysely<Database>) {
  const repository = networkRepository(db);
  return {
    async person(personId: string): Promise<PersonSummary | undefined> {
      const row = await repository.personById(personId);
      return row
        ? {
            id: row.id,
            siteId: row.site_id,
            givenName: row.given_name,
            familyName: row.family_name,
            email: row.email,
          }
        : undefined;
    },

    /** A new person of a site, as an invitation or the command line records them. */
    addPerson(input: { siteId: string; givenName: string; familyName: string; email: string; language: string }) {
      return repository.insertPerson({
        site_id: input.siteId,
        given_name: input.givenName,
        family_name: input.familyName,
        email: input.email,
        preferred_language: input.language,
      });
    },

    /** Given and family names by person id. */
    async names(personIds: string[]): Promise<Map<string, { givenName: string; familyName: string }>> {
      const rows = await repository.personNames(personIds);
      return new Map(rows.map((r) => [r.id, { givenName: r.given_name, familyName: r.family_name }]));
    },

    siteById: (siteId: string) => repository.siteById(siteId),
    siteByCode: (code: string) => repository.siteByCode(code),
    unitByName: (siteId: string, name: string) => repository.unitByName(siteId, name),
  };
}
