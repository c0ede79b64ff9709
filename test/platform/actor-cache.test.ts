import { describe, expect, it } from "vitest";
import type { ActorFacts } from "../../server/platform/access/load-actor.js";
import { ActorCache } from "../../server/platform/auth/actor-cache.js";

const facts = { userId: "u" } as ActorFacts;
const access = { userId: "u", accessVersion: 1, accessEpoch: 1, facts };

describe("the per-session actor cache", () => {
  it("serves an entry only while it is younger than its time limit, and drops the expired as others arrive", () => {
    let now = 0;
    const cache = new ActorCache(10_000, 100, () => now);
    cache.remember("a", access);
    now = 9_999;
    expect(cache.current("a")).toBeDefined();
    now = 10_000;
    expect(cache.current("a")).toBeUndefined();
    cache.remember("b", access);
    now = 15_000;
    cache.remember("c", access);
    now = 21_000; // b has expired, c has not
    cache.remember("d", access);
    expect(cache.size).toBe(2);
    expect(cache.current("c")).toBeDefined();
  });

  it("keeps at most its cap, dropping the oldest", () => {
    const cache = new ActorCache(10_000, 3, () => 0);
    for (const key of ["a", "b", "c", "d"]) cache.remember(key, access);
    expect(cache.size).toBe(3);
    expect(cache.current("a")).toBeUndefined();
    expect(cache.current("d")).toBeDefined();
  });

  it("holds nothing when its time limit is 0", () => {
    const cache = new ActorCache(0, 3, () => 0);
    cache.remember("a", access);
    expect(cache.current("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
