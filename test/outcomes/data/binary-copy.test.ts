import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COPY_HEADER, COPY_TRAILER } from "../../../server/db/bulk-copy.js";
import { NO_DAY } from "../../../server/modules/outcomes/history/days.js";
import { TupleStream } from "../../../server/modules/outcomes/import/tuple-stream.js";
import { decodeBinaryCopy } from "../../../server/modules/outcomes/read/copy-decoder.js";

async function collect(stream: TupleStream): Promise<Buffer> {
  const parts: Uint8Array[] = [COPY_HEADER];
  for await (const chunk of stream) parts.push(chunk);
  parts.push(COPY_TRAILER);
  return Buffer.concat(parts);
}

async function* split(bytes: Buffer, cuts: number[]) {
  let at = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
    yield bytes.subarray(at, cut);
    at = cut;
  }
  yield bytes.subarray(at);
}

describe("binary COPY rows", () => {
  it("decode to what was encoded, however the stream is cut into chunks", async () => {
    const row = fc.tuple(
      fc.integer({ min: -2_000_000, max: 2_000_000 }),
      fc.oneof(fc.constant(NO_DAY), fc.integer({ min: -30_000, max: 60_000 })),
      fc.integer({ min: -32_768, max: 32_767 }),
      fc.boolean(),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 300 }), fc.array(fc.nat(), { maxLength: 40 }), async (rows, cuts) => {
        const stream = new TupleStream();
        const encoded = collect(stream);
        for (const [key, day, small, flag] of rows) {
          stream.row(4);
          stream.key(key);
          stream.date(day);
          stream.int2(small);
          if (flag) stream.int2(1);
          else stream.null();
        }
        stream.close();
        const decoded = await decodeBinaryCopy(split(await encoded, cuts), [
          { kind: 4, nullValue: -1 },
          { kind: "date", nullValue: NO_DAY },
          { kind: 2, nullValue: 0 },
          { kind: 2, nullValue: -9 },
        ]);
        expect(decoded.length).toBe(rows.length);
        const back = Array.from({ length: decoded.length }, (_, i) => [
          decoded.data[0][i],
          decoded.data[1][i],
          decoded.data[2][i],
          decoded.data[3][i] === 1,
        ]);
        expect(back).toEqual(rows.map(([key, day, small, flag]) => [key < 0 ? -1 : key, day, small, flag]));
      }),
      { numRuns: 200 },
    );
  });

  it("decodes text fields across chunk cuts", async () => {
    const stream = new TupleStream();
    const encoded = collect(stream);
    const ids = ["C1", "é-ü-₿", "", "x".repeat(64)];
    for (const [i, id] of ids.entries()) {
      stream.row(2);
      stream.int4(i);
      stream.text(id);
    }
    stream.close();
    const bytes = await encoded;
    for (let cut = 1; cut < bytes.length; cut += 3) {
      const decoded = await decodeBinaryCopy(split(bytes, [cut, cut + 7]), [
        { kind: 4, nullValue: -1 },
        { kind: "text", nullValue: -1 },
      ]);
      expect(decoded.texts[1]).toEqual(ids);
    }
  });
});
