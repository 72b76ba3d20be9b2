import type { Messages } from "../i18n/en";
import { formatBytes, interpolate, type Locale } from "../i18n/format";

/** A field the API refused: `message` in English, `code` and `params` for saying it in the reader's language. */
export interface FieldProblem {
  field: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

/** An RFC 9457 problem as the API sends it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  /** Why, finer than `code`, when no field is named; `params` holds the values its words need. */
  reason?: string;
  params?: Record<string, string | number>;
  errors?: FieldProblem[];
}

export function asProblem(value: unknown, status: number): Problem {
  if (value && typeof value === "object") return { status, ...(value as Problem) };
  return { status, title: typeof value === "string" ? value : "Request failed" };
}

function lookup(table: object, code: string | undefined): string | undefined {
  return code ? (table as Record<string, string | undefined>)[code] : undefined;
}

/** The setting a refusal's path names: `abuseAddresses` for `abuseAddresses/0` (core) or `abuseAddresses[0]` (schema). */
function fieldName(path: string): string {
  return (
    path
      .replace(/(\/\d+|\[\d+\])+$/, "")
      .split(".")
      .pop() ?? path
  );
}

/** The values a template shows as sizes: `{maxSize}` for a `max` in bytes, in the reader's language. */
function withSizes(params: Record<string, string | number>, locale: Locale): Record<string, string | number> {
  const out = { ...params };
  for (const key of ["min", "max"]) {
    const value = params[key];
    if (typeof value === "number") out[`${key}Size`] = formatBytes(locale, value);
  }
  return out;
}

/**
 * One field's refusal in the dictionary's language: the field's own words for the code when it has them (a retention
 * out of range is not a number out of range), else the code's; the API's English words for a code this dashboard
 * lacks.
 */
export function fieldMessage(error: FieldProblem, m?: Messages, locale: Locale = "en"): string {
  const own = m ? (m.problems.byField as Record<string, object | undefined>)[fieldName(error.field)] : undefined;
  const template = (own && lookup(own, error.code)) ?? (m ? lookup(m.problems.fields, error.code) : undefined);
  return template ? interpolate(template, withSizes(error.params ?? {}, locale)) : error.message;
}

/** Whether the API's refusal is about `field`: a nested field's path ends with its name, a list's item is the list's. */
function isAbout(error: FieldProblem, field: string): boolean {
  const path = error.field.replace(/(\/\d+|\[\d+\])+$/, "");
  return path === field || path.endsWith(`.${field}`);
}

/** The message for one field, if the API named it; translated when `m` is given and the code is known. */
export function fieldError(problem: Problem | null, field: string, m?: Messages, locale?: Locale): string | undefined {
  const error = problem?.errors?.find((e) => isAbout(e, field));
  return error ? fieldMessage(error, m, locale) : undefined;
}

/**
 * The problem once `field` was changed: its refusal is no longer shown, the others stay. Null when no refusal is
 * left, so that nothing says "some fields need attention" any more. The same object when `field` had none.
 */
export function withoutField(problem: Problem | null, field: string): Problem | null {
  if (!problem?.errors?.some((e) => isAbout(e, field))) return problem;
  const errors = problem.errors.filter((e) => !isAbout(e, field));
  return errors.length ? { ...problem, errors } : null;
}

/** A failed operation's error in the reader's language: its refusal's reason where core gave one, else its words. */
export function operationErrorText(error: unknown, m: Messages): string {
  if (!error || typeof error !== "object") return error ? String(error) : "";
  const { message, reason, params } = error as {
    message?: unknown;
    reason?: string;
    params?: Record<string, string | number>;
  };
  const words = lookup(m.problems.reasons, reason);
  return words ? interpolate(words, params ?? {}) : String(message ?? "");
}

/** The words for the problem's reason with its values, else for its code. */
function problemText(problem: Problem, m: Messages): string | undefined {
  const reason = lookup(m.problems.reasons, problem.reason);
  return reason ? interpolate(reason, problem.params ?? {}) : lookup(m.problems.codes, problem.code);
}

/**
 * The problem in the reader's language: each field's message from its code, and, for other languages than
 * English, the detail from the reason or the top-level code (the API's own detail is English, and more precise).
 */
export function localizeProblem(problem: Problem, m: Messages, locale: Locale): Problem {
  const detail = (locale === "en" ? undefined : problemText(problem, m)) ?? problem.detail;
  return {
    ...problem,
    ...(detail !== undefined ? { detail } : {}),
    ...(problem.errors ? { errors: problem.errors.map((e) => ({ ...e, message: fieldMessage(e, m, locale) })) } : {}),
  };
}
