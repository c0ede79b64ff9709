import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import {
  PracticeKindCreate,
  PracticeKindView,
  RuleCoverage,
  RuleCreate,
  RuleList,
  RuleListQuery,
  RuleView,
} from "./rule-schema.js";
import { ruleService } from "./rule-service.js";

/** A state's practice rule set and its versions. */
export function registerRuleRoutes(app: App, deps: PlatformDeps) {
  const tags = ["practices"];
  const rules = ruleService(deps.db);

  app.get(
    "/api/rules",
    {
      schema: {
        tags,
        summary: "A state's practice rule set, with effective dates and sources",
        querystring: RuleListQuery,
        response: { 200: RuleList },
      },
    },
    async (request) => rules.list(requireActor(request), request.query.state),
  );

  app.get(
    "/api/rules/coverage",
    {
      schema: {
        tags,
        summary: "Every state's rules in force and court-holiday coverage per year, with the gaps",
        response: { 200: RuleCoverage },
      },
    },
    async (request) => rules.coverage(requireActor(request)),
  );

  app.post(
    "/api/rules",
    {
      schema: {
        tags,
        summary: "Add a rule version from an effective date",
        body: RuleCreate,
        response: { 201: RuleView },
      },
    },
    async (request, reply) => reply.code(201).send(await rules.add(requireActor(request), request.body)),
  );

  app.post(
    "/api/practice-kinds",
    {
      schema: {
        tags,
        summary: "Add a site's own practice (its rule is then added as a site setting)",
        body: PracticeKindCreate,
        response: { 201: PracticeKindView },
      },
    },
    async (request, reply) => reply.code(201).send(await rules.addKind(requireActor(request), request.body)),
  );
}
