/** An RFC 8555 / RFC 7807 problem document as the CA sent it (detail kept verbatim). */
export interface AcmeProblem {
  type: string;
  detail: string;
  status?: number;
  /** Per-identifier problems of a compound error (RFC 8555 §6.7.1). */
  subproblems?: Array<{ type: string; detail: string; identifier?: { type: string; value: string } }>;
}

/**
 * What went wrong, for the caller's choice of message and retry policy:
 * - validation: the CA could not validate a challenge (DNS, connection, wrong answer, CAA). The tenant or
 *   operator can fix it later, so it is transient: retry with backoff, show the CA's detail meanwhile.
 * - rate-limit, server, network: transient on the CA side or on the way there.
 * - rejected: the CA refuses the request itself (policy forbids the name, malformed CSR, ...): retrying the
 *   same request cannot help.
 * - account: the account key or account state is the problem (deactivated, new terms to accept).
 * - config: our side is misconfigured (no responder, provider not authoritative for the name).
 * - dns-provider: publishing the DNS-01 record failed (transient unless the provider refused).
 */
export type AcmeErrorKind =
  | "validation"
  | "rate-limit"
  | "server"
  | "network"
  | "rejected"
  | "account"
  | "config"
  | "dns-provider";

export class AcmeError extends Error {
  override readonly name = "AcmeError";
  readonly problem?: AcmeProblem;
  readonly transient: boolean;
  readonly kind: AcmeErrorKind;
  /** From the CA's Retry-After header (rate limits), when given. */
  readonly retryAfter?: Date;

  constructor(
    message: string,
    opts: {
      kind: AcmeErrorKind;
      transient: boolean;
      problem?: AcmeProblem;
      retryAfter?: Date;
      cause?: unknown;
    },
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.kind = opts.kind;
    this.transient = opts.transient;
    if (opts.problem) this.problem = opts.problem;
    if (opts.retryAfter) this.retryAfter = opts.retryAfter;
  }
}

const PREFIX = "urn:ietf:params:acme:error:";

/** Problem types (without the urn prefix) and how we treat them. Unknown types: by HTTP status. */
const CLASSES: Record<string, { kind: AcmeErrorKind; transient: boolean }> = {
  // Validation: the user may fix DNS, the firewall or CAA; the caller retries with backoff.
  connection: { kind: "validation", transient: true },
  dns: { kind: "validation", transient: true },
  incorrectResponse: { kind: "validation", transient: true },
  unauthorized: { kind: "validation", transient: true },
  caa: { kind: "validation", transient: true },
  tls: { kind: "validation", transient: true },
  // The CA or the path to it.
  rateLimited: { kind: "rate-limit", transient: true },
  serverInternal: { kind: "server", transient: true },
  badNonce: { kind: "server", transient: true },
  // Refusals that the same request will meet again.
  rejectedIdentifier: { kind: "rejected", transient: false },
  unsupportedIdentifier: { kind: "rejected", transient: false },
  malformed: { kind: "rejected", transient: false },
  badCSR: { kind: "rejected", transient: false },
  badPublicKey: { kind: "rejected", transient: false },
  badSignatureAlgorithm: { kind: "rejected", transient: false },
  orderNotReady: { kind: "server", transient: true },
  // Account-level: needs an operator.
  accountDoesNotExist: { kind: "account", transient: false },
  externalAccountRequired: { kind: "account", transient: false },
  userActionRequired: { kind: "account", transient: false },
  invalidContact: { kind: "account", transient: false },
  unsupportedContact: { kind: "account", transient: false },
};

export function isAcmeProblem(value: unknown): value is AcmeProblem {
  const v = value as { type?: unknown; detail?: unknown } | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.type === "string" &&
    v.type.startsWith(PREFIX) &&
    (v.detail === undefined || typeof v.detail === "string")
  );
}

/** Copies only the documented fields, so nothing unexpected from the wire ends up in logs or the database. */
export function normalizeProblem(p: AcmeProblem): AcmeProblem {
  const out: AcmeProblem = { type: p.type, detail: typeof p.detail === "string" ? p.detail : "" };
  if (typeof p.status === "number") out.status = p.status;
  if (Array.isArray(p.subproblems)) {
    out.subproblems = p.subproblems
      .filter((s) => typeof s?.type === "string")
      .map((s) => ({
        type: s.type,
        detail: typeof s.detail === "string" ? s.detail : "",
        ...(s.identifier ? { identifier: { type: String(s.identifier.type), value: String(s.identifier.value) } } : {}),
      }));
  }
  return out;
}

export function problemError(problem: AcmeProblem, context: string, retryAfter?: Date, cause?: unknown): AcmeError {
  const short = problem.type.startsWith(PREFIX) ? problem.type.slice(PREFIX.length) : problem.type;
  const known = CLASSES[short];
  const cls = known ?? {
    kind: "server" as const,
    transient: problem.status === undefined || problem.status >= 500 || problem.status === 429,
  };
  return new AcmeError(`${context}: ${problem.detail || short} (${short})`, {
    ...cls,
    problem: normalizeProblem(problem),
    ...(retryAfter ? { retryAfter } : {}),
    cause,
  });
}
