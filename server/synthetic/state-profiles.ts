/**
 * The 50 states and DC as the generator sizes and shapes them, from the
 * Children's Bureau's "National – supplemental context data" files (Feb 2024 –
 * Aug 2025, shared/data/cfsr_national_*.csv; research/metrics.md §5.2):
 *
 *  - entries: the numerator of the foster care entry rate for 23A23B
 *    (Oct 2022 – Sep 2023), i.e. the children who entered care in FY2023; the
 *    generator spreads children over the states in these shares.
 *  - p1, p4, w1, s1, s2: the state's observed performance divided by the
 *    national observed performance of the same period (P1 23A23B, P4 23B24A,
 *    W1 24B25A, S1 FY23, S2 FY23–24; the latest period the state has, back to
 *    2021, where it was suppressed). They tilt the state's hazards so states
 *    differ the way they do in CB's profiles; 1 = national.
 *
 * county count: county equivalents per state (Census 2020 list, 3,143 in all;
 * Alaska's boroughs and census areas, Virginia's independent cities and
 * Baltimore City counted as counties) [U: from memory, not checked here].
 * Puerto Rico is in CB's files but not in the brief's 50 states + DC.
 *
 * Extracted by a one-off script over the four CSV files (pick the state's row
 * with dimension "State" for the period, the national row with dimension value
 * "Total", ratio of numerator/denominator).
 */
export interface StateProfile {
  code: string;
  /** FIPS state code, the first two digits of the county codes. */
  fips: string;
  name: string;
  counties: number;
  entriesFy2023: number;
  /** State ÷ national observed performance. */
  ratio: { p1: number; p4: number; w1: number; s1: number; s2: number };
}

type Row = [string, string, string, number, number, number, number, number, number, number];

