/**
 * The one error type services throw. The HTTP layer turns it into
 * `{ error: { code, message, fields? } }` in the user's language; `messageKey`
 * and `fields[].messageKey` are catalog keys, never English sentences.
 */
export type ErrorCode =
  | "validation"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_many_requests"
  | "csrf"
  | "sign_in_failed"
  | (string & {});

export interface FieldProblem {
  field: string;
  messageKey: string;
  params?: Record<string, string | number>;
}

const statusByCode: Record<string, number> = {
  validation: 400,
  unauthenticated: 401,
  sign_in_failed: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string = `error.${code}`,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldProblem[] = [],
    status?: number,
  ) {
    super(`${code}: ${messageKey}`);
    this.status = status ?? statusByCode[code] ?? 400;
  }
}

export const notFound = () => new AppError("not_found");
export const forbidden = () => new AppError("forbidden");
export const conflict = (messageKey = "error.conflict", params: Record<string, string | number> = {}) =>
  new AppError("conflict", messageKey, params);
export const invalid = (fields: FieldProblem[], messageKey = "error.validation") =>
  new AppError("validation", messageKey, {}, fields);
