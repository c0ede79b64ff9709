import { describe, expect, it } from "vitest";
import { addDays, daysBetween } from "../../server/demo/calendar.js";
import { generateDemoNetwork } from "../../server/demo/generate-network.js";

const AS_OF = "2026-06-30";

describe("demo network generator", () => {
  it("is deterministic for a seed", () => {
    const a = generateDemoNetwork({ seed: 11, scale: 0.2, asOf: AS_OF });
    const b = generateDemoNetwork({ seed: 11, scale: 0.2, asOf: AS_OF });
    const c = generateDemoNetwork({ seed: 12, scale: 0.2, asOf: AS_OF });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.placements)).not.toBe(JSON.stringify(c.placements));
  });

  it("writes consistent histories: placements inside their episode, in order, never overlapping", () => {
    const net = generateDemoNetwork({ seed: 5, scale: 1, asOf: AS_OF });
    const episodes = new Map(net.episodes.map((e) => [e.id, e]));
    const byChild = new Map<string, typeof net.placements>();
    for (const p of net.placements) byChild.set(p.child_id, [...(byChild.get(p.child_id) ?? []), p]);
    for (const [, placements] of byChild) {
      placements.sort((x, y) => x.start_date.localeCompare(y.start_date));
      expect(placements.filter((p) => p.end_date == null).length).toBeLessThanOrEqual(1);
      for (let i = 0; i < placements.length; i++) {
        const p = placements[i];
        const episode = episodes.get(p.episode_id)!;
        expect(p.start_date >= episode.removal_date).toBe(true);
        if (episode.exit_date) expect(p.end_date! <= episode.exit_date).toBe(true);
        if (p.end_date) expect(p.end_date >= p.start_date).toBe(true);
        if (i > 0) expect(placements[i - 1].end_date! <= p.start_date).toBe(true);
      }
    }
  });

  // National figures (shared/data/national_table.md): about a third of entries
  // reach permanency within 12 months, about 4.5 moves per 1,000 days in care,
  // about 6 % re-enter within 12 months. The demo is meant to look like that.
  it("follows the national calibration", () => {
    const net = generateDemoNetwork({ seed: 3, scale: 6, asOf: AS_OF });
    const cohortStart = addDays(AS_OF, -365 * 5);
    const cohortEnd = addDays(AS_OF, -365 * 2);
    const firstEpisodes = net.episodes.filter((e) => e.removal_date >= cohortStart && e.removal_date < cohortEnd);
    const permanentIn12 = firstEpisodes.filter(
      (e) =>
        e.exit_date &&
        ["reunification", "relative", "guardianship", "adoption"].includes(e.exit_reason!) &&
        daysBetween(e.removal_date, e.exit_date) < 365,
    ).length;
    const p12 = permanentIn12 / firstEpisodes.length;
    expect(p12).toBeGreaterThan(0.25);
    expect(p12).toBeLessThan(0.42);

    let days = 0;
    let moves = 0;
    for (const p of net.placements) days += daysBetween(p.start_date, p.end_date ?? AS_OF);
    const perEpisode = new Map<string, number>();
    for (const p of net.placements) perEpisode.set(p.episode_id, (perEpisode.get(p.episode_id) ?? 0) + 1);
    for (const [, count] of perEpisode) moves += count - 1;
    const rate = (moves / days) * 1000;
    expect(rate).toBeGreaterThan(3.5);
    expect(rate).toBeLessThan(6);

    const reunified = net.episodes.filter(
      (e) =>
        e.exit_date &&
        e.exit_date < addDays(AS_OF, -365) &&
        ["reunification", "relative", "guardianship"].includes(e.exit_reason!),
    );
    const reentered = reunified.filter((e) =>
      net.episodes.some(
        (n) =>
          n.child_id === e.child_id &&
          n.removal_date > e.exit_date! &&
          daysBetween(e.exit_date!, n.removal_date) <= 365,
      ),
    ).length;
    const reentry = reentered / reunified.length;
    expect(reentry).toBeGreaterThan(0.03);
    expect(reentry).toBeLessThan(0.12);
  });

  it("ties the demo family accounts to real records", () => {
    const net = generateDemoNetwork({ seed: 1, scale: 1, asOf: AS_OF });
    const caregiver = net.demoAccounts.find((a) => a.role === "caregiver")!;
    const homes = net.householdMembers.filter((m) => m.person_id === caregiver.personId).map((m) => m.household_id);
    const placedNow = net.placements.filter((p) => p.end_date == null && homes.includes(p.household_id!));
    expect(placedNow.length).toBeGreaterThan(0);
    const parent = net.demoAccounts.find((a) => a.role === "birth_parent")!;
    const ownChildren = net.childRelations
      .filter((r) => r.person_id === parent.personId && r.kind === "birth_parent")
      .map((r) => r.child_id);
    expect(ownChildren.some((c) => placedNow.some((p) => p.child_id === c))).toBe(true);
  });
});
