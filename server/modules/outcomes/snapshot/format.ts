import { createHash } from "node:crypto";
import { emptyColumns, type HistoryColumns } from "../history/columns.js";
import type { HomeRecord } from "../history/model.js";

/**
 * One area's histories as one blob: the typed-array columns of history/columns.ts, section after section, so a
 * reader copies each section straight into its column (one memcpy per column and area, no per-row work but adding
 * each area's offset to its start indexes). Little-endian, as every machine Node runs on here; a big-endian reader
 * refuses the blob and reads the rows.
 *
 *  header    64 bytes: "QPIHSNAP", format, children, episodes, placements, reports, homes (uint32 each)
 *  sections  in LAYOUT order, each padded to 8 bytes; the area's children in child_key order, each child's
 *            episodes by removal day, each episode's placements by start day, reports by report day (the row
 *            reader's order, read/read-columns.ts); start indexes count from 0 within the area
 *  homes     key, inquiry, approved, closed (int32), closure reason, kin (uint8), by key
 */
export const SNAPSHOT_FORMAT = 1;
const MAGIC = "QPIHSNAP";
const HEADER_BYTES = 64;

export interface SnapshotCounts {
  children: number;
  episodes: number;
  placements: number;
  reports: number;
  homes: number;
}

type Count = "c" | "e" | "p" | "r";
type ColumnName =
  | "childKey"
  | "birthDay"
  | "sex"
  | "race"
  | "siblingGroup"
  | "episodeStart"
  | "reportStart"
  | "removalDay"
  | "exitDay"
  | "exitReason"
  | "reportedPlacements"
  | "placementStart"
  | "startDay"
  | "endDay"
  | "setting"
  | "changeKind"
  | "homeKey"
  | "reportDay"
  | "incidentDay"
  | "substantiated";

/** [column, bytes per value, counted by, and for start indexes: the count they index]. */
const LAYOUT: [ColumnName, 1 | 4, Count, Count?][] = [
  ["childKey", 4, "c"],
  ["birthDay", 4, "c"],
  ["sex", 1, "c"],
  ["race", 1, "c"],
  ["siblingGroup", 4, "c"],
  ["episodeStart", 4, "c", "e"],
  ["reportStart", 4, "c", "r"],
  ["removalDay", 4, "e"],
  ["exitDay", 4, "e"],
  ["exitReason", 1, "e"],
  ["reportedPlacements", 1, "e"],
  ["placementStart", 4, "e", "p"],
  ["startDay", 4, "p"],
  ["endDay", 4, "p"],
  ["setting", 1, "p"],
  ["changeKind", 1, "p"],
  ["homeKey", 4, "p"],
  ["reportDay", 4, "r"],
  ["incidentDay", 4, "r"],
  ["substantiated", 1, "r"],
];
const HOME_LAYOUT: [keyof HomeRecord, 1 | 4][] = [
  ["key", 4],
  ["inquiryDay", 4],
  ["approvedDay", 4],
  ["closedDay", 4],
  ["closureReason", 1],
  ["kin", 1],
];

const pad8 = (n: number) => (n + 7) & ~7;
const littleEndian = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

function countOf(counts: SnapshotCounts, k: Count): number {
  return k === "c" ? counts.children : k === "e" ? counts.episodes : k === "p" ? counts.placements : counts.reports;
}

/** The body's length for these counts. */
export function snapshotBytes(counts: SnapshotCounts): number {
  let n = HEADER_BYTES;
  for (const [, width, by, starts] of LAYOUT) n += pad8(width * (countOf(counts, by) + (starts ? 1 : 0)));
  for (const [, width] of HOME_LAYOUT) n += pad8(width * counts.homes);
  return n;
}

export function sha256Of(body: Uint8Array): Buffer {
  return createHash("sha256").update(body).digest();
}

/** A view of `count` values at `offset` (aligned: the body's own buffer; else a copy). */
function view(body: Uint8Array, offset: number, width: 1 | 4, count: number): Int32Array | Uint8Array {
  if (width === 1) return body.subarray(offset, offset + count);
  const at = body.byteOffset + offset;
  if (at % 4 === 0) return new Int32Array(body.buffer, at, count);
  return new Int32Array(body.slice(offset, offset + 4 * count).buffer);
}

/**
 * The snapshot of one site of `cols` (children `members`, in order: the row reader's child_key order), with the
 * site's homes. Start indexes are rebased to the site.
 */
