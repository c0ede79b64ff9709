import type { HistoryColumns } from "../history/columns.js";
import { SnapshotAssembler, type SnapshotCounts, sha256Of } from "./format.js";

/** A snapshot whose bytes do not match its hash (or its counts): the reader falls back to the rows. */
export class SnapshotRejected extends Error {
  constructor(
    message: string,
    readonly areaIds: number[],
  ) {
    super(message);
  }
}

/** Reads a binary COPY stream in exact byte counts, across chunk boundaries. */
class ByteReader {
  private chunk: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private readonly it: AsyncIterator<Uint8Array>;
  constructor(chunks: AsyncIterable<Uint8Array>) {
    this.it = chunks[Symbol.asyncIterator]();
  }
  /** n bytes, copied into a fresh array (so a body's columns are aligned views of its own buffer). */
  async read(n: number): Promise<Uint8Array> {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      if (this.pos === this.chunk.length) {
        const next = await this.it.next();
        if (next.done) throw new Error("outcome snapshot stream: it ended inside a row");
        this.chunk = next.value;
        this.pos = 0;
        continue;
      }
      const take = Math.min(n - filled, this.chunk.length - this.pos);
      out.set(this.chunk.subarray(this.pos, this.pos + take), filled);
      this.pos += take;
      filled += take;
    }
    return out;
  }
  async int(bytes: 2 | 4): Promise<number> {
    const b = await this.read(bytes);
    return bytes === 2 ? ((b[0] << 24) | (b[1] << 16)) >> 16 : (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
  }
  /** Drains the rest (the connection finishes its COPY cleanly). */
  async drain(): Promise<void> {
    for (;;) if ((await this.it.next()).done) return;
  }
}

/**
 * The areas' histories from the COPY of store.ts's snapshotStreamQuery (area_id, sha256, body; area id order): each
 * body's SHA-256 checked against its row's, then copied into place. `areas` are the plan's areas, in id order, with
 * their counts; their codes are the sites.
 */
export async function assembleFromSnapshotStream(
  chunks: AsyncIterable<Uint8Array>,
  areas: { id: number; code: string; counts: SnapshotCounts }[],
): Promise<HistoryColumns> {
  const reader = new ByteReader(chunks);
  try {
    return await assemble(reader, areas);
  } catch (error) {
    // Whatever went wrong, read the stream to its end: its sender waits for it to be taken.
    await reader.drain().catch(() => undefined);
    throw error;
  }
}

async function assemble(
  reader: ByteReader,
  areas: { id: number; code: string; counts: SnapshotCounts }[],
): Promise<HistoryColumns> {
  const total: SnapshotCounts = { children: 0, episodes: 0, placements: 0, reports: 0, homes: 0 };
  for (const a of areas) for (const k of Object.keys(total) as (keyof SnapshotCounts)[]) total[k] += a.counts[k];
  const assembler = new SnapshotAssembler(
    areas.map((a) => a.code),
    total,
  );
  const header = await reader.read(19);
  const extension = (header[15] << 24) | (header[16] << 16) | (header[17] << 8) | header[18];
  if (extension > 0) await reader.read(extension);
  let next = 0;
  for (;;) {
    const fields = await reader.int(2);
    if (fields === -1) break;
    if (fields !== 3) throw new Error(`outcome snapshot stream: ${fields} fields where 3 were expected`);
    if ((await reader.int(4)) !== 4) throw new Error("outcome snapshot stream: area_id is not an int4");
    const areaId = await reader.int(4);
    const sha = await reader.read(await reader.int(4));
    const body = await reader.read(await reader.int(4));
    const site = areas.findIndex((a, i) => i >= next && a.id === areaId);
    if (site < 0) throw new SnapshotRejected(`outcome snapshot of area ${areaId} was not planned`, [areaId]);
    if (site !== next)
      throw new SnapshotRejected(`outcome snapshot of area ${areas[next].id} is missing`, [areas[next].id]);
    if (!Buffer.from(sha256Of(body)).equals(Buffer.from(sha)))
      throw new SnapshotRejected(`outcome snapshot of area ${areaId} does not match its SHA-256`, [areaId]);
    try {
      assembler.add(site, body);
    } catch (error) {
      throw new SnapshotRejected(error instanceof Error ? error.message : String(error), [areaId]);
    }
    next++;
  }
  await reader.drain();
  if (next !== areas.length)
    throw new SnapshotRejected(
      `outcome snapshots of ${areas.length - next} areas are missing`,
      areas.slice(next).map((a) => a.id),
    );
  try {
    return assembler.finish();
  } catch (error) {
    throw new SnapshotRejected(
      error instanceof Error ? error.message : String(error),
      areas.map((a) => a.id),
    );
  }
}
