import { NO_DAY } from "../history/days.js";

/** A field that is present but not a valid value. */
export const INVALID = -2_147_483_647;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Dates outside these years are refused as typos (a 1900 or 2200 birth or removal is not a foster-care record). */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

/** A calendar day from numbers; INVALID when it is not one. */
export function dayFromParts(year: number, month: number, day: number): number {
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR && month >= 1 && month <= 12 && day >= 1)) return INVALID;
  if (day > daysInMonth(year, month)) return INVALID;
  return daysFromCivil(year, month, day);
}

const digit = (c: number) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : -100);

/** `YYYY-MM-DD` from bytes: the day, NO_DAY when the field is empty, INVALID otherwise. */
export function dayAt(b: Uint8Array, s: number, e: number): number {
  if (s === e) return NO_DAY;
  if (e - s !== 10 || b[s + 4] !== 0x2d || b[s + 7] !== 0x2d) return INVALID;
  const year = digit(b[s]) * 1000 + digit(b[s + 1]) * 100 + digit(b[s + 2]) * 10 + digit(b[s + 3]);
  const month = digit(b[s + 5]) * 10 + digit(b[s + 6]);
  const day = digit(b[s + 8]) * 10 + digit(b[s + 9]);
  if (year < 0 || month < 0 || day < 0) return INVALID;
  return dayFromParts(year, month, day);
}

/**
 * The lower-case words of a code list, matched against bytes without making
 * a string. `numbered` also accepts the code's number (AFCARS: `8` for
 * trial_home_visit).
 */
export class CodeTable {
  private readonly words: Uint8Array[];
  constructor(
    names: readonly string[],
    private readonly codes: readonly number[],
    private readonly numbered = false,
  ) {
    this.words = names.map((n) => Buffer.from(n, "latin1"));
  }

  /** The code, or INVALID. An empty field is the caller's to handle. */
  at(b: Uint8Array, s: number, e: number): number {
    const length = e - s;
    if (this.numbered && length <= 2) {
      let value = 0;
      for (let i = s; i < e; i++) {
        const d = digit(b[i]);
        if (d < 0) return INVALID;
        value = value * 10 + d;
      }
      return this.codes.includes(value) ? value : INVALID;
    }
    const words = this.words;
    outer: for (let w = 0; w < words.length; w++) {
      const word = words[w];
      if (word.length !== length) continue;
      for (let i = 0; i < length; i++) if (word[i] !== b[s + i]) continue outer;
      return this.codes[w];
    }
    return INVALID;
  }

  /** The words, for messages ("one of …"). */
  list(): string {
    return this.words.map((w) => Buffer.from(w).toString("latin1")).join(", ");
  }
}

/** Codes 1..n for names in code order. */
export function oneBased(names: readonly string[]): number[] {
  return names.map((_, i) => i + 1);
}
