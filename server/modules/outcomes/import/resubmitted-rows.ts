import { sql } from "kysely";
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

/**
 * Latest submission wins (CB DD general note): children named again get their
 * new values and lose their earlier episodes, placements and reports — before
 * the new ones are copied in. Through a temporary table filled by COPY, so a
 * national resubmission is three statements, not millions.
 */
export async function replaceResubmittedChildren(
  session: CopySession,
  children: ResubmittedChild[],
  batchId: number,
): Promise<void> {
  if (children.length === 0) return;
  const trx = session.db;
  await sql`CREATE TEMP TABLE outcome_named_child (child_key int4 PRIMARY KEY, birth_day date, sibling_group int4, sex int2, race int2) ON COMMIT DROP`.execute(
    trx,
  );
  const t = new TupleStream();
  const copying = session.copyIn("outcome_named_child", t);
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
  await sql`UPDATE outcome_child c SET birth_day = n.birth_day, sibling_group = n.sibling_group, sex = n.sex, race = n.race, batch_id = ${batchId}
            FROM outcome_named_child n WHERE c.child_key = n.child_key`.execute(trx);
  for (const table of ["outcome_episode", "outcome_placement", "outcome_maltreatment_report"]) {
    await sql`DELETE FROM ${sql.table(table)} WHERE child_key IN (SELECT child_key FROM outcome_named_child)`.execute(
      trx,
    );
  }
}

/** Homes listed again: their new approval spell. */
export async function updateResubmittedHomes(
  session: CopySession,
  homes: ResubmittedHome[],
  batchId: number,
): Promise<void> {
  if (homes.length === 0) return;
  const trx = session.db;
  await sql`CREATE TEMP TABLE outcome_named_home (home_key int4 PRIMARY KEY, inquiry_day date, approved_day date, closed_day date, kind int2, closure_reason int2) ON COMMIT DROP`.execute(
    trx,
  );
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
  await sql`UPDATE outcome_home h SET inquiry_day = n.inquiry_day, approved_day = n.approved_day, closed_day = n.closed_day, kind = n.kind,
            closure_reason = n.closure_reason, batch_id = ${batchId} FROM outcome_named_home n WHERE h.home_key = n.home_key`.execute(
    trx,
  );
}
