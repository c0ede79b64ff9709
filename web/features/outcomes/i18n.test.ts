import { describe, expect, it } from "vitest";
import { raceNames, sexNames } from "../../../server/modules/outcomes/history/codes.js";
import { measureIds } from "../../../server/modules/outcomes/measures/catalogue.js";
import { ageGroupKeys } from "../../../server/modules/outcomes/measures/types.js";
import en from "./i18n/en.json";
import es from "./i18n/es.json";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the outcomes pages' catalogs", () => {
  it("have the same keys and placeholders in English and Spanish", () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en))
      expect(placeholders(es[key as keyof typeof es]), key).toEqual(placeholders(text));
  });

  it("name and define every measure, and name every breakdown group, in both languages", () => {
    for (const catalog of [en, es] as Record<string, string>[]) {
      for (const id of measureIds) {
        expect(catalog[`outcomes.measure.${id}.name`], id).toBeTruthy();
        expect(catalog[`outcomes.measure.${id}.definition`]?.length, id).toBeGreaterThan(60);
      }
      for (const group of ageGroupKeys) expect(catalog[`outcomes.group.age_group.${group}`]).toBeTruthy();
      for (const group of raceNames) expect(catalog[`outcomes.group.race.${group}`]).toBeTruthy();
      for (const group of sexNames) expect(catalog[`outcomes.group.sex.${group}`]).toBeTruthy();
    }
  });
});
