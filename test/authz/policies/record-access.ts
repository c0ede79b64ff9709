import { AUDIT_READ, CHILD_READ, CHILD_WRITE, childRoute, created, hidden, NO_SUCH_ID, ok } from "../expect.js";
import type { RoutePolicy } from "../policy-types.js";

/**
 * Record access (issue 3): sharing a child's record beyond assignment
 * (child:share — the child's caseworker, the unit's supervisor), "who viewed
 * this record" (audit:read — a supervisor for the unit, a site administrator
 * for the site), and the case record's maltreatment reports (child:read; the
 * reporter is a field class, checked by test/authz/sentinels.int.test.ts).
 */
const shareFields = [
  "id",
  "userId",
  "name",
  "email",
  "reason",
  "startsOn",
  "endsOn",
  "status",
  "grantedByName",
  "grantedAt",
  "revokedAt",
  "revokedByName",
];
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

export const policies: RoutePolicy[] = [
  {
    route: "GET /api/children/:childId/shares",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/shares` }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(["shares"])),
    otherwise: hidden,
  },
  {
    route: "POST /api/children/:childId/shares",
    target: "child",
    // The demo site's RFA worker is a user of the primary site; for other sites' children the answer is 404 before the
    // email is looked at.
    build: (t) => ({
      url: `/api/children/${t.childId}/shares`,
      payload: { email: "rfa@demo.qpi.example", reason: "Covering a home visit (policy probe)", endsOn: inAMonth() },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, created(shareFields)),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "POST /api/children/:childId/shares/:shareId/revoke",
    target: "child",
    // A share of the minted child with another user of its site.
    build: (t) => ({ url: `/api/children/${t.childId}/shares/${t.shareId ?? NO_SUCH_ID}/revoke` }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(shareFields)),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "GET /api/children/:childId/access-log",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/access-log?limit=10` }),
    anonymous: 401,
    expect: childRoute(AUDIT_READ, ok(["entries", "nextBefore"])),
    otherwise: hidden,
  },
  {
    route: "GET /api/children/:childId/reports",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/reports` }),
    anonymous: 401,
    expect: childRoute(CHILD_READ, ok(["reports"])),
    otherwise: hidden,
  },
];
