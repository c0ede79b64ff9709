import type { CopySession } from "../../../db/bulk-copy.js";
import type { FileTally } from "./file-copies.js";
import {
  type FileChanges,
  type HistoryTable,
  historyTables,
  isHistoryTable,
  rowsInAreas,
  type TableSettlement,
} from "./resubmission.js";

export type { FileChanges } from "./resubmission.js";

/** A file that removes stored rows: how many, and how many its table held in the batch's areas before. */
export interface Removal {
  file: string;
  rows: string;
  removed: number;
  storedBefore: number;
}

/**
 * Per file, the stored rows it adds, replaces and removes (docs/outcomes-csv-bundle.md, "Sending a bundle again"),
 * once the resubmission is settled. A file's tally then counts only the rows really written: the kept children's
 * are taken out.
 */
export async function countChanges(batch: {
  session: CopySession;
  settled: Record<HistoryTable, TableSettlement> | null;
  tallies: Record<string, FileTally>;
  tableOf: Record<string, string | null>;
  namedChildren: number;
  keptChildren: number;
  namedHomes: number;
  areaIds: number[];
}): Promise<{ changes: Record<string, FileChanges>; removals: Removal[] }> {
  const changes: Record<string, FileChanges> = {};
  const removals: Removal[] = [];
  for (const [file, tally] of Object.entries(batch.tallies)) {
    const table = batch.tableOf[file];
    if (table === "outcome_child") {
      tally.written -= batch.keptChildren;
      const replaced = batch.namedChildren - batch.keptChildren;
      changes[file] = { added: tally.written - replaced, replaced, removed: 0 };
    } else if (table === "outcome_home") {
      changes[file] = { added: tally.written - batch.namedHomes, replaced: batch.namedHomes, removed: 0 };
    } else if (table && isHistoryTable(table)) {
      const s = batch.settled?.[table];
      tally.written -= s?.discarded ?? 0;
      const replaced = s?.replaced ?? 0;
      const removed = s?.removed ?? 0;
      changes[file] = { added: tally.written - replaced, replaced, removed };
      if (s && removed > 0) {
        // The table's rows in the batch's areas now, less this file's new rows, plus the stored rows set aside.
        const now = await rowsInAreas(batch.session, table, batch.areaIds);
        const storedBefore = now - tally.written + s.setAside - s.restored;
        removals.push({ file, rows: historyTables[table].rows, removed, storedBefore });
      }
    }
  }
  return { changes, removals };
}
