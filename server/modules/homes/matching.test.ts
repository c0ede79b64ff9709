import { describe, expect, it } from "vitest";
import { ageOn, distanceKm, type MatchHome, rankHomes } from "./matching.js";

const centroids = new Map([
  ["93701", { latitude: 36.7487, longitude: -119.7867 }],
  ["93720", { latitude: 36.8625, longitude: -119.7628 }],
  ["33602", { latitude: 27.9537, longitude: -82.4563 }],
]);
const home = (id: string, over: Partial<MatchHome> = {}): MatchHome => ({
  id,
  capacity: 3,
  placed: 0,
  prefAgeMin: 0,
  prefAgeMax: 17,
  prefSiblingGroups: true,
  prefNeeds: [],
  languages: ["en"],
  postalCode: "93701",
  kin: false,
  ...over,
});
const sibs = [
  { age: 4, languages: ["es", "en"], tribe: null },
  { age: 9, languages: ["es"], tribe: null },
];

describe("explainable matching", () => {
  it("ranks room for all siblings, fit and nearness first, and says why", () => {
    const ranked = rankHomes(
      sibs,
      ["medical"],
      ["93701"],
      [
        home("far", { postalCode: "33602", prefNeeds: ["medical"], languages: ["es"] }),
        home("short", { capacity: 2, placed: 1, prefNeeds: ["medical"], languages: ["es"] }),
        home("best", { prefNeeds: ["medical"], languages: ["es"] }),
        home("young-only", { prefAgeMax: 5, prefNeeds: ["medical"], languages: ["es"] }),
      ],
      centroids,
    );
    expect(ranked.map((r) => r.id)).toEqual(["best", "young-only", "far", "short"]);
    const best = ranked[0];
    expect(best.reasons.map((r) => r.code)).toEqual([
      "room_for_all",
      "takes_siblings",
      "ages_fit",
      "needs_met",
      "language_shared",
      "near_family",
    ]);
    expect(ranked.find((r) => r.id === "short")!.reasons[0]).toMatchObject({
      code: "room_short",
      params: { room: 1, size: 2 },
    });
    expect(ranked.find((r) => r.id === "young-only")!.reasons.find((r) => r.code === "ages_partly")!.params).toEqual({
      fit: 1,
      size: 2,
    });
    expect(ranked.find((r) => r.id === "far")!.distanceKm).toBeGreaterThan(3000);
  });

  it("counts the home's lasting placements of children of similar ages", () => {
    const [withHistory, without] = rankHomes(
      sibs,
      [],
      ["93701"],
      [home("new"), home("seasoned", { lastingAges: [5, 8, 16] })],
      centroids,
    );
    expect(withHistory.id).toBe("seasoned");
    expect(withHistory.reasons.find((r) => r.code === "history_similar")).toMatchObject({
      points: 10,
      params: { count: 2 },
    });
    expect(without.reasons.map((r) => r.code)).not.toContain("history_similar");
  });

  it("says when a distance is unknown rather than guess it", () => {
    const [only] = rankHomes(sibs, [], ["99999"], [home("h")], centroids);
    expect(only.reasons.map((r) => r.code)).toContain("distance_unknown");
    expect(only.distanceKm).toBeNull();
  });

  it("measures distances and ages correctly", () => {
    expect(distanceKm(centroids.get("93701")!, centroids.get("93720")!)).toBeCloseTo(12.8, 0);
    expect(ageOn("2016-12-05", "2026-12-04")).toBe(9);
    expect(ageOn("2016-12-04", "2026-12-04")).toBe(10);
  });
});
