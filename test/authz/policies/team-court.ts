import { CHILD_READ, CHILD_WRITE, childRoute, created, hidden, NO_SUCH_ID, ok, today } from "../expect.js";
import type { RoutePolicy } from "../policy-types.js";

/**
 * The child's team (list, handover), court orders and invitations from the
 * child's page (issue 11), and marking a reminder read. Court orders are read
 * and written with child:write (the child's caseworker, the unit's
 * supervisor); families never see them. An invitation from the child's page
 * needs user:invite (else 403) and child:read on the child (else 404), so only
 * staff who both invite and read the child reach it.
 */
const ORDER_FIELDS = [
  "id",
  "kind",
  "startsOn",
  "endsOn",
  "note",
  "status",
  "recordedByName",
  "recordedAt",
  "endedByName",
  "version",
];
let inviteCounter = 0;
const inviteEmail = () => `policy-child-invite-${++inviteCounter}-${Date.now()}@example.org`;

export const policies: RoutePolicy[] = [
  {
    route: "GET /api/children/:childId/team",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/team` }),
    anonymous: 401,
    expect: childRoute(CHILD_READ, ok(["members", "handovers"])),
    otherwise: hidden,
  },
  {
    route: "GET /api/children/:childId/team/caseworkers",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/team/caseworkers` }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(["caseworkers"])),
    otherwise: hidden,
  },
  {
    route: "POST /api/children/:childId/team/handover",
    target: "child",
    // The access check comes first; in reach, a person who is not a caseworker of the site is refused as bad input.
    build: (t) => ({
      url: `/api/children/${t.childId}/team/handover`,
      payload: { caseworkerPersonId: NO_SUCH_ID, handoverOn: today(), reason: "Policy probe" },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, { status: 400 }),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "GET /api/children/:childId/court-orders",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/court-orders` }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(["orders", "effect"])),
    otherwise: hidden,
  },
  {
    route: "POST /api/children/:childId/court-orders",
    target: "child",
    build: (t) => ({
      url: `/api/children/${t.childId}/court-orders`,
      payload: { kind: "no_contact_disclosure", startsOn: today() },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, created(ORDER_FIELDS)),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "POST /api/children/:childId/court-orders/:orderId/end",
    target: "child",
    // A no-contact order minted for the child from today.
    build: (t) => ({
      url: `/api/children/${t.childId}/court-orders/${t.courtOrderId ?? NO_SUCH_ID}/end`,
      payload: { endsOn: today(), version: 1 },
    }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(ORDER_FIELDS)),
    otherwise: hidden,
    mutates: true,
  },
  {
    route: "GET /api/children/:childId/invitations",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/invitations` }),
    anonymous: 401,
    expect: childRoute(CHILD_WRITE, ok(["people"])),
    otherwise: hidden,
  },
  {
    route: "POST /api/children/:childId/invitations",
    target: "child",
    // The child's birth parent, minted with the child and without an account.
    build: (t) => ({
      url: `/api/children/${t.childId}/invitations`,
      payload: {
        personId: t.people?.birthParent ?? NO_SUCH_ID,
        role: "birth_parent",
        email: inviteEmail(),
        language: "es",
      },
    }),
    anonymous: 401,
    // By the time mutating routes run, the share routes have shared a child with the RFA worker (child:read
    // through a share): a child they do not reach is then 404, as for any holder of child:read.
    expect: {
      ...childRoute(CHILD_WRITE, created(["email", "expiresAt", "status", "userId"])),
      rfa_worker: { own: hidden, same_unit: hidden, same_site: hidden, other_site: hidden },
    },
    otherwise: hidden,
    mutates: true,
    mintsFamily: true,
  },
  {
    route: "POST /api/notifications/:notificationId/read",
    target: "none",
    // Someone else's reminder, or none at all, is not found (test/children/team-court.int.test.ts marks one's own).
    build: () => ({ url: `/api/notifications/${NO_SUCH_ID}/read` }),
    anonymous: 401,
    expect: {},
    otherwise: hidden,
    mutates: true,
  },
];
