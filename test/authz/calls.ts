import type { LightMyRequestResponse } from "fastify";
import type { App } from "../../server/platform/http/types.js";
import { type SignedIn, signIn } from "../support/test-app.js";
import type { Expectation, PolicyTarget, Relation, RoleName, RoutePolicy } from "./policy-types.js";
import type { ActorFacts } from "./world.js";

/** A demo actor signed in once; each calls from an address of its own so per-address limits do not mix roles up. */
export interface SignedInActor extends ActorFacts {
  session: SignedIn;
  address: string;
}

export async function signInActors(app: App, actors: ActorFacts[], firstOctet = 10): Promise<SignedInActor[]> {
  const signedIn: SignedInActor[] = [];
  for (const [i, actor] of actors.entries()) {
    const address = `${firstOctet}.0.0.${i + 1}`;
    signedIn.push({ ...actor, address, session: await signIn(app, actor.email, undefined, address) });
  }
  return signedIn;
}

export function expectationOf(policy: RoutePolicy, role: RoleName, relation: Relation): Expectation {
  return policy.expect[role]?.[relation] ?? policy.otherwise;
}

/** The route's path as a pattern, so a policy whose build() drifted from its route is caught. */
function pathPattern(route: string): RegExp {
  const path = route.split(" ")[1];
  return new RegExp(`^${path.replace(/:[A-Za-z]+/g, "[^/]+")}$`);
}

export async function callPolicy(
  app: App,
  policy: RoutePolicy,
  target: PolicyTarget,
  caller: { headers: Record<string, string>; address: string },
): Promise<LightMyRequestResponse> {
  const method = policy.route.split(" ")[0] as "GET";
  const request = policy.build(target);
  if (!pathPattern(policy.route).test(request.url.split("?")[0]))
    throw new Error(`${policy.route}: build() made ${request.url}, which is not this route`);
  return app.inject({
    method,
    url: request.url,
    payload: request.payload as object | undefined,
    headers: caller.headers,
    remoteAddress: caller.address,
  });
}

/** What is wrong with a response against an expectation, or null. */
export function mismatch(response: LightMyRequestResponse, want: Expectation): string | null {
  if (response.statusCode !== want.status)
    return `${response.statusCode} ≠ ${want.status} ${response.body.slice(0, 160)}`;
  if (!want.fields) return null;
  const body = response.json() as unknown;
  if (body === null || typeof body !== "object" || Array.isArray(body))
    return `expected an object with fields ${want.fields.join(",")}`;
  const got = Object.keys(body).sort().join(",");
  const expected = [...want.fields].sort().join(",");
  return got === expected ? null : `fields {${got}} ≠ {${expected}}`;
}
