/**
 * The legacy AFCARS foster care detail record (45 CFR 1355.40 App. A, 1993
 * rule): 66 elements in element order, each of the field size AFCARS
 * Technical Bulletin #1 (rev. Feb 2012) gives, 197 characters in all — the
 * detail record length of Technical Bulletin #2 (research/metrics.md §2.1).
 * Names are NDACAN's variable names; element 8 (race) is six one-character
 * flags.
 */
export const afcarsElements: [element: string, name: string, size: number][] = [
  ["1", "STATE", 2], ["2", "REPDAT", 6], ["3", "FIPSCODE", 5], ["4", "RECNUMBR", 12], ["5", "PEDREVDT", 8],
  ["6", "DOB", 8], ["7", "SEX", 1],
  ["8a", "AMIAKN", 1], ["8b", "ASIAN", 1], ["8c", "BLKAFRAM", 1], ["8d", "HAWAIIPI", 1], ["8e", "WHITE", 1], ["8f", "UNTODETM", 1],
  ["9", "HISORGIN", 1], ["10", "CLINDIS", 1], ["11", "MR", 1], ["12", "VISHEAR", 1], ["13", "PHYDIS", 1], ["14", "EMOTDIST", 1], ["15", "OTHERMED", 1],
  ["16", "EVERADPT", 1], ["17", "AGEADOPT", 1],
  ["18", "REM1DT", 8], ["19", "TOTALREM", 2], ["20", "DLSTFCDT", 8], ["21", "LATREMDT", 8], ["22", "REMTRNDT", 8], ["23", "CURSETDT", 8], ["24", "NUMPLEP", 2],
  ["25", "MANREM", 1],
  ["26", "PHYABUSE", 1], ["27", "SEXABUSE", 1], ["28", "NEGLECT", 1], ["29", "AAPARENT", 1], ["30", "DAPARENT", 1], ["31", "AACHILD", 1], ["32", "DACHILD", 1],
  ["33", "CHILDIS", 1], ["34", "CHBEHPRB", 1], ["35", "PRTSDIED", 1], ["36", "PRTSJAIL", 1], ["37", "NOCOPE", 1], ["38", "ABANDMNT", 1], ["39", "RELINQSH", 1], ["40", "HOUSING", 1],
  ["41", "CURPLSET", 1], ["42", "PLACEOUT", 1], ["43", "CASEGOAL", 1],
  ["44", "CTKFAMST", 1], ["45", "CTK1YR", 4], ["46", "CTK2YR", 4], ["47", "TPRMOMDT", 8], ["48", "TPRDADDT", 8],
  ["49", "FOSFAMST", 1], ["50", "FCCTK1YR", 4], ["51", "FCCTK2YR", 4], ["52", "RF1RACE", 6], ["53", "HOFCCTK1", 1], ["54", "RF2RACE", 6], ["55", "HOFCCTK2", 1],
  ["56", "DODFCDT", 8], ["57", "DODTRNDT", 8], ["58", "DISREASN", 1],
  ["59", "IVEFC", 1], ["60", "IVEAA", 1], ["61", "IVAAFDC", 1], ["62", "IVDCHSUP", 1], ["63", "XIXMEDCD", 1], ["64", "SSIOTHER", 1], ["65", "NOA", 1],
  ["66", "FCMNTPAY", 5],
];

export const AFCARS_DETAIL_LENGTH = 197;
export const AFCARS_SUMMARY_LENGTH = 174;

/** Where each element starts (0-based) and how long it is, by NDACAN name. */
export const afcarsFields: Record<string, { start: number; size: number; element: string }> = (() => {
  const fields: Record<string, { start: number; size: number; element: string }> = {};
  let start = 0;
  for (const [element, name, size] of afcarsElements) {
    fields[name] = { start, size, element };
    start += size;
  }
  if (start !== AFCARS_DETAIL_LENGTH) throw new Error(`AFCARS layout adds up to ${start}, not ${AFCARS_DETAIL_LENGTH}`);
  return fields;
})();

/** State FIPS codes (element 1 may be the FIPS number rather than the postal abbreviation). */
export const stateByFips: Record<string, string> = {
  "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT", "10": "DE", "11": "DC", "12": "FL", "13": "GA",
  "15": "HI", "16": "ID", "17": "IL", "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD", "25": "MA",
  "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE", "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY",
  "37": "NC", "38": "ND", "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD", "47": "TN", "48": "TX",
  "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV", "55": "WI", "56": "WY", "72": "PR",
};
