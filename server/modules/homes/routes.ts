import { z } from "zod";
import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import {
  CheckInput,
  ClosureInput,
  ConsentInput,
  Deadlines,
  DeadlinesQuery,
  HouseholdCreate,
  HouseholdCreated,
  HouseholdDetail,
  HouseholdIdParams,
  HouseholdList,
  HouseholdSearch,
  HouseholdUpdate,
  InquiryForm,
  InquiryFormParams,
  InquiryInput,
  InquiryReceipt,
  MatchCandidate,
  MatchCandidateParams,
  MatchList,
  MatchParams,
  MatchQuery,
  MyAvailability,
  MyAvailabilityInput,
  MyConsentInput,
  MyHousehold,
  ReasonList,
  Retention,
  RetentionQuery,
  StageChange,
} from "./schema.js";
import { homesService, publicInquiryService } from "./service.js";

export function registerHomesRoutes(app: App, deps: PlatformDeps) {
  const tags = ["resource families"];
  const homes = homesService(deps.db, deps.now);
  const inquiries = publicInquiryService(deps.db, deps.now);
  const byId = (summary: string) => ({ tags, summary, params: HouseholdIdParams });

  app.get(
    "/api/households",
    {
      schema: {
        tags,
        summary: "Find a site's resource family households by name, address or licence number",
        querystring: HouseholdSearch,
        response: { 200: HouseholdList },
      },
    },
    async (request) => homes.list(requireActor(request), request.query),
  );
  app.get(
    "/api/households/deadlines",
    {
      schema: {
        tags,
        summary:
          "The site's approval and CPR deadlines due within 30 days or overdue, and homes with stale availability",
        querystring: DeadlinesQuery,
        response: { 200: Deadlines },
      },
    },
    async (request) => homes.deadlines(requireActor(request), request.query.siteId),
  );
  app.get(
    "/api/households/retention",
    {
      schema: {
        tags,
        summary: "Homes approved, active, closed by reason, one-year retention and time to approval, last 12 months",
        querystring: RetentionQuery,
        response: { 200: Retention },
      },
    },
    async (request) => homes.retention(requireActor(request), request.query.siteId),
  );
  app.get(
    "/api/households/reasons",
    { schema: { tags, summary: "The coded closure and withdrawal/denial reasons", response: { 200: ReasonList } } },
    async (request) => homes.reasons(requireActor(request)),
  );
  app.post(
    "/api/households",
    {
      schema: {
        tags,
        summary: "Record a new inquiry (the start of an application)",
        body: HouseholdCreate,
        response: { 201: HouseholdCreated },
      },
    },
    async (request, reply) => reply.code(201).send(await homes.create(requireActor(request), request.body)),
  );
  app.get(
    "/api/households/:householdId",
    {
      schema: {
        ...byId("One household: its record, pipeline, checks, consent history and deadlines"),
        response: { 200: HouseholdDetail },
      },
    },
    async (request) => homes.get(requireActor(request), request.params.householdId),
  );
  app.put(
    "/api/households/:householdId",
    {
      schema: {
        ...byId("Change the household record (with its version)"),
        body: HouseholdUpdate,
        response: { 200: HouseholdDetail },
      },
    },
    async (request) => homes.update(requireActor(request), request.params.householdId, request.body),
  );
  app.post(
    "/api/households/:householdId/stage",
    {
      schema: {
        ...byId("Move the application to its next step, or end it (withdrawn/denied with a coded reason)"),
        body: StageChange,
        response: { 200: HouseholdDetail },
      },
    },
    async (request) => homes.changeStage(requireActor(request), request.params.householdId, request.body),
  );
  app.post(
    "/api/households/:householdId/checks",
    {
      schema: {
        ...byId("Record a background check (status and dates only)"),
        body: CheckInput,
        response: { 200: HouseholdDetail },
      },
    },
    async (request) => homes.saveCheck(requireActor(request), request.params.householdId, request.body),
  );
  app.post(
    "/api/households/:householdId/consent",
    {
      schema: {
        ...byId(
          "Record the caregiver's consent to share contact details with birth parents, on their behalf (with a note)",
        ),
        body: ConsentInput,
        response: { 200: HouseholdDetail },
      },
    },
    async (request) => homes.recordConsentOnBehalf(requireActor(request), request.params.householdId, request.body),
  );
  app.post(
    "/api/households/:householdId/close",
    {
      schema: {
        ...byId("Close an approved home with a coded reason and the date"),
        body: ClosureInput,
        response: { 200: HouseholdDetail },
      },
    },
    async (request) => homes.close(requireActor(request), request.params.householdId, request.body),
  );
  app.get(
    "/api/children/:childId/home-matches",
    {
      schema: {
        tags,
        summary:
          "Available approved homes ranked for the child and their siblings in care, each with its reasons (names hidden)",
        params: MatchParams,
        querystring: MatchQuery,
        response: { 200: MatchList },
      },
    },
    async (request) =>
      homes.matches(
        requireActor(request),
        request.params.childId,
        (request.query.needs ?? "").split(",").filter(Boolean),
      ),
  );
  app.get(
    "/api/children/:childId/home-matches/:householdId",
    {
      schema: {
        tags,
        summary: "Open one ranked candidate: the home's name and licence (audited)",
        params: MatchCandidateParams,
        response: { 200: MatchCandidate },
      },
    },
    async (request) => homes.openCandidate(requireActor(request), request.params.childId, request.params.householdId),
  );
  app.get(
    "/api/my-household",
    {
      schema: {
        tags,
        summary: "The caller's own home: application progress and consent",
        response: { 200: MyHousehold },
      },
    },
    async (request) => homes.mine(requireActor(request)),
  );
  app.post(
    "/api/my-household/consent",
    {
      schema: {
        tags,
        summary: "The caregiver records (or withdraws) their consent to share contact details with birth parents",
        body: MyConsentInput,
        response: { 200: z.object({ contactSharedWithBirthParents: z.boolean() }) },
      },
    },
    async (request) => homes.recordMyConsent(requireActor(request), request.body),
  );
  app.post(
    "/api/my-household/availability",
    {
      schema: {
        tags,
        summary: "The caregiver confirms whether their approved home is available, on hold or full",
        body: MyAvailabilityInput,
        response: { 200: MyAvailability },
      },
    },
    async (request) => homes.confirmMyAvailability(requireActor(request), request.body),
  );
  app.get(
    "/api/public/sites/:siteCode/inquiry-form",
    {
      schema: {
        tags,
        summary: "The public inquiry form of a site (no sign-in): its name and a time token",
        params: InquiryFormParams,
        response: { 200: InquiryForm },
      },
    },
    async (request) => inquiries.form(request.params.siteCode),
  );
  app.post(
    "/api/public/sites/:siteCode/inquiries",
    {
      schema: {
        tags,
        summary: "Send an inquiry about becoming a resource family (no sign-in; honeypot, time token, rate limit)",
        params: InquiryFormParams,
        body: InquiryInput,
        response: { 201: InquiryReceipt },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await inquiries.submit(request.params.siteCode, request.body, {
          userId: request.actor?.userId ?? null,
          ip: request.ip,
          requestId: request.id,
        }),
      ),
  );
}