export function encodeSite(cols: HistoryColumns, members: Int32Array, homes: HomeRecord[]): Uint8Array {
  if (!littleEndian) throw new Error("outcome snapshots are written on little-endian machines only");
  let episodes = 0;
  let placements = 0;
  let reports = 0;
  for (const c of members) {
    const e0 = cols.episodeStart[c];
    const e1 = cols.episodeStart[c + 1];
    episodes += e1 - e0;
    placements += e1 > e0 ? cols.placementStart[e1] - cols.placementStart[e0] : 0;
    reports += cols.reportStart[c + 1] - cols.reportStart[c];
  }
  const counts: SnapshotCounts = { children: members.length, episodes, placements, reports, homes: homes.length };
  const body = new Uint8Array(snapshotBytes(counts));
  writeHeader(body, counts);
  const section = new Map<ColumnName, Int32Array | Uint8Array>();
  let offset = HEADER_BYTES;
  for (const [name, width, by, starts] of LAYOUT) {
    const n = countOf(counts, by) + (starts ? 1 : 0);
    section.set(name, view(body, offset, width, n));
    offset += pad8(width * n);
  }
  const get = (name: ColumnName) => section.get(name) as Int32Array;
  const [childKey, birthDay, sex, race, siblingGroup, episodeStart, reportStart] = [
    get("childKey"),
    get("birthDay"),
    get("sex"),
    get("race"),
    get("siblingGroup"),
    get("episodeStart"),
    get("reportStart"),
  ];
  const [removalDay, exitDay, exitReason, reportedPlacements, placementStart] = [
    get("removalDay"),
    get("exitDay"),
    get("exitReason"),
    get("reportedPlacements"),
    get("placementStart"),
  ];
  const [startDay, endDay, setting, changeKind, homeKey] = [
    get("startDay"),
    get("endDay"),
    get("setting"),
    get("changeKind"),
    get("homeKey"),
  ];
  const [reportDay, incidentDay, substantiated] = [get("reportDay"), get("incidentDay"), get("substantiated")];
  const reported = cols.reportedPlacements;
  let e = 0;
  let p = 0;
  let r = 0;
  for (let i = 0; i < members.length; i++) {
    const c = members[i];
    childKey[i] = cols.childKey[c];
    birthDay[i] = cols.birthDay[c];
    sex[i] = cols.sex[c];
    race[i] = cols.race[c];
    siblingGroup[i] = cols.siblingGroup[c];
    episodeStart[i] = e;
    reportStart[i] = r;
    for (let src = cols.episodeStart[c]; src < cols.episodeStart[c + 1]; src++, e++) {
      removalDay[e] = cols.removalDay[src];
      exitDay[e] = cols.exitDay[src];
      exitReason[e] = cols.exitReason[src];
      reportedPlacements[e] = reported ? reported[src] : 0;
      placementStart[e] = p;
      for (let q = cols.placementStart[src]; q < cols.placementStart[src + 1]; q++, p++) {
        startDay[p] = cols.startDay[q];
        endDay[p] = cols.endDay[q];
        setting[p] = cols.setting[q];
        changeKind[p] = cols.changeKind[q];
        homeKey[p] = cols.homeKey[q];
      }
    }
    for (let src = cols.reportStart[c]; src < cols.reportStart[c + 1]; src++, r++) {
      reportDay[r] = cols.reportDay[src];
      incidentDay[r] = cols.incidentDay[src];
      substantiated[r] = cols.substantiated[src];
    }
  }
  episodeStart[members.length] = e;
  reportStart[members.length] = r;
  placementStart[episodes] = p;
  for (const [name, width] of HOME_LAYOUT) {
    const values = view(body, offset, width, homes.length);
    for (let h = 0; h < homes.length; h++) values[h] = Number(homes[h][name]);
    offset += pad8(width * homes.length);
  }
  return body;
}

function writeHeader(body: Uint8Array, counts: SnapshotCounts) {
  for (let i = 0; i < MAGIC.length; i++) body[i] = MAGIC.charCodeAt(i);
  const words = new DataView(body.buffer, body.byteOffset, HEADER_BYTES);
  const values = [SNAPSHOT_FORMAT, counts.children, counts.episodes, counts.placements, counts.reports, counts.homes];
  values.forEach((v, i) => words.setUint32(8 + 4 * i, v, true));
}

/** The counts a body's header states, or a reason it is not a snapshot of this format. */
export function readHeader(body: Uint8Array): SnapshotCounts | string {
  if (body.length < HEADER_BYTES) return "shorter than its header";
  for (let i = 0; i < MAGIC.length; i++) if (body[i] !== MAGIC.charCodeAt(i)) return "not a snapshot";
  const words = new DataView(body.buffer, body.byteOffset, HEADER_BYTES);
  const [format, children, episodes, placements, reports, homes] = Array.from({ length: 6 }, (_, i) =>
    words.getUint32(8 + 4 * i, true),
  );
  if (format !== SNAPSHOT_FORMAT) return `format ${format}, not ${SNAPSHOT_FORMAT}`;
  const counts = { children, episodes, placements, reports, homes };
  if (snapshotBytes(counts) !== body.length) return "its length does not match its counts";
  return counts;
}