// code, FIPS, name, counties, entries FY2023, P1, P4, W1, S1, S2 ratios
const rows: Row[] = [
  ["AK", "02", "Alaska", 30, 939, 0.82, 0.71, 1.29, 1.55, 1.4],
  ["AL", "01", "Alabama", 67, 3662, 1.23, 0.93, 1.45, 0.55, 0.46],
  ["AR", "05", "Arkansas", 75, 2096, 1.07, 0.75, 1.88, 0.85, 0.54],
  ["AZ", "04", "Arizona", 15, 5875, 1.06, 0.86, 1.0, 0.57, 1.0],
  ["CA", "06", "California", 58, 17957, 0.93, 0.53, 0.83, 0.73, 0.7],
  ["CO", "08", "Colorado", 64, 2639, 1.46, 1.43, 0.85, 0.97, 1.02],
  ["CT", "09", "Connecticut", 8, 1402, 0.61, 0.7, 0.93, 0.67, 0.85],
  ["DC", "11", "District of Columbia", 1, 172, 0.73, 0.84, 1.34, 0.07, 0.77],
  ["DE", "10", "Delaware", 3, 344, 1.0, 0.68, 1.26, 0.47, 0.19],
  ["FL", "12", "Florida", 67, 9477, 0.88, 1.07, 0.95, 0.8, 0.63],
  ["GA", "13", "Georgia", 159, 4686, 0.78, 0.69, 1.03, 0.34, 0.54],
  ["HI", "15", "Hawaii", 5, 582, 1.25, 1.16, 0.07, 0.51, 0.71],
  ["IA", "19", "Iowa", 99, 2828, 1.21, 1.82, 0.65, 2.14, 1.55],
  ["ID", "16", "Idaho", 44, 1128, 1.26, 0.58, 1.27, 0.71, 0.53],
  ["IL", "17", "Illinois", 102, 5575, 0.42, 0.81, 0.86, 1.71, 1.51],
  ["IN", "18", "Indiana", 92, 5844, 1.2, 0.74, 0.69, 0.82, 0.88],
  ["KS", "20", "Kansas", 105, 2574, 0.91, 1.14, 1.36, 0.52, 0.48],
  ["KY", "21", "Kentucky", 120, 4658, 1.39, 0.7, 0.82, 1.98, 1.51],
  ["LA", "22", "Louisiana", 64, 3475, 1.19, 0.91, 1.57, 0.43, 0.73],
  ["MA", "25", "Massachusetts", 14, 3559, 0.83, 1.05, 1.28, 2.5, 1.62],
  ["MD", "24", "Maryland", 24, 1268, 0.7, 0.9, 1.3, 1.15, 0.97],
  ["ME", "23", "Maine", 16, 1037, 0.66, 0.67, 0.88, 0.4, 1.31],
  ["MI", "26", "Michigan", 83, 3628, 0.5, 0.51, 0.59, 1.6, 1.05],
  ["MN", "27", "Minnesota", 87, 4041, 1.38, 1.39, 0.72, 0.89, 0.69],
  ["MO", "29", "Missouri", 115, 5360, 0.81, 0.86, 1.35, 0.52, 0.3],
  ["MS", "28", "Mississippi", 82, 2135, 1.22, 0.89, 1.36, 2.1, 1.12],
  ["MT", "30", "Montana", 56, 1257, 1.45, 0.87, 0.89, 1.12, 1.0],
  ["NC", "37", "North Carolina", 100, 4200, 0.8, 0.48, 1.22, 1.06, 1.14],
  ["ND", "38", "North Dakota", 53, 665, 1.34, 1.03, 1.6, 0.16, 0.32],
  ["NE", "31", "Nebraska", 93, 1631, 0.78, 0.64, 0.7, 0.45, 0.58],
  ["NH", "33", "New Hampshire", 10, 686, 1.32, 2.42, 1.42, 0.36, 0.5],
  ["NJ", "34", "New Jersey", 21, 1602, 0.94, 0.99, 0.91, 0.34, 0.46],
  ["NM", "35", "New Mexico", 33, 1112, 0.74, 1.23, 1.67, 1.12, 1.57],
  ["NV", "32", "Nevada", 17, 2517, 1.12, 1.07, 1.0, 0.79, 0.93],
  ["NY", "36", "New York", 62, 6260, 1.0, 1.31, 0.85, 1.71, 1.79],
  ["OH", "39", "Ohio", 88, 9143, 1.07, 1.22, 0.67, 1.02, 0.93],
  ["OK", "40", "Oklahoma", 77, 3418, 0.99, 0.81, 0.95, 0.99, 0.81],
  ["OR", "41", "Oregon", 36, 2214, 1.12, 0.85, 0.98, 2.02, 1.15],
  ["PA", "42", "Pennsylvania", 67, 6236, 1.07, 0.88, 0.42, 0.14, 0.4],
  ["RI", "44", "Rhode Island", 5, 730, 0.9, 0.88, 0.61, 1.49, 0.83],
  ["SC", "45", "South Carolina", 46, 2826, 1.54, 0.96, 2.85, 1.21, 1.01],
  ["SD", "46", "South Dakota", 66, 984, 0.94, 1.21, 1.34, 0.62, 1.06],
  ["TN", "47", "Tennessee", 95, 4923, 1.14, 1.24, 1.05, 0.76, 0.3],
  ["TX", "48", "Texas", 254, 9422, 1.03, 0.42, 0.98, 1.16, 0.6],
  ["UT", "49", "Utah", 29, 1267, 1.34, 0.63, 1.29, 1.83, 0.97],
  ["VA", "51", "Virginia", 133, 2249, 0.77, 0.63, 0.79, 0.46, 0.39],
  ["VT", "50", "Vermont", 14, 455, 0.99, 2.25, 1.53, 0.51, 0.5],
  ["WA", "53", "Washington", 39, 2834, 1.26, 0.76, 1.14, 0.86, 1.26],
  ["WI", "55", "Wisconsin", 72, 3337, 0.98, 1.21, 0.95, 0.31, 0.38],
  ["WV", "54", "West Virginia", 55, 3994, 0.97, 0.83, 0.99, 0.38, 0.9],
  ["WY", "56", "Wyoming", 23, 621, 1.68, 1.49, 0.73, 0.6, 0.53],
];

export const stateProfiles: readonly StateProfile[] = rows.map(
  ([code, fips, name, counties, entriesFy2023, p1, p4, w1, s1, s2]) => ({
    code,
    fips,
    name,
    counties,
    entriesFy2023,
    ratio: { p1, p4, w1, s1, s2 },
  }),
);
