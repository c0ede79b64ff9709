import { isMessageKey } from "../i18n/locale.js";
import type { FieldProblem } from "./app-error.js";

/** A zod issue as zod gives it, or as fastify-type-provider-zod passes it on (code, path and the issue's own fields). */
export interface ZodIssueLike {
  code: string;
  path: readonly PropertyKey[];
  message?: string;
  input?: unknown;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  expected?: unknown;
  format?: string;
  keys?: readonly string[];
  params?: Record<string, unknown>;
}

const numberOf = (value: unknown) => (typeof value === "bigint" ? Number(value) : Number(value ?? 0));

/** The kind of limit a too_small / too_big issue sets: characters of a text, items of a list, or a value. */
function limitKind(issue: ZodIssueLike): "string" | "array" | "number" | "date" {
  if (issue.origin === "string" || issue.origin === "array" || issue.origin === "date") return issue.origin;
  if (issue.origin === "set") return "array";
  return "number";
}

/**
 * One zod issue as a field problem: the field's dotted path (under `prefix`) and a catalog key whose message names
 * the field's label and the limit it broke ("Notes can be at most 4,000 characters"). The HTTP layer fills the label.
 */
export function fieldProblemOfZodIssue(issue: ZodIssueLike, prefix: readonly string[] = []): FieldProblem {
  const field = [...prefix, ...issue.path.map(String)].join(".") || "(body)";
  // A schema may word its own error as a catalog key (z.enum(values, { error: "…required" })), naming its label.
  if (issue.message && isMessageKey(issue.message)) return { field, messageKey: issue.message };
  switch (issue.code) {
    case "invalid_type":
      if (("input" in issue && issue.input === undefined) || /received undefined/.test(issue.message ?? ""))
        return { field, messageKey: "validation.required" };
      return { field, messageKey: `validation.invalid_type.${expectedKind(issue.expected)}` };
    case "too_small": {
      const kind = limitKind(issue);
      const minimum = numberOf(issue.minimum) + (issue.inclusive === false ? 1 : 0);
      // An empty text where one is needed (`.trim().min(1)`) is a missing answer, not a short one.
      if (kind === "string" && minimum <= 1) return { field, messageKey: "validation.required" };
      return { field, messageKey: `validation.too_small.${kind}`, params: { minimum } };
    }
    case "too_big": {
      const kind = limitKind(issue);
      const maximum = numberOf(issue.maximum) - (issue.inclusive === false && kind !== "date" ? 1 : 0);
      return { field, messageKey: `validation.too_big.${kind}`, params: { maximum } };
    }
    case "invalid_format":
      return { field, messageKey: `validation.invalid_format.${formatKind(issue.format)}` };
    case "invalid_value":
    case "invalid_union":
    case "invalid_key":
    case "invalid_element":
      return { field, messageKey: "validation.invalid_value" };
    case "not_multiple_of":
      return { field, messageKey: "validation.invalid_value" };
    case "unrecognized_keys":
      return { field, messageKey: "validation.unrecognized_keys", params: { keys: (issue.keys ?? []).join(", ") } };
    default: {
      // Custom refinements carry their own catalog key: refine(fn, { params: { messageKey, … } }).
      const custom = (issue.params ?? {}) as Record<string, string>;
      return { field, messageKey: custom.messageKey ?? "validation.custom", params: custom };
    }
  }
}

const expectedKinds = ["string", "number", "boolean", "array", "object", "date"];
function expectedKind(expected: unknown): string {
  const text = String(expected ?? "");
  if (text === "int" || text === "bigint") return "number";
  return expectedKinds.includes(text) ? text : "other";
}

const formatKinds = ["date", "datetime", "time", "email", "uuid", "url", "regex"];
function formatKind(format: string | undefined): string {
  return format && formatKinds.includes(format) ? format : "other";
}

/**
 * The issues fastify-type-provider-zod hands the error handler (keyword, instancePath "/a/0/b", params holding the
 * rest of the zod issue), back in zod's own shape.
 */
export function zodIssueOfFastifyValidation(entry: {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
}): ZodIssueLike {
  const path = entry.instancePath.split("/").filter((segment) => segment !== "");
  return { ...(entry.params as object), code: entry.keyword, path, message: entry.message } as ZodIssueLike;
}
