import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every string the user reads comes from a catalogue in both languages, and the code asks only for keys that exist:
// a missing key would show raw (`identity.role.network_analyst`) instead of words.
const root = path.resolve(import.meta.dirname, "..", "..");
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;

function filesUnder(dir: string, test: (file: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesUnder(full, test);
    return test(full) ? [full] : [];
  });
}

/** The web catalogues as the app merges them: the shell's, then each feature's. */
const webCatalogueDirs = [
  path.join(root, "web", "i18n"),
  ...fs
    .readdirSync(path.join(root, "web", "features"))
    .map((feature) => path.join(root, "web", "features", feature, "i18n"))
    .filter((dir) => fs.existsSync(dir)),
];
const web = { en: {} as Record<string, string>, es: {} as Record<string, string> };
for (const dir of webCatalogueDirs)
  for (const language of ["en", "es"] as const) Object.assign(web[language], read(path.join(dir, `${language}.json`)));

/** Server catalogue pairs: the platform's messages and field labels, each module's messages. */
const serverPairs = [
  ...filesUnder(path.join(root, "server"), (f) => /\.en\.json$/.test(f)).map((en) => [
    en,
    en.replace(/\.en\.json$/, ".es.json"),
  ]),
];

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function expectSameKeysAndPlaceholders(en: Record<string, string>, es: Record<string, string>, where: string) {
  expect(Object.keys(es).sort(), where).toEqual(Object.keys(en).sort());
  for (const [key, text] of Object.entries(en)) {
    expect(placeholders(es[key] ?? ""), `${where} ${key}`).toEqual(placeholders(text));
    // Empty only where the English is empty on purpose (nothing to say).
    expect(Boolean(es[key]?.trim()), `${where} ${key}`).toBe(Boolean(text.trim()));
  }
}

const sources = filesUnder(path.join(root, "web"), (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f)).map(
  (file) => ({
    file: path.relative(root, file),
    text: fs.readFileSync(file, "utf8"),
  }),
);

describe("catalogues", () => {
  it("have the same keys and placeholders in English and Spanish, file by file (web and server)", () => {
    for (const dir of webCatalogueDirs)
      expectSameKeysAndPlaceholders(read(path.join(dir, "en.json")), read(path.join(dir, "es.json")), dir);
    expect(serverPairs.length).toBeGreaterThanOrEqual(5);
    for (const [en, es] of serverPairs) {
      expect(fs.existsSync(es), es).toBe(true);
      expectSameKeysAndPlaceholders(read(en), read(es), path.relative(root, en));
    }
  });

  it("hold every key the web app asks for by name", () => {
    const asked = new Map<string, string>();
    for (const { file, text } of sources)
      for (const m of text.matchAll(/\bt\(\s*"([A-Za-z0-9_.-]+)"|labelKey="([A-Za-z0-9_.-]+)"/g))
        asked.set(m[1] ?? m[2], file);
    expect(asked.size).toBeGreaterThan(300);
    const missing = [...asked]
      .flatMap(([key, file]) =>
        (["en", "es"] as const).filter((l) => !(key in web[l])).map((l) => `${l} ${key} (${file})`),
      )
      .sort();
    expect(missing).toEqual([]);
  });

  it("hold keys under every prefix the web app builds a key from", () => {
    const prefixes = new Map<string, string>();
    for (const { file, text } of sources)
      for (const m of text.matchAll(/\bt\(\s*`([A-Za-z0-9_.-]+\.)\$\{/g)) prefixes.set(m[1], file);
    expect(prefixes.size).toBeGreaterThan(10);
    for (const [prefix, file] of prefixes)
      for (const language of ["en", "es"] as const)
        expect(
          Object.keys(web[language]).some((k) => k.startsWith(prefix)),
          `${language} ${prefix}… (${file})`,
        ).toBe(true);
  });

  it("name every role the database defines, in both languages, wherever a role is shown", () => {
    const roles = filesUnder(path.join(root, "server", "db", "migrations"), (f) => f.endsWith(".sql")).flatMap(
      (file) => {
        const sql = fs.readFileSync(file, "utf8");
        return [...sql.matchAll(/INSERT INTO role \(code, kind, description\) VALUES([\s\S]*?);/g)].flatMap((m) =>
          [...m[1].matchAll(/\(\s*'([a-z_]+)'/g)].map((r) => r[1]),
        );
      },
    );
    expect(roles).toContain("network_analyst");
    for (const role of roles)
      for (const language of ["en", "es"] as const) {
        expect(web[language][`identity.role.${role}`], `${language} identity.role.${role}`).toBeTruthy();
        expect(web[language][`role.${role}`], `${language} role.${role}`).toBeTruthy();
      }
  });

  it("never hold a key as its own text (a raw key on screen)", () => {
    for (const language of ["en", "es"] as const)
      for (const [key, text] of Object.entries(web[language])) expect(text, `${language} ${key}`).not.toBe(key);
  });
});
