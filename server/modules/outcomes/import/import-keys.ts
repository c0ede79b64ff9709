import type { CopySession } from "../../../db/bulk-copy.js";
import { NO_DAY } from "../history/days.js";
import { decodeBinaryCopy } from "../read/copy-decoder.js";
import { HomeKind, RowSource } from "../tables.js";
import { ByteKeyMap } from "./byte-keys.js";
import { type IdSpan, spanText } from "./id-span.js";
import { TupleStream } from "./tuple-stream.js";
import { KeyBlock } from "./writer-lock.js";

/** Keys an earlier batch gave to the source's ids, per area (the prefix): a re-imported child keeps its key. */
async function existingKeys(
  session: CopySession,
  table: string,
  keyColumn: string,
  areaId?: number,
): Promise<ByteKeyMap> {
  const where = `source = ${RowSource.import}${areaId === undefined ? "" : ` AND area_id = ${Number(areaId)}`}`;
  const rows = await decodeBinaryCopy(
    session.copyOut(`SELECT area_id, ${keyColumn}, external_id FROM ${table} WHERE ${where}`),
    [
      { kind: 4, nullValue: -1 },
      { kind: 4, nullValue: -1 },
      { kind: "text", nullValue: -1 },
    ],
  );
  const keys = new ByteKeyMap();
  const [areas, values] = rows.data;
  for (let i = 0; i < rows.length; i++) keys.setText(rows.texts[2][i], values[i], areas[i]);
  return keys;
}

/**
 * The keys of one import: children, homes and sibling groups, each either
 * known from an earlier batch (same area, same source id) or new from a block
 * reserved under the writer lock. Homes and groups that only the rows imply
 * (a placement's home_id not in homes.csv, a sibling_group value) are written
 * by `writeImplied` at the end.
 */
export class ImportKeys {
  private readonly listedHomes = new ByteKeyMap();
  private readonly listedHomeKey: number[] = [];
  private readonly listedHomeLine: number[] = [];
  private readonly unlistedHomes = new ByteKeyMap();
  private readonly newUnlisted: { key: number; areaId: number; externalId: string }[] = [];
  private readonly groups = new ByteKeyMap();
  private readonly newGroups: { key: number; areaId: number; externalId: string }[] = [];

  private constructor(
    readonly childBlock: KeyBlock,
    readonly homeBlock: KeyBlock,
    private readonly groupBlock: KeyBlock,
    readonly existingChildren: ByteKeyMap,
    private readonly existingHomes: ByteKeyMap,
    private readonly existingGroups: ByteKeyMap,
  ) {}

  static async open(session: CopySession, areaId?: number): Promise<ImportKeys> {
    const trx = session.db;
    return new ImportKeys(
      await KeyBlock.reserve(trx, "outcome_child_key_seq"),
      await KeyBlock.reserve(trx, "outcome_home_key_seq"),
      await KeyBlock.reserve(trx, "outcome_sibling_group_key_seq"),
      await existingKeys(session, "outcome_child", "child_key", areaId),
      await existingKeys(session, "outcome_home", "home_key", areaId),
      await existingKeys(session, "outcome_sibling_group", "group_key", areaId),
    );
  }

  /** Whether the last childKey or listHome found a key an earlier batch gave. */
  wasKnown = false;

  /** The child's key: the one it had (wasKnown), or a new one. */
  childKey(areaId: number, id: IdSpan): number {
    const known = this.existingChildren.size ? this.existingChildren.get(id.b, id.s, id.e, areaId) : -1;
    this.wasKnown = known >= 0;
    return known >= 0 ? known : this.childBlock.take();
  }

  groupKey(areaId: number, id: IdSpan): number {
    let key = this.groups.get(id.b, id.s, id.e, areaId);
    if (key >= 0) return key;
    key = this.existingGroups.size ? this.existingGroups.get(id.b, id.s, id.e, areaId) : -1;
    if (key < 0) {
      key = this.groupBlock.take();
      this.newGroups.push({ key, areaId, externalId: spanText(id) });
    }
    this.groups.set(id.b, id.s, id.e, key, areaId);
    return key;
  }

  /** The line a home_id was first listed on, or -1. */
  listedLine(id: IdSpan): number {
    const i = this.listedHomes.get(id.b, id.s, id.e);
    return i < 0 ? -1 : this.listedHomeLine[i];
  }

  /** A homes.csv row's key: the one it had (wasKnown), or a new one. */
  listHome(areaId: number, id: IdSpan, line: number): number {
    const known = this.existingHomes.size ? this.existingHomes.get(id.b, id.s, id.e, areaId) : -1;
    const key = known >= 0 ? known : this.homeBlock.take();
    this.listedHomes.set(id.b, id.s, id.e, this.listedHomeKey.length);
    this.listedHomeKey.push(key);
    this.listedHomeLine.push(line);
    this.wasKnown = known >= 0;
    return key;
  }

  /** A placement's home: listed in the homes file, known from an earlier batch, or new (known only from placements). */
  placementHome(areaId: number, id: IdSpan): number {
    const listed = this.listedHomes.get(id.b, id.s, id.e);
    if (listed >= 0) return this.listedHomeKey[listed];
    let key = this.unlistedHomes.get(id.b, id.s, id.e, areaId);
    if (key >= 0) return key;
    key = this.existingHomes.size ? this.existingHomes.get(id.b, id.s, id.e, areaId) : -1;
    if (key < 0) {
      key = this.homeBlock.take();
      this.newUnlisted.push({ key, areaId, externalId: spanText(id) });
    }
    this.unlistedHomes.set(id.b, id.s, id.e, key, areaId);
    return key;
  }

  /** Writes the sibling groups and unlisted homes the rows implied. */
  async writeImplied(session: CopySession, batchId: number): Promise<void> {
    if (this.newGroups.length) {
      const t = new TupleStream();
      const copying = session.copyIn("outcome_sibling_group (group_key, area_id, source, external_id)", t);
      for (const g of this.newGroups) {
        t.row(4);
        t.int4(g.key);
        t.int4(g.areaId);
        t.int2(RowSource.import);
        t.text(g.externalId);
      }
      t.close();
      await copying;
    }
    if (this.newUnlisted.length) {
      const t = new TupleStream();
      const copying = session.copyIn(HOME_TARGET, t);
      for (const h of this.newUnlisted)
        writeHome(t, h.key, h.areaId, NO_DAY, NO_DAY, NO_DAY, batchId, HomeKind.unlisted, 0, h.externalId);
      t.close();
      await copying;
    }
  }

  async finish(session: CopySession): Promise<void> {
    for (const block of [this.childBlock, this.homeBlock, this.groupBlock]) await block.finish(session.db);
  }
}

export const HOME_TARGET =
  "outcome_home (home_key, area_id, inquiry_day, approved_day, closed_day, batch_id, source, kind, " +
  "closure_reason, external_id)";

export function writeHome(
  t: TupleStream,
  key: number,
  areaId: number,
  inquiry: number,
  approved: number,
  closed: number,
  batchId: number,
  kind: number,
  reason: number,
  id: string | IdSpan,
) {
  t.row(10);
  t.int4(key);
  t.int4(areaId);
  t.date(inquiry);
  t.date(approved);
  t.date(closed);
  t.int4(batchId);
  t.int2(RowSource.import);
  t.int2(kind);
  t.int2(reason);
  if (typeof id === "string") t.text(id);
  else t.bytes(id.b, id.s, id.e);
}
