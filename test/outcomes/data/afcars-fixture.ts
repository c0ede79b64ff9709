/**
 * AFCARS foster care files for tests, built from Technical Bulletin #1's
 * element table (field sizes in element order; element 8 is six race flags),
 * independently of the importer's own layout: the two must agree on 197.
 */
const tb1Sizes: [string, number][] = [
  ["STATE", 2],
  ["REPDAT", 6],
  ["FIPSCODE", 5],
  ["RECNUMBR", 12],
  ["PEDREVDT", 8],
  ["DOB", 8],
  ["SEX", 1],
  ["RACE", 6],
  ["HISORGIN", 1],
  ...Array.from({ length: 8 }, (_, i): [string, number] => [`E${10 + i}`, 1]),
  ["REM1DT", 8],
  ["TOTALREM", 2],
  ["DLSTFCDT", 8],
  ["LATREMDT", 8],
  ["REMTRNDT", 8],
  ["CURSETDT", 8],
  ["NUMPLEP", 2],
  ["MANREM", 1],
  ...Array.from({ length: 15 }, (_, i): [string, number] => [`E${26 + i}`, 1]),
  ["CURPLSET", 1],
  ["PLACEOUT", 1],
  ["CASEGOAL", 1],
  ["CTKFAMST", 1],
  ["CTK1YR", 4],
  ["CTK2YR", 4],
  ["TPRMOMDT", 8],
  ["TPRDADDT", 8],
  ["FOSFAMST", 1],
  ["FCCTK1YR", 4],
  ["FCCTK2YR", 4],
  ["RF1RACE", 6],
  ["HOFCCTK1", 1],
  ["RF2RACE", 6],
  ["HOFCCTK2", 1],
  ["DODFCDT", 8],
  ["DODTRNDT", 8],
  ["DISREASN", 1],
  ...Array.from({ length: 7 }, (_, i): [string, number] => [`E${59 + i}`, 1]),
  ["FCMNTPAY", 5],
];

export function detailRecord(values: Record<string, string>): string {
  const record = tb1Sizes.map(([name, size]) => (values[name] ?? "").padEnd(size).slice(0, size)).join("");
  if (record.length !== 197) throw new Error(`record is ${record.length}`);
  return record;
}

/** A semi-annual submission: '@', the 174-character summary record, the detail records, '#'. */
export function submission(period: string, records: Record<string, string>[]): string {
  return `${[
    "@",
    `CA${period}`.padEnd(174),
    ...records.map((r) => detailRecord({ STATE: "06", REPDAT: period, FIPSCODE: "06019", ...r })),
    "#",
    "adoption records follow",
  ].join("\r\n")}\r\n`;
}
