import type { Reach } from "../expect.js";
import { childRoute, created, hidden, NO_SUCH_ID, ok } from "../expect.js";
import type { RoutePolicy } from "../policy-types.js";

/**
 * The partnership plan (issue 15): the child's caseworker and the unit's supervisor (a case-management
 * representative) and the caregiver of the home the child lives in read and sign it; birth parents, youth and
 * other staff do not reach it.
 */
const PARTNERSHIP: Reach = { caseworker: ["own"], supervisor: ["own", "same_unit"], caregiver: ["own"] };

export const policies: RoutePolicy[] = [
  {
    route: "GET /api/children/:childId/partnership-plan",
    target: "child",
    build: (t) => ({ url: `/api/children/${t.childId}/partnership-plan` }),
    anonymous: 401,
    expect: childRoute(PARTNERSHIP, ok(["childId", "placementId", "template", "signatures", "maySignAs"])),
    otherwise: hidden,
  },
  {
    route: "POST /api/children/:childId/partnership-plan/signatures",
    target: "child",
    // The minted child's plan in force at its site (the runner looks the version up for the call).
    build: (t) => ({
      url: `/api/children/${t.childId}/partnership-plan/signatures`,
      payload: { templateId: t.templateId ?? NO_SUCH_ID, typedName: "Policy Probe", agree: true },
    }),
    anonymous: 401,
    expect: childRoute(PARTNERSHIP, created(["placementId", "party", "templateId", "textSha256"])),
    otherwise: hidden,
    mutates: true,
  },
];
