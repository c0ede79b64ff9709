import { sql, type Transaction } from "kysely";
import type { Database } from "../../../db/database.js";

// Imports and platform refreshes write the outcome tables one at a time: each
// holds this transaction-scoped lock. Readers are never blocked. Because every
// writer holds it, a writer may reserve a block of keys from a sequence and
// hand them out itself (the rows then go to PostgreSQL by COPY with their
// keys already known, and other tables can refer to them in the same pass).
const OUTCOME_WRITER_LOCK = 4_242_300;

export async function takeOutcomeWriterLock(trx: Transaction<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${OUTCOME_WRITER_LOCK})`.execute(trx);
}

/** Keys handed out from a sequence under the writer lock; `finish` moves the sequence past the last one used. */
export class KeyBlock {
  private next: number;
  private constructor(
    private readonly sequence: string,
    private readonly first: number,
  ) {
    this.next = first;
  }

  static async reserve(trx: Transaction<Database>, sequence: string): Promise<KeyBlock> {
    const row = await sql<{ v: number }>`SELECT nextval(${sequence}::regclass)::int4 AS v`.execute(trx);
    return new KeyBlock(sequence, row.rows[0].v);
  }

  take(): number {
    return this.next++;
  }

  get used(): number {
    return this.next - this.first;
  }

  async finish(trx: Transaction<Database>): Promise<void> {
    await sql`SELECT setval(${this.sequence}::regclass, ${Math.max(this.first, this.next - 1)})`.execute(trx);
  }
}

/** The writer lock if no other writer holds it; false otherwise (a scheduled job skips its slot). */
export async function tryOutcomeWriterLock(trx: Transaction<Database>): Promise<boolean> {
  const row = await sql<{
    locked: boolean;
  }>`SELECT pg_try_advisory_xact_lock(${OUTCOME_WRITER_LOCK}) AS locked`.execute(trx);
  return row.rows[0].locked;
}
