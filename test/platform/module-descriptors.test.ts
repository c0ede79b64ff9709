import { describe, expect, it } from "vitest";
import { modules } from "../../server/modules/index.js";
import { permissions, platformPermissions } from "../../server/platform/access/permissions.js";
import { translate } from "../../server/platform/i18n/locale.js";
import { registerCatalogues, scheduledJobs } from "../../server/platform/registry/module-descriptor.js";

describe("module descriptors", () => {
  it("name each module once", () => {
    const names = modules.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("define every permission exactly once, between them and the platform's field classes", () => {
    const definers = new Map<string, string[]>();
    const define = (code: string, by: string) => definers.set(code, [...(definers.get(code) ?? []), by]);
    for (const code of platformPermissions) define(code, "platform");
    for (const module of modules) for (const code of module.permissions) define(code, module.name);
    const twice = [...definers].filter(([, by]) => by.length > 1).map(([code, by]) => `${code}: ${by.join(", ")}`);
    expect(twice, "defined by more than one").toEqual([]);
    expect(
      permissions.filter((code) => !definers.has(code)),
      "defined by no module",
    ).toEqual([]);
  });

  it("carry an English and a Spanish catalogue with the same keys", () => {
    for (const module of modules) {
      const en = Object.keys(module.messages.en).sort();
      const es = Object.keys(module.messages.es).sort();
      expect({ module: module.name, missingInSpanish: en.filter((k) => !es.includes(k)) }).toEqual({
        module: module.name,
        missingInSpanish: [],
      });
      expect({ module: module.name, missingInEnglish: es.filter((k) => !en.includes(k)) }).toEqual({
        module: module.name,
        missingInEnglish: [],
      });
    }
  });

  it("put their messages in the catalogues the platform translates from once registered", () => {
    registerCatalogues(modules);
    for (const module of modules) {
      for (const [key, text] of Object.entries(module.messages.es)) {
        if (text.includes("{")) continue;
        expect(translate("es", key)).toBe(text);
      }
    }
  });

  it("refuse two modules scheduling a job of the same name", () => {
    const twin = { ...modules.find((m) => m.jobs)!, name: "twin" };
    expect(() => scheduledJobs([...modules, twin], {})).toThrow(/Two modules define the scheduled job/);
  });
});
