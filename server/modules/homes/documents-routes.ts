import { sendStoredFile } from "../../platform/files/index.js";
import { requireActor } from "../../platform/http/request-context.js";
import type { App, PlatformDeps } from "../../platform/http/types.js";
import { Invitation } from "../identity/index.js";
import { ApplicantInvitationCreate, applicantInvitationService } from "./applicant-invitation.js";
import {
  DocumentReview,
  DocumentUpload,
  HouseholdDocumentParams,
  HouseholdDocuments,
  SignAttestation,
} from "./documents-schema.js";
import { householdDocumentsService } from "./documents-service.js";
import { HouseholdIdParams } from "./schema.js";

/**
 * The file travels base64-encoded in the JSON body, capped at 10 MB like every upload (a larger body answers 413
 * before it is read), so a document can be up to about 7 MB; the file store itself takes up to 10 MB.
 */
const DOCUMENT_BODY_LIMIT = 10 * 1024 * 1024;

/** Approval documents and signed statements: the RFA worker's routes and the family's own. */
export function registerHouseholdDocumentRoutes(app: App, deps: PlatformDeps) {
  const tags = ["resource families"];
  const documents = householdDocumentsService(deps.db, deps.now);

  for (const seat of ["staff", "own"] as const) {
    const base = seat === "staff" ? "/api/households/:householdId" : "/api/my-household/:householdId";
    const who = seat === "staff" ? "the RFA worker" : "the family itself";
    app.get(
      `${base}/documents`,
      {
        schema: {
          tags,
          summary: `The documents approval asks for (the state's list, with sources), the uploads and their review, and the statements to sign — for ${who}`,
          params: HouseholdIdParams,
          response: { 200: HouseholdDocuments },
        },
      },
      async (request) => documents.list(requireActor(request), request.params.householdId, seat),
    );
    app.post(
      `${base}/documents`,
      {
        bodyLimit: DOCUMENT_BODY_LIMIT,
        schema: {
          tags,
          summary: `Upload a document for one requirement (PDF, JPEG or PNG by content, metadata removed) — by ${who}`,
          params: HouseholdIdParams,
          body: DocumentUpload,
          response: { 201: HouseholdDocuments },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await documents.upload(requireActor(request), request.params.householdId, request.body, seat)),
    );
    app.get(
      `${base}/documents/:documentId/file`,
      { schema: { tags, summary: `An uploaded document's file — for ${who}`, params: HouseholdDocumentParams } },
      async (request, reply) =>
        sendStoredFile(
          reply,
          await documents.file(requireActor(request), request.params.householdId, request.params.documentId, seat),
        ),
    );
  }

  app.post(
    "/api/households/:householdId/documents/:documentId/review",
    {
      schema: {
        tags,
        summary: "Accept or reject an uploaded document (a rejection says why); reviewed once",
        params: HouseholdDocumentParams,
        body: DocumentReview,
        response: { 200: HouseholdDocuments },
      },
    },
    async (request) =>
      documents.review(requireActor(request), request.params.householdId, request.params.documentId, request.body),
  );

  app.post(
    "/api/my-household/:householdId/signatures",
    {
      schema: {
        tags,
        summary:
          "Sign a statement of the application: typed name and agreement, bound to the SHA-256 of the text shown",
        params: HouseholdIdParams,
        body: SignAttestation,
        response: { 201: HouseholdDocuments },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await documents.sign(requireActor(request), request.params.householdId, request.body)),
  );
}

/** The RFA worker invites an applicant of the home to an account (through the identity module's invitations). */
export function registerApplicantInvitationRoute(app: App, deps: PlatformDeps) {
  const invitations = applicantInvitationService(deps.db, deps.now);
  app.post(
    "/api/households/:householdId/invitations",
    {
      schema: {
        tags: ["resource families"],
        summary: "Invite an applicant or co-applicant of the home to an account to follow their own application",
        params: HouseholdIdParams,
        body: ApplicantInvitationCreate,
        response: { 201: Invitation },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await invitations.invite(requireActor(request), request.params.householdId, request.body)),
  );
}
