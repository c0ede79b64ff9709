import { describe, expect, it } from "vitest";
import {
  addMonths,
  addYears,
  ageOn,
  dayOf,
  isoOf,
  wholeMonths,
} from "../../../server/modules/outcomes/history/days.js";
import {
  addMonthsFast,
  afcarsHalfYear,
  birthdayReached,
  dateOf,
  dayFromCivil,
  eighteenthBirthday,
  monthOf,
  packedCivil,
  yearOf,
} from "../../../server/modules/outcomes/measures/calendar.js";
import { orderByKey } from "../../../server/modules/outcomes/measures/order-by-key.js";

// The engine's integer calendar must give exactly what days.ts gives with Date.
const first = dayOf("1899-12-01");
const last = dayOf("2101-03-01");

describe("integer calendar (measures/calendar.ts) agrees with days.ts", () => {
  it("civil dates, every day 1899–2101", () => {
    for (let day = first; day <= last; day++) {
      const iso = isoOf(day);
      const p = packedCivil(day);
      expect(yearOf(p)).toBe(Number(iso.slice(0, 4)));
      if (monthOf(p) !== Number(iso.slice(5, 7)) || dateOf(p) !== Number(iso.slice(8, 10)))
        throw new Error(`civil ${iso}`);
      if (dayFromCivil(yearOf(p), monthOf(p), dateOf(p)) !== day) throw new Error(`round trip ${iso}`);
    }
  });

  it("addMonths for −24..+24 months, and the 18th birthday as addYears", () => {
    for (let day = dayOf("1996-01-01"); day <= dayOf("2004-12-31"); day++) {
      for (const months of [-24, -12, -1, 1, 5, 12, 13, 24]) {
        if (addMonthsFast(day, months) !== addMonths(day, months)) throw new Error(`${isoOf(day)} + ${months}`);
      }
      if (eighteenthBirthday(packedCivil(day)) !== addYears(day, 18)) throw new Error(`18th birthday of ${isoOf(day)}`);
    }
    expect(isoOf(eighteenthBirthday(packedCivil(dayOf("2004-02-29"))))).toBe("2022-02-28");
    expect(isoOf(eighteenthBirthday(packedCivil(dayOf("2000-02-29"))))).toBe("2018-02-28");
  });

  it("birthdayReached is the first day days.ts ageOn gives the new age (29 February births on 1 March)", () => {
    for (let birth = dayOf("1996-01-01"); birth <= dayOf("2004-12-31"); birth++) {
      const packed = packedCivil(birth);
      for (const years of [1, 6, 11, 17]) {
        const day = birthdayReached(packed, years);
        if (ageOn(birth, day) !== years || ageOn(birth, day - 1) !== years - 1)
          throw new Error(`${isoOf(birth)} turns ${years}`);
      }
    }
    expect(isoOf(birthdayReached(packedCivil(dayOf("2004-02-29")), 17))).toBe("2021-03-01");
  });

  it("wholeMonths falls as the start moves later (the P2/P3 thresholds rely on it)", () => {
    for (const to of ["2021-03-01", "2021-02-28", "2020-02-29", "2021-10-01", "2021-01-31"].map(dayOf)) {
      let previous = Infinity;
      for (let from = to - 900; from <= to; from++) {
        const months = wholeMonths(from, to);
        expect(months).toBeLessThanOrEqual(previous);
        previous = months;
      }
    }
  });

  it("AFCARS half-years: A = Oct–Mar, B = Apr–Sep", () => {
    expect(afcarsHalfYear(dayOf("2020-10-01"))).toBe(afcarsHalfYear(dayOf("2021-03-31")));
    expect(afcarsHalfYear(dayOf("2021-04-01"))).toBe(afcarsHalfYear(dayOf("2021-09-30")));
    expect(afcarsHalfYear(dayOf("2021-04-01"))).toBe(afcarsHalfYear(dayOf("2021-03-31")) + 1);
    expect(afcarsHalfYear(dayOf("2021-10-01"))).toBe(afcarsHalfYear(dayOf("2021-09-30")) + 1);
  });
});

describe("orderByKey", () => {
  it("sorts stably by non-negative keys, also above 2^16", () => {
    const keys = Int32Array.from([70_000, 3, 3, 2_000_000_000, 0, 70_000, 65_536, 65_535]);
    const order = orderByKey(keys, keys.length);
    expect(Array.from(order)).toEqual([4, 1, 2, 7, 6, 0, 5, 3]);
  });
});

describe("orderByKey on large inputs (the radix passes)", () => {
  it("agrees with a stable comparison sort", () => {
    let seed = 7;
    const keys = Int32Array.from({ length: 20_000 }, () =>
      (seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) % 3 === 0 ? seed % 50 : seed,
    );
    const expected = Array.from(keys.keys()).sort((a, b) => keys[a] - keys[b] || a - b);
    expect(Array.from(orderByKey(keys, keys.length))).toEqual(expected);
  });
});
