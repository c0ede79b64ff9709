import { population } from "./calibration.js";
import { raceMixByState } from "./race-by-state.js";
import { cumulativeOf, SeededRandom } from "./random.js";
import { stateProfiles } from "./state-profiles.js";

/**
 * Where the synthetic children live: every county of the 50 states and DC
 * (3,143), sized heavy-tailed, each with its state's tilt on the hazards
 * (state-profiles.ts) and a little county noise. The geography is fixed — the
 * same for every seed — so a site code means the same county in every bundle.
 *
 * Site codes are `ST-` + the FIPS-style county code: the state's FIPS code and
 * the county's odd sequence number (001, 003, …), as FIPS numbers counties
 * alphabetically in most states. So CA-06019 is Fresno County and CA-06037 Los
 * Angeles County, as in FIPS; elsewhere the codes follow the pattern without
 * being checked against the real list.
 */
export interface CountyEffects {
  /** Multiplies the permanency hazard. */
  permanency: number;
  reentry: number;
  moves: number;
  maltreatment: number;
  recurrence: number;
}

export interface Geography {
  /** Site codes; a child's `site` indexes this. */
  sites: string[];
  /** Two-letter state of each site. */
  siteState: string[];
  /** Running sum of the sites' weights (shares of children). */
  cumulativeWeight: Float64Array;
  effects: CountyEffects[];
  /** Cumulative race weights per site (raceNames order). */
  raceCumulative: Float64Array[];
}

/** The benchmark county: Fresno County, California — about 5,000 children in a 3,000,000-children bundle. */
export const BENCHMARK_COUNTY = "CA-06019";
const BENCHMARK_SHARE = 5_000 / 3_000_000;

/** The largest county of its state (the rest of the order is shuffled): Los Angeles, Cook, Maricopa, Harris. */
const LARGEST_IN_STATE = new Set(["CA-06037", "IL-17031", "AZ-04013", "TX-48201"]);

/** County sizes within a state: Zipf with this exponent over shuffled ranks [assumed]. */
const ZIPF_EXPONENT = 1.05;
const COUNTY_NOISE_SIGMA = 0.12;
const GEOGRAPHY_SEED = 20_230_930;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const NATIONAL_P1 = 0.352;

function stateEffects(ratio: (typeof stateProfiles)[number]["ratio"]): CountyEffects {
  // P1 as a hazard: a state whose P1 is r times the national one has a hazard m with 1 − (1 − p)^m = r·p.
  const p1 = clamp(ratio.p1 * NATIONAL_P1, 0.05, 0.9);
  return {
    permanency: clamp(Math.log(1 - p1) / Math.log(1 - NATIONAL_P1), 0.3, 3),
    reentry: clamp(ratio.p4, 0.25, 3),
    moves: clamp(ratio.w1, 0.25, 3),
    maltreatment: clamp(ratio.s1, 0.2, 3),
    recurrence: clamp(ratio.s2, 0.2, 3),
  };
}

let national: Geography | undefined;

export function nationalGeography(): Geography {
  national ??= buildNational();
  return national;
}

