import { isUtf8 } from "node:buffer";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError, type FieldProblem } from "../errors/app-error.js";

/**
 * One input-normalisation step for every route, before validation: text the
 * database cannot hold faithfully or that misleads readers is refused with a
 * 400 naming the field, never stored altered and never left to fail as a 500.
 *
 *   - invalid UTF-8 in a JSON body (it would be stored as U+FFFD),
 *   - NUL characters (PostgreSQL text cannot hold them),
 *   - lone UTF-16 surrogates, from JSON escapes like "\ud800" (stored as U+FFFD),
 *   - bidirectional overrides and isolates, U+202A–U+202E and U+2066–U+2069
 *     (they make a name or a reason read differently from what it holds),
 *
 * in any string or object key of the JSON body, the query string (checked on
 * the raw URL, where invalid percent-encoded UTF-8 is still visible) and the
 * path parameters.
 */
const FORBIDDEN = new RegExp(
  [
    String.fromCharCode(0), // NUL
    "[\\u202a-\\u202e\\u2066-\\u2069]", // bidirectional embeddings, overrides and isolates
    "[\\ud800-\\udbff](?![\\udc00-\\udfff])", // a high surrogate without its low half
    "(?<![\\ud800-\\udbff])[\\udc00-\\udfff]", // a low surrogate without its high half
  ].join("|"),
);

export function hasForbiddenText(value: string): boolean {
  return FORBIDDEN.test(value);
}

const problem = (field: string): FieldProblem => ({ field, messageKey: "validation.forbidden_characters" });

/** Fields (dotted paths, as validation errors name them) whose string or key holds forbidden text. */
export function forbiddenTextFields(value: unknown, test: (s: string) => boolean, prefix = ""): string[] {
  const at = (key: string) => (prefix ? `${prefix}.${key}` : key);
  if (typeof value === "string") return test(value) ? [prefix || "(body)"] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => forbiddenTextFields(v, test, at(String(i))));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([key, v]) => (test(key) ? [at(key)] : forbiddenTextFields(v, test, at(key))));
  return [];
}

function decodeQueryPart(part: string): string | null {
  try {
    return decodeURIComponent(part.replaceAll("+", " "));
  } catch {
    return null;
  }
}

/** Query parameters of the raw URL that are not valid percent-encoded UTF-8 or hold forbidden text. */
export function badQueryFields(rawUrl: string): string[] {
  const at = rawUrl.indexOf("?");
  if (at < 0) return [];
  const fields: string[] = [];
  for (const pair of rawUrl.slice(at + 1).split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const key = decodeQueryPart(rawKey);
    const value = eq < 0 ? "" : decodeQueryPart(pair.slice(eq + 1));
    const name = key !== null && !hasForbiddenText(key) ? key : "(query)";
    if (key === null || value === null || hasForbiddenText(key) || hasForbiddenText(value)) fields.push(name);
  }
  return fields;
}

function refuse(fields: string[]): AppError {
  return new AppError("validation", "error.validation", {}, [...new Set(fields)].map(problem));
}

export function registerInputNormalisation(app: FastifyInstance) {
  // JSON bodies are read as bytes so that invalid UTF-8 is seen, not silently replaced.
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    const bytes = body as Buffer;
    if (isUtf8(bytes)) return parseJson(request, bytes.toString("utf8"), done);
    // Name the fields the bad bytes landed in: decoded leniently they hold U+FFFD.
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString("utf8"));
    } catch {
      return done(refuse(["(body)"]), undefined);
    }
    const fields = forbiddenTextFields(parsed, (s) => s.includes("\ufffd"));
    done(refuse(fields.length ? fields : ["(body)"]), undefined);
  });

  app.addHook("preValidation", async (request: FastifyRequest) => {
    if (!request.url.startsWith("/api/")) return;
    const fields = [
      ...forbiddenTextFields(request.params ?? {}, hasForbiddenText),
      ...badQueryFields(request.raw.url ?? request.url),
      ...(request.body !== undefined ? forbiddenTextFields(request.body, hasForbiddenText) : []),
    ];
    if (fields.length) throw refuse(fields);
  });
}

/**
 * A request for a file of the built app (`/assets/…`, or any path ending in a file extension): never answered with the
 * page.
 */
export function isStaticFilePath(url: string): boolean {
  const path = url.split("?")[0];
  return path.startsWith("/assets/") || /\.[A-Za-z0-9]{1,8}$/.test(path);
}
