import { type RawBuilder, sql } from "kysely";
import type { CopySession } from "../../../db/bulk-copy.js";
import { TupleStream } from "./tuple-stream.js";

/** A child an earlier batch had, named again: its new demographics. */
export interface ResubmittedChild {
  key: number;
  birth: number;
  group: number;
  sex: number;
  race: number;
}

export interface ResubmittedHome {
  key: number;
  kind: number;
  inquiry: number;
  approved: number;
  closed: number;
  reason: number;
}

/** What a file does to the stored rows (docs/outcomes-csv-bundle.md, "Sending a bundle again"). */
export interface FileChanges {
  added: number;
  replaced: number;
  removed: number;
}

/**
 * The tables of a child's history and the columns that match a new row to a
 * stored one: a new row with the same child and the same values there
 * replaces it; a stored row no new row matches is removed.
 */
export const historyTables = {
  outcome_episode: { match: ["removal_day"], rows: "episodes" },
  outcome_placement: { match: ["removal_day", "start_day"], rows: "placements" },
  outcome_maltreatment_report: { match: ["report_day"], rows: "maltreatment reports" },
} as const;
export type HistoryTable = keyof typeof historyTables;
export const isHistoryTable = (table: string): table is HistoryTable => table in historyTables;

export interface TableSettlement {
  replaced: number;
  removed: number;
  /** New rows of kept children, taken out again. */
  discarded: number;
  /** Stored rows set aside, and those put back (the kept children's). */
  setAside: number;
  restored: number;
}

/**
 * Latest submission wins (CB DD general note), child by child: a child named
 * again gets its new values and its new rows in place of its stored ones —
 * unless one of its rows was rejected, when it keeps its stored history
 * untouched. Whether a row is rejected is known only at the end (the rows
 * stream into the tables while they are read), so the stored rows of the
 * children named are set aside first, in temporary tables, and at the end
 * either dropped or put back. Everything goes through temporary tables filled
 * by COPY, so a national resubmission is a few statements, not millions.
 */
export class Resubmission {
  private readonly setAside: Partial<Record<HistoryTable, number>> = {};

  private constructor(
    private readonly session: CopySession,
    private readonly batchId: number,
  ) {}

  /** After the children file: the children named again, and their stored rows set aside. */
  static async begin(session: CopySession, children: ResubmittedChild[], batchId: number): Promise<Resubmission> {
    const trx = session.db;
    const resubmission = new Resubmission(session, batchId);
    await sql`CREATE TEMP TABLE outcome_named_child (child_key int4 PRIMARY KEY, birth_day date, sibling_group int4,
              sex int2, race int2, kept boolean NOT NULL DEFAULT false) ON COMMIT DROP`.execute(trx);
    const t = new TupleStream();
    const copying = session.copyIn("outcome_named_child (child_key, birth_day, sibling_group, sex, race)", t);
    for (const n of children) {
      t.row(5);
      t.int4(n.key);
      t.date(n.birth);
      t.key(n.group);
      t.int2(n.sex);
      t.int2(n.race);
    }
    t.close();
    await copying;
    await sql`ANALYZE outcome_named_child`.execute(trx);
    for (const table of Object.keys(historyTables) as HistoryTable[]) {
      const aside = sql.table(`outcome_stored_${table}`);
      await sql`CREATE TEMP TABLE ${aside} (LIKE ${sql.table(table)}) ON COMMIT DROP`.execute(trx);
      await sql`WITH moved AS (DELETE FROM ${sql.table(table)} WHERE \
child_key IN (SELECT child_key FROM outcome_named_child) RETURNING *)
                INSERT INTO ${aside} SELECT * FROM moved`.execute(trx);
      resubmission.setAside[table] = await countOf(session, sql`SELECT count(*)::int AS n FROM ${aside}`);
      await sql`ANALYZE ${aside}`.execute(trx);
    }
    return resubmission;
  }

