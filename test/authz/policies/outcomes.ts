import { refreshPlatformOutcomes } from "../../../server/modules/outcomes/index.js";
import { denied, hidden, ok } from "../expect.js";
import type { PreparePolicyWorld } from "../policy-table.js";
import type { Expectation, RoleName, RoutePolicy } from "../policy-types.js";
import { ALL_ROLES } from "../policy-types.js";

/** As the demo seeder does: the outcome routes read the projection of the world's records. */
export const prepare: PreparePolicyWorld = async (db) => {
  await refreshPlatformOutcomes(db);
};

/**
 * Who sees which outcomes (issue 5; migrations 0004, 0340). outcomes:read is
 * held at 'site' scope by the site's supervisors, QPI coordinator and
 * analyst (exact figures of their own site), at 'state' by a state analyst
 * and at 'network' by a network analyst (suppressed figures of every site in
 * reach). Another site's area does not exist for a site-scope reader (404);
 * a role without outcomes:read gets 403. In the test world every site is in a
 * state of its own, so a state analyst's "other site" is out of reach too.
 *
 * The children behind a figure also need child:read (the children module's
 * scope): a supervisor gets them, every other outcomes reader 403.
 */
const SITE_READERS: RoleName[] = ["supervisor", "qpi_coordinator", "analyst", "state_analyst"];
const READERS: RoleName[] = [...SITE_READERS, "network_analyst"];

/** A route about the caller's reach (no area): outcomes readers get `allowed`, everyone else 403. */
function readersRoute(allowed: Expectation): RoutePolicy["expect"] {
  return Object.fromEntries(ALL_ROLES.map((role) => [role, { own: READERS.includes(role) ? allowed : denied }]));
}

/** An area route: readers see their own site's area; only the network analyst sees another site's. */
function areaRoute(
  allowed: Expectation,
  options: { networkOtherSite?: Expectation; own?: Partial<Record<RoleName, Expectation>> } = {},
): RoutePolicy["expect"] {
  return Object.fromEntries(
    ALL_ROLES.map((role) => {
      if (!READERS.includes(role)) return [role, { own: denied, other_site: denied }];
      const own = options.own?.[role] ?? allowed;
      return [role, { own, other_site: role === "network_analyst" ? (options.networkOtherSite ?? allowed) : hidden }];
    }),
  );
}

const areaFields = ["areas"];
const reportFields = ["area", "period", "dataAsOf", "measures", "practices"];
const drillFields = ["area", "measure", "period", "part", "total", "children", "notShown"];
const drillDenied = Object.fromEntries(READERS.filter((r) => r !== "supervisor").map((r) => [r, denied])) as Partial<
  Record<RoleName, Expectation>
>;

export const policies: RoutePolicy[] = [
  {
    route: "GET /api/outcomes/measures",
    target: "none",
    build: () => ({ url: "/api/outcomes/measures" }),
    anonymous: 401,
    expect: readersRoute(ok(["measures", "smallCellMax"])),
    otherwise: denied,
  },
  {
    route: "GET /api/outcomes/areas",
    target: "none",
    build: () => ({ url: "/api/outcomes/areas" }),
    anonymous: 401,
    expect: readersRoute(ok(areaFields)),
    otherwise: denied,
  },
  {
    route: "GET /api/outcomes/report",
    target: "site",
    build: (t) => ({ url: `/api/outcomes/report?site=${t.siteId}` }),
    anonymous: 401,
    expect: areaRoute(ok(reportFields)),
    otherwise: denied,
  },
  {
    route: "GET /api/outcomes/report.csv",
    target: "site",
    build: (t) => ({ url: `/api/outcomes/report.csv?site=${t.siteId}` }),
    anonymous: 401,
    expect: areaRoute(ok()),
    otherwise: denied,
  },
  {
    route: "GET /api/outcomes/trend",
    target: "site",
    build: (t) => ({ url: `/api/outcomes/trend?site=${t.siteId}&measure=reentry_12m` }),
    anonymous: 401,
    expect: areaRoute(ok(["area", "measure", "launchDate", "points"])),
    otherwise: denied,
  },
  {
    route: "GET /api/outcomes/compare",
    target: "none",
    build: () => ({ url: "/api/outcomes/compare?measure=permanency_12m_entries" }),
    anonymous: 401,
    expect: readersRoute(ok(["measure", "period", "national", "rows"])),
    otherwise: denied,
  },
  {
    route: "GET /api/outcomes/before-after",
    target: "site",
    build: (t) => ({ url: `/api/outcomes/before-after?site=${t.siteId}` }),
    anonymous: 401,
    expect: areaRoute(ok(["area", "launchDate", "before", "after", "measures"])),
    otherwise: denied,
  },
  {
    route: "GET /api/outcomes/children",
    target: "site",
    build: (t) => ({ url: `/api/outcomes/children?site=${t.siteId}&measure=in_care_end` }),
    anonymous: 401,
    // Aggregates reach further than records: the network analyst sees another site's figure, never its children.
    expect: areaRoute(ok(drillFields), { networkOtherSite: denied, own: drillDenied }),
    otherwise: denied,
  },
];
