import { callerRoute, denied, hidden, ok, siteRoute } from "../expect.js";
import type { RoutePolicy } from "../policy-types.js";

/** The network directory (network:read, site scope): staff of a site see their sites, units and staff counts. */
const readers = ["caseworker", "supervisor", "rfa_worker", "qpi_coordinator", "site_admin"] as const;
const siteFields = [
  "id",
  "code",
  "name",
  "stateCode",
  "stateName",
  "kind",
  "timeZone",
  "qpiLaunchDate",
  "units",
  "staffByRole",
];

export const policies: RoutePolicy[] = [
  {
    route: "GET /api/network/sites",
    target: "none",
    build: () => ({ url: "/api/network/sites" }),
    anonymous: 401,
    expect: callerRoute([...readers], ok(["sites"])),
    otherwise: denied,
  },
  {
    route: "GET /api/network/sites/:siteId",
    target: "site",
    build: (t) => ({ url: `/api/network/sites/${t.siteId}` }),
    anonymous: 401,
    expect: siteRoute([...readers], ok(siteFields)),
    otherwise: hidden,
  },
];
