/**
 * Explainable placement matching: for a child or a sibling group, each available approved home gets points per
 * criterion, and every criterion says why (a reason code with its figures). No criterion is hidden, none is learnt:
 * the worker reads why a home ranks where it does and decides. Pure, so it is measured alone (`npm run bench`).
 */
export interface MatchChild {
  age: number | null;
  languages: string[];
  tribe: string | null;
}
export interface MatchHome {
  id: string;
  capacity: number | null;
  placed: number;
  prefAgeMin: number | null;
  prefAgeMax: number | null;
  prefSiblingGroups: boolean;
  prefNeeds: string[];
  languages: string[];
  postalCode: string | null;
  kin: boolean;
  /** Past placements in this home that lasted 90 days or more, by the child's age when each began. */
  lastingAges?: number[];
}
export interface MatchReason {
  code: string;
  points: number;
  params?: Record<string, string | number>;
}
export interface RankedHome {
  id: string;
  score: number;
  reasons: MatchReason[];
  distanceKm: number | null;
}
export type Centroids = ReadonlyMap<string, { latitude: number; longitude: number }>;

/** Great-circle distance in km between two centroids (haversine). */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

export function rankHomes(
  group: MatchChild[],
  needs: string[],
  familyPostalCodes: string[],
  homes: MatchHome[],
  centroids: Centroids,
  limit = 20,
): RankedHome[] {
  const family = familyPostalCodes.map((p) => centroids.get(p)).filter((c) => c !== undefined);
  const size = group.length;
  const languages = new Set(group.flatMap((c) => c.languages));
  const ranked: RankedHome[] = [];
  for (const home of homes) {
    const reasons: MatchReason[] = [];
    const room = home.capacity === null ? null : home.capacity - home.placed;
    if (room === null) reasons.push({ code: "room_unknown", points: 0 });
    else if (room >= size) reasons.push({ code: "room_for_all", points: 30, params: { room, size } });
    else reasons.push({ code: "room_short", points: -40, params: { room: Math.max(0, room), size } });
    if (size > 1)
      reasons.push(
        home.prefSiblingGroups
          ? { code: "takes_siblings", points: 10 }
          : { code: "siblings_not_preferred", points: -10 },
      );
    const fit = group.filter(
      (c) =>
        c.age !== null &&
        (home.prefAgeMin === null || c.age >= home.prefAgeMin) &&
        (home.prefAgeMax === null || c.age <= home.prefAgeMax),
    ).length;
    reasons.push({
      code: fit === size ? "ages_fit" : "ages_partly",
      points: Math.round((20 * fit) / size),
      params: { fit, size },
    });
    if (needs.length) {
      const met = needs.filter((n) => home.prefNeeds.includes(n)).length;
      reasons.push({
        code: met === needs.length ? "needs_met" : "needs_partly",
        points: Math.round((15 * met) / needs.length),
        params: { met, of: needs.length },
      });
    }
    const shared = home.languages.filter((l) => languages.has(l));
    reasons.push(
      shared.length
        ? { code: "language_shared", points: 10, params: { languages: shared.join(", ") } }
        : { code: "language_not_shared", points: 0 },
    );
    const here = home.postalCode ? centroids.get(home.postalCode) : undefined;
    let km: number | null = null;
    if (here && family.length) {
      km = Math.min(...family.map((f) => distanceKm(here, f)));
      const points = km <= 10 ? 20 : km <= 25 ? 12 : km <= 50 ? 5 : 0;
      reasons.push({ code: "near_family", points, params: { km: Math.round(km * 10) / 10 } });
    } else reasons.push({ code: "distance_unknown", points: 0 });
    if (home.kin) reasons.push({ code: "kin_home", points: 5 });
    const ages = group.map((c) => c.age).filter((a): a is number => a !== null);
    if (ages.length && home.lastingAges?.length) {
      const [low, high] = [Math.min(...ages) - 2, Math.max(...ages) + 2];
      const similar = home.lastingAges.filter((a) => a >= low && a <= high).length;
      if (similar > 0)
        reasons.push({ code: "history_similar", points: Math.min(10, 5 * similar), params: { count: similar } });
    }
    if (group.some((c) => c.tribe)) reasons.push({ code: "tribe_ask", points: 0 });
    const score = reasons.reduce((s, r) => s + r.points, 0);
    ranked.push({ id: home.id, score, reasons, distanceKm: km });
  }
  ranked.sort((a, b) => b.score - a.score || (a.distanceKm ?? 1e9) - (b.distanceKm ?? 1e9) || (a.id < b.id ? -1 : 1));
  return ranked.slice(0, limit);
}

/** Age in whole years on `day`. */
export function ageOn(birthDate: string | null, day: string): number | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split("-").map(Number);
  const [ty, tm, td] = day.split("-").map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}
