import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The layers' one rule, enforced: `server/platform` never imports
 * `server/modules`, and a module reaches another only through its public
 * surface — its `index.ts` (descriptor and service exports) and its zod
 * contracts (`schema.ts`, `*-schema.ts`), which the web shares too. The
 * entry points outside the modules (app.ts, main.ts, the CLI, the demo seed,
 * modules/index.ts) keep to the same public surfaces. Every
 * form of import counts: static, `import type`, dynamic `import()`, type-level
 * `import("…")`, and `export … from`.
 */

const root = path.resolve(import.meta.dirname, "../..");
const server = path.join(root, "server");

interface Import {
  file: string;
  line: number;
  specifier: string;
}

/** Every relative import of one source file, whatever its form. */
function importsOf(file: string, source: string): Import[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Import[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined) => {
    if (specifier && ts.isStringLiteralLike(specifier)) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      found.push({ file, line, specifier: specifier.text });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node, node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      add(node, node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found.filter((i) => i.specifier.startsWith("."));
}

/** The file an import names, relative to server/ ("modules/children/service.ts"). */
function target(imp: Import): string {
  const resolved = path.resolve(
    path.dirname(imp.file),
    imp.specifier.replace(/\.js$/, ".ts").replace(/\.jsx$/, ".tsx"),
  );
  return path.relative(server, resolved).split(path.sep).join("/");
}

const moduleOf = (serverPath: string) => /^modules\/([^/]+)\//.exec(serverPath)?.[1];

/** Whether a path inside server/modules/<m>/ is the module's public surface. */
function isPublicSurface(serverPath: string): boolean {
  if (serverPath === "modules/index.ts") return true; // the list of descriptors
  const inside = /^modules\/[^/]+\/(.+)$/.exec(serverPath)?.[1];
  return inside === "index.ts" || inside === "schema.ts" || /^[^/]*-schema\.ts$/.test(inside ?? "");
}

/** One line per import that breaks the rule: "<file>:<line> imports <specifier> (<why>)". */
function violations(imports: Import[], exceptions: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const imp of imports) {
    const from = path.relative(server, imp.file).split(path.sep).join("/");
    const to = target(imp);
    if (!to.startsWith("modules/")) continue;
    const where = `server/${from}:${imp.line} imports ${imp.specifier}`;
    if (from.startsWith("platform/")) {
      out.push(`${where} (the platform never imports a module)`);
      continue;
    }
    const fromModule = moduleOf(from);
    const toModule = moduleOf(to);
    if (fromModule === undefined && !isPublicSurface(to) && !exceptions.has(`${from} -> ${to}`)) {
      out.push(`${where} (outside the modules, reach a module through its index.ts or contracts)`);
      continue;
    }
    if (fromModule !== undefined && toModule !== undefined && fromModule !== toModule && !isPublicSurface(to))
      out.push(`${where} (module ${fromModule} reaches inside module ${toModule}; use its index.ts or contracts)`);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

const file = (relative: string) => path.join(server, relative);

describe("import direction", () => {
  it("finds every form of import", () => {
    const source = [
      'import a from "./a.js";',
      'import type { B } from "./b.js";',
      'export { c } from "./c.js";',
      'export * from "./d.js";',
      'const e = await import("./e.js");',
      'type F = import("./f.js").F;',
      'import g = require("./g.js");',
      'import "./h.js";',
      'import z from "zod";',
    ].join("\n");
    expect(importsOf(file("platform/x.ts"), source).map((i) => i.specifier)).toEqual(
      ["a", "b", "c", "d", "e", "f", "g", "h"].map((n) => `./${n}.js`),
    );
  });

  it("refuses a platform file importing a module, even for a type or its index", () => {
    const found = violations([
      ...importsOf(file("platform/access/x.ts"), 'import type { T } from "../../modules/children/index.js";'),
      ...importsOf(file("platform/http/y.ts"), 'const m = await import("../../modules/network/service.js");'),
    ]);
    expect(found).toEqual([
      "server/platform/access/x.ts:1 imports ../../modules/children/index.js (the platform never imports a module)",
      "server/platform/http/y.ts:1 imports ../../modules/network/service.js (the platform never imports a module)",
    ]);
  });

  it("refuses a module reaching inside another, and allows its index, its contracts and its own files", () => {
    const source = [
      'import { childrenService } from "../children/service.js";',
      'import { childrenModule } from "../children/index.js";',
      'import { ChildListItem } from "../children/schema.js";',
      'import { TimelinessRow } from "../children/task-schema.js";',
      'export { x } from "../children/data/tables.js";',
      'import { own } from "./repository.js";',
      'import { alsoOwn } from "../outcomes/history/days.js";',
    ].join("\n");
    expect(violations(importsOf(file("modules/outcomes/service.ts"), source))).toEqual([
      "server/modules/outcomes/service.ts:1 imports ../children/service.js (module outcomes reaches inside " +
        "module children; use its index.ts or contracts)",
      "server/modules/outcomes/service.ts:5 imports ../children/data/tables.js (module outcomes reaches " +
        "inside module children; use its index.ts or contracts)",
    ]);
  });

  it("refuses the app, the CLI or the demo seed reaching inside a module", () => {
    const source = [
      'import { practiceJobs } from "../modules/children/reminders.js";',
      'import { modules } from "../modules/index.js";',
      'import { childrenModule } from "../modules/children/index.js";',
    ].join("\n");
    expect(violations(importsOf(file("cli/jobs.ts"), source))).toEqual([
      "server/cli/jobs.ts:1 imports ../modules/children/reminders.js (outside the modules, reach a module " +
        "through its index.ts or contracts)",
    ]);
    expect(violations(importsOf(file("app.ts"), 'import { x } from "./modules/identity/sign-in.js";'))).toHaveLength(1);
  });

  it("holds for every file under server/", () => {
    const imports = sourceFiles(server).flatMap((f) => importsOf(f, fs.readFileSync(f, "utf8")));
    expect(imports.length).toBeGreaterThan(500);
    expect(violations(imports)).toEqual([]);
  });
});
