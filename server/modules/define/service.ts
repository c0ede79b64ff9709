import type { Kysely } from "kysely";
import type { Database } from "../../db/database.js";
import { notFound } from "../../platform/errors/app-error.js";
import { networkDirectory } from "../network/index.js";
import { defineRepository } from "./repository.js";
import type { PublicSitePage } from "./schema.js";

type Row =
  Awaited<ReturnType<ReturnType<typeof defineRepository>["adoptedStatements"]>> extends Map<unknown, infer R>
    ? R
    : never;

function shown(row: Row | undefined) {
  if (!row?.adopted_on || !row.participants) return null;
  return {
    version: row.version,
    adoptedOn: row.adopted_on,
    participants: row.participants,
    en: row.body_en,
    es: row.body_es,
  };
}

/** What anyone may read about a site without signing in: adopted statements only, no person, no child. */
export function publicSiteService(db: Kysely<Database>, now: () => Date) {
  const repository = defineRepository(db);
  return {
    async page(siteCode: string): Promise<PublicSitePage> {
      const code = siteCode.toUpperCase();
      const site = await networkDirectory(db).siteByCode(code);
      if (!site) throw notFound();
      const today = new Intl.DateTimeFormat("en-CA", { timeZone: site.time_zone }).format(now());
      const statements = await repository.adoptedStatements(site.id, today);
      return {
        siteName: site.name,
        siteCode: code,
        brandStatement: shown(statements.get("brand_statement")),
        caregiverPromises: shown(statements.get("caregiver_promises")),
        inquiryPath: `/join/${encodeURIComponent(code)}`,
      };
    },
  };
}
