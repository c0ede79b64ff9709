import { population } from "./calibration.js";
import { stateProfiles } from "./state-profiles.js";

/**
 * How each state's children in care differ from the national race/ethnicity
 * mix: relative odds per race [assumed, from the general pattern of AFCARS
 * state data — many American Indian/Alaska Native children in AK, the Dakotas,
 * MT, OK, NM, MN; Hispanic children in the Southwest, CA, TX; Black children
 * in the South-East, DC, MD; Asian and Pacific Islander children in HI]. The
 * tilts are raked so the entry-weighted national mix stays CB's
 * (calibration.ts population.raceWeights). Indexes follow raceNames.
 */
const AIAN = 1;
const ASIAN = 2;
const BLACK = 3;
const NHPI = 4;
const TWO_OR_MORE = 6;
const HISPANIC = 7;

const tilts: Record<string, Partial<Record<number, number>>> = {
  AK: { [AIAN]: 14, [HISPANIC]: 0.3, [BLACK]: 0.2, [TWO_OR_MORE]: 1.5 },
  SD: { [AIAN]: 11, [HISPANIC]: 0.3, [BLACK]: 0.1 },
  MT: { [AIAN]: 9, [HISPANIC]: 0.3, [BLACK]: 0.05 },
  ND: { [AIAN]: 9, [HISPANIC]: 0.3, [BLACK]: 0.15 },
  OK: { [AIAN]: 4, [HISPANIC]: 0.6, [BLACK]: 0.5, [TWO_OR_MORE]: 1.6 },
  NM: { [AIAN]: 4, [HISPANIC]: 2.8, [BLACK]: 0.15 },
  MN: { [AIAN]: 4, [HISPANIC]: 0.5, [BLACK]: 0.9, [TWO_OR_MORE]: 1.4 },
  AZ: { [AIAN]: 3, [HISPANIC]: 2.2, [BLACK]: 0.3 },
  WA: { [AIAN]: 3, [HISPANIC]: 1.1, [BLACK]: 0.5, [ASIAN]: 1.8, [NHPI]: 3 },
  WI: { [AIAN]: 2, [HISPANIC]: 0.6, [BLACK]: 1.1 },
  NE: { [AIAN]: 2, [HISPANIC]: 0.9, [BLACK]: 0.6 },
  OR: { [AIAN]: 2, [HISPANIC]: 1.1, [BLACK]: 0.3 },
  WY: { [AIAN]: 2, [HISPANIC]: 0.8, [BLACK]: 0.1 },
  ID: { [AIAN]: 1.5, [HISPANIC]: 1.1, [BLACK]: 0.05 },
  UT: { [AIAN]: 1.5, [HISPANIC]: 1.2, [BLACK]: 0.15, [NHPI]: 2 },
  CA: { [HISPANIC]: 2.6, [BLACK]: 0.85, [ASIAN]: 2.5 },
  TX: { [HISPANIC]: 2.2, [BLACK]: 0.9 },
  NV: { [HISPANIC]: 1.8, [BLACK]: 1.0, [NHPI]: 2 },
  CO: { [HISPANIC]: 1.6, [BLACK]: 0.5 },
  FL: { [HISPANIC]: 1.2, [BLACK]: 1.3 },
  NY: { [HISPANIC]: 1.3, [BLACK]: 1.6 },
  NJ: { [HISPANIC]: 1.6, [BLACK]: 1.7 },
  IL: { [HISPANIC]: 1.1, [BLACK]: 1.6 },
  CT: { [HISPANIC]: 1.6, [BLACK]: 1.2 },
  RI: { [HISPANIC]: 1.8, [BLACK]: 0.8 },
  MA: { [HISPANIC]: 1.6, [BLACK]: 0.9 },
  DC: { [BLACK]: 4.5, [HISPANIC]: 0.8 },
  MS: { [BLACK]: 2.4, [HISPANIC]: 0.2 },
  LA: { [BLACK]: 2.3, [HISPANIC]: 0.3 },
  GA: { [BLACK]: 2.4, [HISPANIC]: 0.6 },
  MD: { [BLACK]: 2.5, [HISPANIC]: 0.7 },
  AL: { [BLACK]: 1.8, [HISPANIC]: 0.3 },
  SC: { [BLACK]: 2.0, [HISPANIC]: 0.5 },
  NC: { [BLACK]: 1.6, [HISPANIC]: 0.7 },
  DE: { [BLACK]: 2.0, [HISPANIC]: 0.8 },
  MI: { [BLACK]: 1.5, [HISPANIC]: 0.5 },
  VA: { [BLACK]: 1.6, [HISPANIC]: 0.7 },
  TN: { [BLACK]: 1.3, [HISPANIC]: 0.4 },
  OH: { [BLACK]: 1.3, [HISPANIC]: 0.4 },
  PA: { [BLACK]: 1.5, [HISPANIC]: 0.8 },
  MO: { [BLACK]: 1.2, [HISPANIC]: 0.4 },
  AR: { [BLACK]: 1.2, [HISPANIC]: 0.5 },
  IN: { [BLACK]: 0.9, [HISPANIC]: 0.6 },
  KS: { [BLACK]: 0.6, [HISPANIC]: 0.8 },
  KY: { [BLACK]: 0.6, [HISPANIC]: 0.3 },
  IA: { [BLACK]: 0.4, [HISPANIC]: 0.6 },
  WV: { [BLACK]: 0.3, [HISPANIC]: 0.15 },
  VT: { [BLACK]: 0.1, [HISPANIC]: 0.2 },
  NH: { [BLACK]: 0.15, [HISPANIC]: 0.4 },
  ME: { [BLACK]: 0.15, [HISPANIC]: 0.2 },
  HI: { [BLACK]: 0.1, [HISPANIC]: 0.5, [ASIAN]: 8, [NHPI]: 30, [TWO_OR_MORE]: 3 },
};

/** Per state (stateProfiles order): race weights summing to 1, raked to the national mix. */
export function raceMixByState(): Float64Array[] {
  const national = population.raceWeights.map((w) => w / population.raceWeights.reduce((s, x) => s + x, 0));
  const entries = stateProfiles.map((s) => s.entriesFy2023);
  const totalEntries = entries.reduce((s, x) => s + x, 0);
  const raceCount = national.length;
  const correction = new Float64Array(raceCount).fill(1);
  let mixes: Float64Array[] = [];
  for (let round = 0; round < 30; round++) {
    mixes = stateProfiles.map((state) => {
      const mix = new Float64Array(raceCount);
      let sum = 0;
      for (let r = 0; r < raceCount; r++) {
        mix[r] = national[r] * (tilts[state.code]?.[r] ?? 1) * correction[r];
        sum += mix[r];
      }
      for (let r = 0; r < raceCount; r++) mix[r] /= sum;
      return mix;
    });
    for (let r = 0; r < raceCount; r++) {
      let implied = 0;
      mixes.forEach((mix, s) => (implied += (mix[r] * entries[s]) / totalEntries));
      correction[r] *= national[r] / implied;
    }
  }
  return mixes;
}
