import type { Kysely } from "kysely";
import type { Database } from "../../../server/db/database.js";
import { everyone, ok } from "../expect.js";
import type { RoutePolicy } from "../policy-types.js";

const codes = new Map<string, string>(); // siteId → site code

export async function prepare(db: Kysely<Database>) {
  for (const site of await db.selectFrom("site").select(["id", "code"]).execute()) codes.set(site.id, site.code);
}

const PAGE = ["siteName", "siteCode", "brandStatement", "caregiverPromises", "inquiryPath"];

export const policies: RoutePolicy[] = [
  {
    route: "GET /api/public/sites/:siteCode/page",
    target: "none",
    build: (t) => ({ url: `/api/public/sites/${codes.get(t.siteId) ?? "CA-FRESNO"}/page` }),
    anonymous: 200,
    expect: everyone(ok(PAGE)),
    otherwise: ok(PAGE),
  },
];
