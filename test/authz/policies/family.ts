import { callerRoute, childRoute, denied, hidden, ok } from "../expect.js";
import type { RoutePolicy } from "../policy-types.js";
import { itemOf } from "./caregiver.js";

/**
 * The birth parent's page about their own child (family:read, own scope).
 * No other role holds family:read: staff, caregivers and youth get 403; a birth
 * parent reaches their own child and gets 404 for any other.
 */
const MY_CHILD_FIELDS = ["id", "firstName", "home", "hearings", "meetings", "caseworker", "sharedItems"];

export const policies: RoutePolicy[] = [
  {
    route: "GET /api/family/children",
    target: "none",
    build: () => ({ url: "/api/family/children" }),
    anonymous: 401,
    expect: callerRoute(["birth_parent"], ok(["children"])),
    otherwise: denied,
  },
  {
    route: "GET /api/family/children/:childId",
    target: "child",
    build: (t) => ({ url: `/api/family/children/${t.childId}` }),
    anonymous: 401,
    expect: childRoute({ birth_parent: ["own"] }, ok(MY_CHILD_FIELDS)),
    otherwise: hidden,
  },
  {
    route: "GET /api/family/children/:childId/life-book/:itemId/photo",
    target: "child",
    // The photo the caregiver shared from the child's life book (minted for every child by caregiver.ts).
    build: (t) => ({ url: `/api/family/children/${t.childId}/life-book/${itemOf(t.childId)}/photo` }),
    anonymous: 401,
    expect: childRoute({ birth_parent: ["own"] }, ok()),
    otherwise: hidden,
  },
];

/** The youth's own page (youth:read, own scope): only youth hold it; about the caller themself. */
policies.push({
  route: "GET /api/youth/me",
  target: "none",
  build: () => ({ url: "/api/youth/me" }),
  anonymous: 401,
  expect: callerRoute(["youth"], ok(["open", "minAge", "firstName", "team", "hearings", "home", "rights"])),
  otherwise: denied,
});