  /**
   * At the end: the kept children (keys) get their stored rows and values back; the others their new values. Returns
   * per table what the new rows replaced and removed of the stored ones, the kept children's rows left aside.
   */
  async settle(keptKeys: number[]): Promise<Record<HistoryTable, TableSettlement>> {
    const trx = this.session.db;
    if (keptKeys.length)
      await sql`UPDATE outcome_named_child SET kept = true WHERE \
child_key = ANY(${`{${keptKeys.join(",")}}`}::int4[])`.execute(trx);
    const out = {} as Record<HistoryTable, TableSettlement>;
    for (const table of Object.keys(historyTables) as HistoryTable[]) {
      const rows = sql.table(table);
      const aside = sql.table(`outcome_stored_${table}`);
      const match = sql.join(historyTables[table].match.map((c) => sql.ref(c)));
      // Rows are matched with their multiplicity: two stored and one new on the same day replace one, remove one.
      const compared = await sql<{
        replaced: number;
        removed: number;
      }>`WITH o AS (SELECT child_key, ${match}, count(*)::int \
AS n FROM ${aside} JOIN outcome_named_child USING (child_key)
                       WHERE NOT kept GROUP BY child_key, ${match}),
                 w AS (SELECT child_key, ${match}, count(*)::int \
AS n FROM ${rows} JOIN outcome_named_child USING (child_key)
                       WHERE NOT kept GROUP BY child_key, ${match})
            SELECT coalesce(sum(least(coalesce(o.n, 0), coalesce(w.n, 0))), 0)::int AS replaced,
                   coalesce(sum(greatest(coalesce(o.n, 0) - coalesce(w.n, 0), 0)), 0)::int AS removed
            FROM o FULL JOIN w USING (child_key, ${match})`.execute(trx);
      const discarded = keptKeys.length
        ? await countOf(
            this.session,
            sql`WITH d AS (DELETE FROM ${rows} WHERE child_key IN \
(SELECT child_key FROM outcome_named_child WHERE kept) RETURNING 1)
                SELECT count(*)::int AS n FROM d`,
          )
        : 0;
      const restored = keptKeys.length
        ? await countOf(
            this.session,
            sql`WITH r AS (INSERT INTO ${rows} SELECT s.* FROM \
${aside} s JOIN outcome_named_child c ON c.child_key = s.child_key
                           WHERE c.kept RETURNING 1)
                SELECT count(*)::int AS n FROM r`,
          )
        : 0;
      out[table] = {
        replaced: Number(compared.rows[0].replaced),
        removed: Number(compared.rows[0].removed),
        discarded,
        setAside: this.setAside[table] ?? 0,
        restored,
      };
    }
    await sql`UPDATE outcome_child c SET birth_day = n.birth_day, \
sibling_group = n.sibling_group, sex = n.sex, race = n.race,
              batch_id = ${this.batchId} FROM outcome_named_child \
n WHERE c.child_key = n.child_key AND NOT n.kept`.execute(trx);
    return out;
  }
}

async function countOf(session: CopySession, query: RawBuilder<{ n: number }>): Promise<number> {
  const result = await query.execute(session.db);
  return Number(result.rows[0].n);
}

/** The rows a table holds in these areas now. */
export async function rowsInAreas(session: CopySession, table: HistoryTable, areaIds: number[]): Promise<number> {
  if (areaIds.length === 0) return 0;
  return countOf(
    session,
    sql`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE area_id IN (${sql.join(areaIds)})`,
  );
}

/** Homes listed again: their new approval spell. */
export async function updateResubmittedHomes(
  session: CopySession,
  homes: ResubmittedHome[],
  batchId: number,
): Promise<void> {
  if (homes.length === 0) return;
  const trx = session.db;
  await sql`CREATE TEMP TABLE outcome_named_home (home_key int4 PRIMARY KEY, inquiry_day date, \
approved_day date, closed_day date, kind int2, closure_reason int2) ON COMMIT DROP`.execute(trx);
  const t = new TupleStream();
  const copying = session.copyIn("outcome_named_home", t);
  for (const h of homes) {
    t.row(6);
    t.int4(h.key);
    t.date(h.inquiry);
    t.date(h.approved);
    t.date(h.closed);
    t.int2(h.kind);
    t.int2(h.reason);
  }
  t.close();
  await copying;
  await sql`UPDATE outcome_home h SET inquiry_day = n.inquiry_day, \
approved_day = n.approved_day, closed_day = n.closed_day, kind = n.kind,
            closure_reason = n.closure_reason, batch_id = ${batchId} \
FROM outcome_named_home n WHERE h.home_key = n.home_key`.execute(trx);
}
