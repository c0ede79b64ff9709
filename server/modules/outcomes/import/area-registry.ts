import { sql, type Transaction } from "kysely";
import type { Database } from "../../../db/database.js";
import { siteDirectory } from "../../network/index.js";
import { ByteKeyMap } from "./byte-keys.js";
import { type IdSpan, isEmpty, spanText } from "./id-span.js";
import { KeyBlock } from "./writer-lock.js";
import "../tables.js";

export const AREA_CODE = /^[A-Z0-9-]{2,32}$/;
export const STATE_CODE = /^[A-Z]{2}$/;

/** The area of a platform site, made on first use (under the writer lock). */
export async function ensureSiteArea(
  trx: Transaction<Database>,
  siteId: string,
): Promise<{ id: number; code: string }> {
  const existing = await trx
    .selectFrom("outcome_area")
    .select(["id", "code"])
    .where("site_id", "=", siteId)
    .executeTakeFirst();
  if (existing) return existing;
  const [site] = await siteDirectory(trx).byIds([siteId]);
  if (!site) throw new Error(`There is no site ${siteId}.`);
  // An import without --site may already have made an area of this code: the site takes it over.
  const byCode = await trx
    .selectFrom("outcome_area")
    .select(["id", "code"])
    .where("code", "=", site.code)
    .executeTakeFirst();
  if (byCode) {
    await trx
      .updateTable("outcome_area")
      .set({ site_id: siteId, source: "platform", name: site.name })
      .where("id", "=", byCode.id)
      .execute();
    return byCode;
  }
  return trx
    .insertInto("outcome_area")
    .values({
      code: site.code,
      name: site.name,
      state_code: site.state_code,
      site_id: siteId,
      source: "platform",
      refreshed_at: null,
    })
    .returning(["id", "code"])
    .executeTakeFirstOrThrow();
}

/**
 * The areas an import's rows name by site and state code. New codes get ids
 * from a reserved block (the COPY is already running when they appear) and
 * their rows are inserted at the end, in the same transaction.
 */
export class AreaRegistry {
  private readonly byCode = new Map<string, { id: number; stateCode: string }>();
  private readonly created: { id: number; code: string; stateCode: string }[] = [];
  readonly touched = new Set<number>();
  private constructor(private readonly ids: KeyBlock) {}

  static async load(trx: Transaction<Database>): Promise<AreaRegistry> {
    const ids = await KeyBlock.reserve(trx, "outcome_area_id_seq");
    const registry = new AreaRegistry(ids);
    for (const a of await trx.selectFrom("outcome_area").select(["id", "code", "state_code"]).execute()) {
      registry.byCode.set(a.code, { id: a.id, stateCode: a.state_code });
    }
    return registry;
  }

  /** The area id for a row's site and state, or the reason it has none. */
  resolve(code: string, stateCode: string): number | { column: "site" | "state"; reason: string } {
    const known = this.byCode.get(code);
    if (known) {
      if (stateCode !== "" && stateCode !== known.stateCode)
        return {
          column: "state",
          reason: `state ${stateCode} differs from ${known.stateCode}, the state of site ${code}`,
        };
      this.touched.add(known.id);
      return known.id;
    }
    if (!AREA_CODE.test(code))
      return { column: "site", reason: `site "${code}" is not a site code (2–32 of A–Z, 0–9 and -)` };
    if (!STATE_CODE.test(stateCode))
      return {
        column: "state",
        reason:
          stateCode === "" ? "state is required for a new site" : `state "${stateCode}" is not a two-letter state code`,
      };
    const id = this.ids.take();
    this.byCode.set(code, { id, stateCode });
    this.created.push({ id, code, stateCode });
    this.touched.add(id);
    return id;
  }

  codeOf(id: number): string | undefined {
    for (const [code, a] of this.byCode) if (a.id === id) return code;
    return undefined;
  }

  /** Inserts the areas this import made and marks every touched area refreshed. */
  async finish(trx: Transaction<Database>): Promise<void> {
    if (this.created.length) {
      await trx
        .insertInto("outcome_area")
        .values(
          this.created.map((a) => ({
            id: a.id,
            code: a.code,
            name: a.code,
            state_code: a.stateCode,
            site_id: null,
            source: "import" as const,
            refreshed_at: null,
          })),
        )
        .execute();
    }
    await this.ids.finish(trx);
    if (this.touched.size) {
      await trx
        .updateTable("outcome_area")
        .set({ refreshed_at: sql`now()` })
        .where("id", "in", [...this.touched])
        .execute();
      await recountChildren(trx, [...this.touched]);
    }
  }
}

/** Stores how many children each of these areas has now (listAreas reads it). */
export async function recountChildren(trx: Transaction<Database>, areaIds: number[]): Promise<void> {
  if (areaIds.length === 0) return;
  await sql`UPDATE outcome_area a SET children = coalesce(c.n, 0)
            FROM outcome_area x LEFT JOIN (SELECT area_id, count(*)::int AS n FROM \
outcome_child WHERE area_id IN (${sql.join(areaIds)}) GROUP BY area_id) c ON c.area_id = x.id
            WHERE a.id = x.id AND x.id IN (${sql.join(areaIds)})`.execute(trx);
}

type NoArea = { column: "site" | "state"; reason: string };

/** The area of each row of an import: the --site area, or the row's site and state (cached by their bytes). */
export class RowAreas {
  // Area ids by the bytes "site,state" of a row: most rows name an area seen before.
  private readonly bySiteState = new ByteKeyMap();
  private readonly siteState = new Uint8Array(160);

  constructor(
    private readonly areas: AreaRegistry,
    private readonly fixedArea: number | null,
  ) {}

  /** The area id, or the column and reason to reject the row with. */
  of(site: IdSpan, state: IdSpan): number | NoArea {
    if (this.fixedArea !== null) {
      if (!isEmpty(site) && spanText(site) !== this.areas.codeOf(this.fixedArea))
        return {
          column: "site",
          reason: `site ${spanText(site)} differs from --site ${this.areas.codeOf(this.fixedArea)}`,
        };
      return this.fixedArea;
    }
    if (isEmpty(site)) return { column: "site", reason: "site is required (or import with --site)" };
    const k = this.siteState;
    const siteLength = site.e - site.s;
    const length = siteLength + 1 + state.e - state.s;
    if (length <= k.length) {
      for (let i = 0; i < siteLength; i++) k[i] = site.b[site.s + i];
      k[siteLength] = 0x2c;
      for (let i = siteLength + 1, j = state.s; j < state.e; i++, j++) k[i] = state.b[j];
      const known = this.bySiteState.get(k, 0, length);
      if (known >= 0) return known;
    }
    const area = this.areas.resolve(spanText(site), spanText(state));
    if (typeof area === "number" && length <= k.length) this.bySiteState.set(k, 0, length, area);
    return area;
  }
}
