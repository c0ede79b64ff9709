import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, type FieldProblem } from "../errors/app-error.js";
import { isMessageKey, translate } from "../i18n/locale.js";
import { requestLocale } from "./request-context.js";

interface ZodIssueLike {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
}

function fieldProblemOf(issue: ZodIssueLike): FieldProblem {
  const field = issue.instancePath.replace(/^\//, "").replaceAll("/", ".") || "(body)";
  const params = issue.params;
  // A schema may word its own error as a catalog key (z.enum(values, { error: "…required" })), naming its label.
  if (isMessageKey(issue.message)) return { field, messageKey: issue.message };
  switch (issue.keyword) {
    case "invalid_type":
      return /received undefined/.test(issue.message)
        ? { field, messageKey: "validation.required" }
        : { field, messageKey: "validation.invalid_type", params: { expected: String(params.expected ?? "") } };
    case "too_small":
      return { field, messageKey: "validation.too_small", params: { minimum: String(params.minimum ?? "") } };
    case "too_big":
      return { field, messageKey: "validation.too_big", params: { maximum: String(params.maximum ?? "") } };
    case "invalid_format":
      return { field, messageKey: "validation.invalid_format", params: { format: String(params.format ?? "") } };
    case "invalid_value":
    case "invalid_union":
      return { field, messageKey: "validation.invalid_value" };
    case "unrecognized_keys":
      return {
        field: [field, ...((params.keys as string[]) ?? [])].filter((f) => f !== "(body)").join("."),
        messageKey: "validation.unrecognized_keys",
      };
    default: {
      // Custom refinements carry their own catalog key: refine(fn, { params: { messageKey, … } }).
      const custom = (params.params ?? {}) as Record<string, string>;
      return { field, messageKey: custom.messageKey ?? "validation.custom", params: custom };
    }
  }
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const locale = requestLocale(request);
  const body = {
    error: {
      code: error.code,
      message: translate(locale, error.messageKey, error.params),
      ...(error.fields.length
        ? {
            fields: error.fields.map((f) => ({
              field: f.field,
              message: translate(locale, f.messageKey, f.params ?? {}),
            })),
          }
        : {}),
    },
  };
  return reply.code(error.status).header("cache-control", "no-store").send(body);
}

export interface ErrorHandlingOptions {
  /**
   * Called before a signed-in request's denial (403, or 404 out of reach) is sent; if it throws, the answer is a 500.
   */
  onDenied?: (request: FastifyRequest, error: AppError) => Promise<void>;
}

/** Every error leaves as `{ error: { code, message, fields? } }`; nothing internal leaks. */
export function registerErrorHandling(app: FastifyInstance, options: ErrorHandlingOptions = {}) {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (
        options.onDenied &&
        request.actor &&
        (error.status === 403 || (error.status === 404 && error.code === "not_found"))
      ) {
        try {
          await options.onDenied(request, error);
        } catch (auditError) {
          request.log.error({ err: auditError }, "denial audit failed");
          return sendError(request, reply, new AppError("internal", "error.internal", {}, [], 500));
        }
      }
      return sendError(request, reply, error);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = (error.validation as unknown as ZodIssueLike[]).map(fieldProblemOf);
      return sendError(request, reply, new AppError("validation", "error.validation", {}, fields));
    }
    if (error.statusCode === 429) return sendError(request, reply, new AppError("too_many_requests"));
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE" || error.statusCode === 413) {
      const limit = `${Math.round(request.routeOptions.bodyLimit / (1024 * 1024))} MB`;
      return sendError(
        request,
        reply,
        new AppError("payload_too_large", "error.payload_too_large", { limit }, [], 413),
      );
    }
    if (
      error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" ||
      error.code === "FST_ERR_CTP_EMPTY_JSON_BODY" ||
      (error.statusCode === 400 && error.code?.startsWith("FST_ERR_CTP"))
    ) {
      return sendError(
        request,
        reply,
        new AppError("validation", "error.validation", {}, [{ field: "(body)", messageKey: "validation.custom" }]),
      );
    }
    if (error.statusCode === 400 && error instanceof SyntaxError) {
      return sendError(
        request,
        reply,
        new AppError("validation", "error.validation", {}, [{ field: "(body)", messageKey: "validation.custom" }]),
      );
    }
    request.log.error({ err: error }, "unhandled error");
    return sendError(request, reply, new AppError("internal", "error.internal", {}, [], 500));
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      new AppError("not_found", "error.route_not_found", { method: request.method, url: request.url.split("?")[0] }),
    ),
  );
}