/**
 * The histories of several areas assembled from their snapshots into one HistoryColumns, areas in the order of
 * `sites` (area id order, as the row reader's sites). Sized once from the counts the snapshot rows carry; each area's
 * body is copied into place as it arrives.
 */
export class SnapshotAssembler {
  readonly columns: HistoryColumns;
  private readonly at = { c: 0, e: 0, p: 0, r: 0 };
  private readonly homes: HomeRecord[] = [];

  constructor(sites: string[], total: SnapshotCounts) {
    if (!littleEndian) throw new Error("outcome snapshots are read on little-endian machines only");
    this.columns = emptyColumns(sites, total.children, total.episodes, total.placements, total.reports);
    this.columns.reportedPlacements = new Uint8Array(total.episodes);
  }

  /** Adds one area's body (its hash already checked) as site `site`. Throws when it does not fit the totals. */
  add(site: number, body: Uint8Array): void {
    const counts = readHeader(body);
    if (typeof counts === "string") throw new Error(`outcome snapshot of site ${site}: ${counts}`);
    const cols = this.columns as unknown as Record<ColumnName, Int32Array | Uint8Array>;
    const base = { ...this.at };
    if (
      base.c + counts.children > this.columns.childCount ||
      base.e + counts.episodes > this.columns.episodeCount ||
      base.p + counts.placements > this.columns.placementCount ||
      base.r + counts.reports > this.columns.reportCount
    )
      throw new Error(`outcome snapshot of site ${site}: more rows than its counts said`);
    let offset = HEADER_BYTES;
    for (const [name, width, by, starts] of LAYOUT) {
      const n = countOf(counts, by);
      const values = view(body, offset, width, n + (starts ? 1 : 0));
      const target = cols[name];
      const from = base[by];
      if (starts) {
        const shift = base[starts];
        for (let i = 0; i < n; i++) target[from + i] = values[i] + shift;
      } else target.set(values.subarray(0, n), from);
      offset += pad8(width * (n + (starts ? 1 : 0)));
    }
    this.columns.site.fill(site, base.c, base.c + counts.children);
    const homeColumns = HOME_LAYOUT.map(([, width]) => {
      const values = view(body, offset, width, counts.homes);
      offset += pad8(width * counts.homes);
      return values;
    });
    const [key, inquiry, approved, closed, reason, kin] = homeColumns;
    for (let h = 0; h < counts.homes; h++)
      this.homes.push({
        key: key[h],
        site,
        inquiryDay: inquiry[h],
        approvedDay: approved[h],
        closedDay: closed[h],
        closureReason: reason[h],
        kin: kin[h] === 1,
      });
    this.at.c += counts.children;
    this.at.e += counts.episodes;
    this.at.p += counts.placements;
    this.at.r += counts.reports;
  }

  /** The columns, once every area is in. */
  finish(): HistoryColumns {
    const cols = this.columns;
    if (
      this.at.c !== cols.childCount ||
      this.at.e !== cols.episodeCount ||
      this.at.p !== cols.placementCount ||
      this.at.r !== cols.reportCount
    )
      throw new Error("outcome snapshots: fewer rows than their counts said");
    cols.episodeStart[cols.childCount] = cols.episodeCount;
    cols.reportStart[cols.childCount] = cols.reportCount;
    cols.placementStart[cols.episodeCount] = cols.placementCount;
    cols.homes = this.homes.sort((a, b) => a.key - b.key);
    return cols;
  }
}

/** Each site's children of `cols` (in their order) and homes: what encodeSite takes. */
export function siteMembers(cols: HistoryColumns): { members: Int32Array; homes: HomeRecord[] }[] {
  const sizes = new Int32Array(cols.sites.length);
  for (let c = 0; c < cols.childCount; c++) sizes[cols.site[c]]++;
  const out = Array.from(sizes, (n) => ({ members: new Int32Array(n), homes: [] as HomeRecord[] }));
  const fill = new Int32Array(cols.sites.length);
  for (let c = 0; c < cols.childCount; c++) {
    const s = cols.site[c];
    out[s].members[fill[s]++] = c;
  }
  for (const home of cols.homes) out[home.site]?.homes.push(home);
  return out;
}

/** `cols` through the snapshot: each site encoded, then assembled again (tests; the row path's equal). */
export function throughSnapshots(cols: HistoryColumns): HistoryColumns {
  const parts = siteMembers(cols).map((s) => encodeSite(cols, s.members, s.homes));
  const total = { children: 0, episodes: 0, placements: 0, reports: 0, homes: 0 };
  for (const body of parts) {
    const counts = readHeader(body);
    if (typeof counts === "string") throw new Error(counts);
    for (const k of Object.keys(total) as (keyof SnapshotCounts)[]) total[k] += counts[k];
  }
  const assembler = new SnapshotAssembler(cols.sites, total);
  parts.forEach((body, site) => assembler.add(site, body));
  return assembler.finish();
}
