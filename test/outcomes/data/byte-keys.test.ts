import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteKeyMap } from "../../../server/modules/outcomes/import/byte-keys.js";

describe("ByteKeyMap", () => {
  it("behaves as a Map of (prefix, key) to values, through growth", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.string({ maxLength: 12 }),
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: 0, max: 1_000_000 }),
          ),
          { maxLength: 3000 },
        ),
        (entries) => {
          const map = new ByteKeyMap(4);
          const model = new Map<string, number>();
          for (const [key, prefix, value] of entries) {
            map.setText(key, value, prefix);
            model.set(`${prefix}\u0000${key}`, value);
          }
          expect(map.size).toBe(model.size);
          for (const [key, prefix] of entries)
            expect(map.getText(key, prefix)).toBe(model.get(`${prefix}\u0000${key}`));
          expect(map.getText("never set", 9)).toBe(-1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("finds a key inside a larger buffer without copying it", () => {
    const map = new ByteKeyMap();
    map.setText("C123", 7);
    const row = Buffer.from("C122,C123,x");
    expect(map.get(row, 5, 9)).toBe(7);
    expect(map.get(row, 0, 4)).toBe(-1);
  });
});