function buildNational(): Geography {
  const random = new SeededRandom(GEOGRAPHY_SEED);
  const totalEntries = stateProfiles.reduce((s, p) => s + p.entriesFy2023, 0);
  const raceMixes = raceMixByState();
  const sites: string[] = [];
  const siteState: string[] = [];
  const weights: number[] = [];
  const effects: CountyEffects[] = [];
  const raceCumulative: Float64Array[] = [];
  stateProfiles.forEach((state, s) => {
    const codes = Array.from(
      { length: state.counties },
      (_, i) => `${state.code}-${state.fips}${String(2 * i + 1).padStart(3, "0")}`,
    );
    const ranks = shuffledRanks(random, codes.length);
    const largest = codes.findIndex((c) => LARGEST_IN_STATE.has(c));
    if (largest >= 0) {
      const first = ranks.indexOf(1);
      [ranks[first], ranks[largest]] = [ranks[largest], 1];
    }
    const within = ranks.map((r) => r ** -ZIPF_EXPONENT);
    const benchmark = codes.indexOf(BENCHMARK_COUNTY);
    if (benchmark >= 0) {
      const share = BENCHMARK_SHARE / (state.entriesFy2023 / totalEntries);
      const others = within.reduce((sum, w, i) => (i === benchmark ? sum : sum + w), 0);
      within[benchmark] = (share * others) / (1 - share);
    }
    const withinTotal = within.reduce((a, b) => a + b, 0);
    const base = stateEffects(state.ratio);
    const race = cumulativeOf(Array.from(raceMixes[s]));
    codes.forEach((code, i) => {
      sites.push(code);
      siteState.push(state.code);
      weights.push(((state.entriesFy2023 / totalEntries) * within[i]) / withinTotal);
      const noise = () => Math.exp(COUNTY_NOISE_SIGMA * random.normal());
      effects.push({
        permanency: base.permanency * noise(),
        reentry: base.reentry * noise(),
        moves: base.moves * noise(),
        maltreatment: base.maltreatment * noise(),
        recurrence: base.recurrence * noise(),
      });
      raceCumulative.push(race);
    });
  });
  normaliseEffects(effects, weights);
  return { sites, siteState, cumulativeWeight: cumulativeOf(weights), effects, raceCumulative };
}

function shuffledRanks(random: SeededRandom, n: number): number[] {
  const ranks = Array.from({ length: n }, (_, i) => i + 1);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(0, i);
    [ranks[i], ranks[j]] = [ranks[j], ranks[i]];
  }
  return ranks;
}

/** Child-weighted mean 1 for every effect, so the national calibration holds whatever the tilts. */
function normaliseEffects(effects: CountyEffects[], weights: number[]) {
  const total = weights.reduce((a, b) => a + b, 0);
  for (const key of ["permanency", "reentry", "moves", "maltreatment", "recurrence"] as const) {
    const mean = effects.reduce((sum, e, i) => sum + e[key] * weights[i], 0) / total;
    for (const e of effects) e[key] /= mean;
  }
}

const neutral: CountyEffects = { permanency: 1, reentry: 1, moves: 1, maltreatment: 1, recurrence: 1 };

/**
 * A smaller geography for tests: the `n` largest counties (their weights and
 * effects), or the given site codes with equal weights and national effects.
 */
export function geographyOf(sites: number | readonly string[]): Geography {
  const all = nationalGeography();
  if (typeof sites === "number") {
    const weights = Array.from(all.cumulativeWeight, (c, i) => c - (i ? all.cumulativeWeight[i - 1] : 0));
    const order = weights
      .map((w, i) => [w, i] as const)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, Math.max(1, sites))
      .map(([, i]) => i)
      .sort((a, b) => a - b);
    return {
      sites: order.map((i) => all.sites[i]),
      siteState: order.map((i) => all.siteState[i]),
      cumulativeWeight: cumulativeOf(order.map((i) => weights[i])),
      effects: order.map((i) => all.effects[i]),
      raceCumulative: order.map((i) => all.raceCumulative[i]),
    };
  }
  if (sites.length === 0) throw new Error("sites: give at least one site code");
  const bad = sites.find((code) => !/^[A-Z0-9-]{2,32}$/.test(code));
  if (bad !== undefined) throw new Error(`sites: ${bad} is not a site code ([A-Z0-9-]{2,32})`);
  if (new Set(sites).size !== sites.length) throw new Error("sites: a site code is listed twice");
  const nationalRace = cumulativeOf(population.raceWeights);
  return {
    sites: [...sites],
    siteState: sites.map((code) => stateOfCode(code) ?? ""),
    cumulativeWeight: cumulativeOf(sites.map(() => 1)),
    effects: sites.map(() => neutral),
    raceCumulative: sites.map((code) => {
      const state = stateOfCode(code);
      const first = state ? all.siteState.indexOf(state) : -1;
      return first >= 0 ? all.raceCumulative[first] : nationalRace;
    }),
  };
}

function stateOfCode(code: string): string | undefined {
  const prefix = code.slice(0, 2);
  return code[2] === "-" && stateProfiles.some((s) => s.code === prefix) ? prefix : undefined;
}
