import { createRequire } from "node:module";
import saslprep from "@mongodb-js/saslprep";
import { serverKind } from "@xmpp-host/xmpp";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import type { CoreContext } from "./context.ts";
import { AppError, type FieldParams } from "./errors.ts";

/** How many l33t substitutions zxcvbn tries at most in one password. */
export const L33T_MAX_SUBSTITUTIONS = 6;

/**
 * Password rules shared by platform users and XMPP accounts: long enough, not among the most common passwords or
 * guessable patterns (zxcvbn-ts with its common, English and French dictionaries), and not built from what the
 * person is known by (email, name, username, address). XMPP passwords must also survive SASLprep (RFC 4013), which
 * the server applies at login: a password it would refuse could be set but never used.
 */
let zxcvbn: ZxcvbnFactory | undefined;

/**
 * Built on the first password checked: the dictionaries take about 30 MB, which a worker never needs and an idle
 * API need not hold. Loaded with require because checks are synchronous.
 */
function scorer(): ZxcvbnFactory {
  if (!zxcvbn) {
    const load = createRequire(import.meta.url);
    const { ZxcvbnFactory: Factory } = load("@zxcvbn-ts/core") as typeof import("@zxcvbn-ts/core");
    const common = load("@zxcvbn-ts/language-common") as typeof import("@zxcvbn-ts/language-common");
    const en = load("@zxcvbn-ts/language-en") as typeof import("@zxcvbn-ts/language-en");
    const fr = load("@zxcvbn-ts/language-fr") as typeof import("@zxcvbn-ts/language-fr");
    zxcvbn = new Factory({
      dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
      // The l33t matcher tries every combination of substitutions: at the default cap (100) a 20-character password
      // costs 40-60 ms of CPU, which anyone who can reach a form could spend at will. At 6, the verdicts on l33t
      // spellings of common words stay the same (tests/passwords.test.ts) at a sixth of the cost.
      l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
    });
  }
  return zxcvbn;
}

/** Below this zxcvbn score (0–4) a password is refused: 0 and 1 are "too guessable" and "very guessable". */
export const MIN_PASSWORD_SCORE = 2;
/** zxcvbn's cost grows with length; beyond this, a password is long enough that its tail changes nothing. */
const SCORED_PREFIX = 100;

export type PasswordProblem = "too_short" | "too_long" | "contains_personal_info" | "too_common" | "not_saslprep";

export interface PasswordVerdict {
  /** 0 (too guessable) to 4 (very unguessable). */
  score: number;
  acceptable: boolean;
  problem: PasswordProblem | null;
  message: string | null;
}

const messages: Record<PasswordProblem, (min: number) => string> = {
  too_short: (min) => `must be at least ${min} characters`,
  too_long: () => "must be at most 1024 characters",
  contains_personal_info: () => "must not contain your email, name or username",
  too_common: () => "is too easy to guess: use a few unrelated words or a longer phrase",
  not_saslprep: () => "contains characters that cannot be used in a chat password",
};

/** The parts of what a person is known by that a password must not contain (3 characters or more). */
function personalParts(inputs: readonly (string | null | undefined)[]): string[] {
  const parts = new Set<string>();
  for (const input of inputs) {
    if (!input) continue;
    const value = input.trim().toLowerCase();
    if (value.length >= 3) parts.add(value);
    for (const piece of value.split(/[\s@._+-]+/)) if (piece.length >= 3) parts.add(piece);
  }
  return [...parts];
}

export function assessPassword(
  password: string,
  opts: { minLength: number; personal?: readonly (string | null | undefined)[]; xmpp?: XmppPasswordRules },
): PasswordVerdict {
  const verdict = (problem: PasswordProblem | null, score: number): PasswordVerdict => ({
    score,
    acceptable: problem === null,
    problem,
    message: problem ? (messages[problem](opts.minLength) ?? null) : null,
  });
  if (password.length > 1024) return verdict("too_long", 0);
  if (opts.xmpp) {
    try {
      // Servers that store passwords through stringprep of Unicode 3.2 refuse code points it did not assign.
      saslprep(password, { allowUnassigned: opts.xmpp !== "unicode-3.2" });
    } catch {
      return verdict("not_saslprep", 0);
    }
  }
  const personal = personalParts(opts.personal ?? []);
  const scored = scorer().check(password.slice(0, SCORED_PREFIX), personal);
  if (password.length < opts.minLength) return verdict("too_short", Math.min(scored.score, 1));
  const lower = password.toLowerCase();
  if (personal.some((part) => lower.includes(part))) return verdict("contains_personal_info", 0);
  if (scored.score < MIN_PASSWORD_SCORE) return verdict("too_common", scored.score);
  return verdict(null, scored.score);
}

/** A chat password: any SASLprep string (true), or one of Unicode 3.2 only, for servers that take no newer ones. */
export type XmppPasswordRules = boolean | "unicode-3.2";

/** The rules of the server an account lives on. */
export async function xmppPasswordRules(ctx: Pick<CoreContext, "db">, instanceId: string): Promise<XmppPasswordRules> {
  const instance = await ctx.db.instance.findUnique({ where: { id: instanceId }, select: { server: true } });
  return instance && !serverKind(instance.server).modernUnicodePasswords ? "unicode-3.2" : true;
}

/** Minimum lengths: a platform user guards a whole tenant; a chat account, one person's messages. */
export const PLATFORM_PASSWORD_MIN = 10;
export const XMPP_PASSWORD_MIN = 8;

/**
 * Throws when the password is refused, naming `field`. `unprocessable` (422) is for self-service forms where the
 * request itself is well formed; validation (400) elsewhere.
 */
export function requireStrongPassword(
  field: string,
  password: string,
  opts: {
    minLength: number;
    personal?: readonly (string | null | undefined)[];
    xmpp?: XmppPasswordRules;
    as?: "422" | "400";
  },
): void {
  const verdict = assessPassword(password, opts);
  if (verdict.acceptable) return;
  const message = verdict.message ?? "is not acceptable";
  const code = verdict.problem ?? "invalid";
  const params: FieldParams | undefined =
    verdict.problem === "too_short"
      ? { min: opts.minLength }
      : verdict.problem === "too_long"
        ? { max: 1024 }
        : undefined;
  throw opts.as === "422"
    ? AppError.unprocessable(field, message, code, params)
    : AppError.field(field, message, code, params);
}
