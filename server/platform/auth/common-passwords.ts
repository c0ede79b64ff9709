import fs from "node:fs";

// The most common passwords from public breach-frequency lists, lower-cased:
// the 10,000 of common-passwords.txt (see its header for the source) and a few
// this domain invites. A password is refused if it, lower-cased and with
// trailing digits and punctuation removed, is here — "Password123!" is as
// weak as "password" (NIST SP 800-63B §5.1.1.2 "blocklist").
const fromFile = fs
  .readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line && !line.startsWith("#"));

const common = `
password passw0rd p@ssword p@ssw0rd 123456 1234567 12345678 123456789 1234567890 qwerty qwertyuiop qwerty123
abc123 abcd1234 111111 000000 11111111 00000000 123123 123123123 654321 666666 696969 7777777 88888888 987654321
iloveyou letmein welcome welcome1 admin administrator root toor login master monkey dragon football baseball
basketball soccer hockey sunshine shadow superman batman trustno1 princess starwars whatever freedom hello
charlie michael jennifer jordan jessica ashley daniel thomas andrew joshua matthew hunter2 hunter killer
computer internet google secret changeme default guest test tester testing access flower summer winter
spring autumn football1 mustang maggie ginger pepper cookie cheese chocolate purple orange yellow silver
ranger buster tigger harley thunder zxcvbnm zxcvbnm1 asdfghjkl asdfgh 1q2w3e4r 1qaz2wsx qazwsx q1w2e3r4
aa123456 a123456 123qwe qwe123 1234qwer passpass pass1234 password1 password12 password123 mypassword
foster fostercare caseworker children family families parenting qualityparenting
`
  .split(/\s+/)
  .filter(Boolean);

const commonSet = new Set([...fromFile, ...common]);

/** How many passwords the list holds (reported by tests and the README). */
export const commonPasswordCount = commonSet.size;

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/, "");
  return commonSet.has(lower) || (stem.length >= 4 && commonSet.has(stem)) || /^(.)\1+$/.test(password);
}
