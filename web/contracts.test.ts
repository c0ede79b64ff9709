import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The web app types what it sends and receives with the server's own zod
// schemas (import type: erased at build). These checks fail when a page goes
// back to a hand-written copy of an API shape.

const root = path.dirname(fileURLToPath(import.meta.url));
const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
const files = sources(root).map((file) => ({
  name: path.relative(root, file),
  text: fs.readFileSync(file, "utf8"),
}));

/** Type aliases declared from a schema: z.infer / z.input, or a part of one (T["key"], Omit<T, ...>). */
function schemaTypes(): Set<string> {
  const aliases = files.flatMap(({ text }) =>
    [...text.matchAll(/^(?:export )?type (\w+) = ([^;]+);/gm)].map((m) => ({ name: m[1], body: m[2] })),
  );
  const derived = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const { name, body } of aliases) {
      if (derived.has(name)) continue;
      const fromSchema = /\bz\.(infer|input)<typeof \w+>/.test(body);
      const fromDerived = [...body.matchAll(/\b([A-Z]\w*)\b/g)].some((m) => derived.has(m[1]));
      if (fromSchema || fromDerived) {
        derived.add(name);
        grew = true;
      }
    }
  }
  return derived;
}

describe("the web app's API types", () => {
  it("are never written out inline: api<{ ... }> is a hand-written copy of an answer", () => {
    const inline = files.filter(({ text }) => /\bapi<\s*\{/.test(text)).map(({ name }) => name);
    expect(inline).toEqual([]);
  });

  it("name a type taken from the server's zod schemas in every api<T> call", () => {
    const fromSchemas = schemaTypes();
    const handWritten = files.flatMap(({ name, text }) =>
      [...text.matchAll(/(?<!function )\bapi<([^>(]+)>\(/g)]
        .map((m) => m[1].trim())
        .filter((type) => !fromSchemas.has(type))
        .map((type) => `${name}: api<${type}>`),
    );
    expect(handWritten).toEqual([]);
  });

  it("come from server schema files as types only, so no server code reaches the bundle", () => {
    const serverImports = files.flatMap(({ name, text }) =>
      [...text.matchAll(/^import (type )?[^;]*from "((?:\.\.\/)+server\/[^"]+)";/gm)].map((m) => ({
        name,
        typeOnly: m[1] !== undefined,
        from: m[2],
      })),
    );
    expect(serverImports.length).toBeGreaterThan(0);
    expect(serverImports.filter((i) => !i.typeOnly)).toEqual([]);
    expect(
      serverImports.filter((i) => !/(schema|actor-view)$/.test(i.from)).map((i) => `${i.name} <- ${i.from}`),
    ).toEqual([]);
  });

  it("are declared in each feature's types.ts only as aliases of schema types", () => {
    const fromSchemas = schemaTypes();
    const typeFiles = files.filter(({ name }) => path.basename(name) === "types.ts");
    expect(typeFiles.length).toBeGreaterThan(0);
    const handWritten = typeFiles.flatMap(({ name, text }) => [
      ...[...text.matchAll(/^(?:export )?interface (\w+)/gm)].map((m) => `${name}: interface ${m[1]}`),
      ...[...text.matchAll(/^(?:export )?type (\w+) =/gm)]
        .filter((m) => !fromSchemas.has(m[1]))
        .map((m) => `${name}: type ${m[1]}`),
    ]);
    expect(handWritten).toEqual([]);
  });
});
