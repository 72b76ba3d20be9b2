import { AsyncLocalStorage } from "node:async_hooks";
import { createPublicKey, generateKeyPair, X509Certificate } from "node:crypto";
import http from "node:http";
import https from "node:https";
import type { Duplex } from "node:stream";
import tls from "node:tls";
import { promisify } from "node:util";
import * as x509 from "@peculiar/x509";
import * as acme from "acme-client";
import { AcmeError, type AcmeProblem, isAcmeProblem, problemError } from "./errors.ts";
import type { Http01Responder } from "./http01.ts";
import { fingerprintOf, type IssuedCertificate } from "./internal-ca.ts";

/**
 * The part of `DnsProvider` (packages/dns/src/provider.ts) that DNS-01 needs. Structural, so this package
 * does not depend on the DNS package; every `DnsProvider` satisfies it (checked in test/dns01-type.test.ts).
 */
export interface Dns01Provider {
  handles(name: string): boolean;
  addRecord(record: { name: string; type: "TXT"; value: string; ttl?: number }): Promise<void>;
  removeRecord(record: { name: string; type: "TXT"; value: string; ttl?: number }): Promise<void>;
}

export interface AcmeIssuerOptions {
  directoryUrl: string;
  /** PEM (RSA or ECDSA); one account for the platform, see generateAccountKey(). */
  accountKeyPem: string;
  email?: string;
  /** Extra CA(s) to trust, in addition to the system roots, for the ACME server's own HTTPS (e.g. Pebble's). */
  caCertPem?: string;
  /** First delay (ms) when polling a challenge or order; doubles up to backoffMax. Default 1000. */
  backoffMin?: number;
  /** Default 10 000. */
  backoffMax?: number;
  /** Polls before giving up on a pending challenge or order. Default 10 (about 75 s with the defaults). */
  backoffAttempts?: number;
  /** Per HTTP request to the CA. Default 30 s. */
  requestTimeoutMs?: number;
}

export interface IssueOptions {
  names: string[];
  challenge: "http-01" | "dns-01";
  http01?: Http01Responder;
  dnsProvider?: Dns01Provider;
  /** Short human-readable steps ("ordering", "validating 3 names (http-01)", ...). Errors in it are ignored. */
  onProgress?(step: string): void;
}

/** A new account key: ECDSA P-256 (ES256), PKCS#8 PEM. The caller stores it sealed. */
export async function generateAccountKey(): Promise<string> {
  const { privateKey } = await promisify(generateKeyPair)("ec", {
    namedCurve: "P-256",
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return privateKey;
}

// ---------------------------------------------------------------------------------------------------------------
// acme-client talks through one shared axios instance, which gets in the way three times, so every request made
// inside AcmeIssuer runs in an AsyncLocalStorage context whose interceptors
//  - set the HTTPS agent that trusts the configured CA (per issuer, not process-wide NODE_EXTRA_CA_CERTS);
//  - turn off acme-client's own HTTP retries (5 attempts, up to 25 s each, or the CA's Retry-After, which can be
//    hours for rate limits): the caller retries transient errors with its own backoff. After a network error
//    acme-client's interceptor also throws "Cannot read properties of undefined (reading 'config')" and loses
//    the cause, so the agent records socket errors;
//  - keep the problem documents the CA sent: acme-client throws plain Errors holding only the detail text.
// Requests made outside such a context (other users of acme-client) are untouched.
// ---------------------------------------------------------------------------------------------------------------

interface RequestContext {
  httpsAgent: https.Agent;
  httpAgent: http.Agent;
  timeoutMs: number;
  problems: Array<{ problem: AcmeProblem; retryAfter?: Date }>;
  socketErrors: Error[];
}

const als = new AsyncLocalStorage<RequestContext>();

function recordSocketErrors<T extends http.Agent>(agent: T, sink: Error[]): T {
  const create = agent.createConnection.bind(agent);
  agent.createConnection = (options, callback) => {
    const socket = create(options, callback) as Duplex | null | undefined;
    socket?.once("error", (err: Error) => sink.push(err));
    return socket;
  };
  return agent;
}

function parseRetryAfter(value: unknown): Date | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return new Date(Date.now() + seconds * 1000);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

let interceptorsInstalled = false;
function installInterceptors(): void {
  if (interceptorsInstalled) return;
  interceptorsInstalled = true;
  acme.axios.interceptors.request.use((config) => {
    const ctx = als.getStore();
    if (!ctx) return config;
    config.httpsAgent = ctx.httpsAgent;
    config.httpAgent = ctx.httpAgent;
    if (!config.timeout) config.timeout = ctx.timeoutMs;
    // acme-client retries while retryAttempt <= retryMaxAttempts; start beyond it.
    (config as unknown as { retryAttempt: number }).retryAttempt = Number.MAX_SAFE_INTEGER;
    return config;
  });
  // Runs after acme-client's own response interceptor, which hands over every response (also 4xx/5xx).
  acme.axios.interceptors.response.use((response) => {
    const ctx = als.getStore();
    if (!ctx) return response;
    const data = response.data as { status?: unknown; error?: unknown } | undefined;
    let problem: AcmeProblem | undefined;
    if (isAcmeProblem(data)) problem = { ...data, status: data.status ?? response.status };
    else if (data?.status === "invalid" && isAcmeProblem(data.error)) problem = data.error;
    if (problem) {
      const retryAfter = parseRetryAfter(response.headers["retry-after"]);
      ctx.problems.push({ problem, ...(retryAfter ? { retryAfter } : {}) });
      if (ctx.problems.length > 50) ctx.problems.shift();
    }
    return response;
  });
}

/** acme-client's rendering of a problem in Error.message (util.formatResponseError). */
const asMessage = (s: string) => s.replace(/\n/g, "");

/** Turns whatever acme-client (or a DNS provider) threw into an AcmeError, keeping the CA's problem document. */
function toAcmeError(err: unknown, ctx: RequestContext, step: string): AcmeError {
  if (err instanceof AcmeError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const name = err instanceof Error ? err.name : "";
  if (name === "DnsProviderUnavailableError") {
    return new AcmeError(`${step}: DNS provider unavailable: ${message}`, {
      kind: "dns-provider",
      transient: true,
      cause: err,
    });
  }
  if (name === "DnsProviderRefusedError") {
    return new AcmeError(`${step}: DNS provider refused the record: ${message}`, {
      kind: "dns-provider",
      transient: false,
      cause: err,
    });
  }
  for (let i = ctx.problems.length - 1; i >= 0; i--) {
    const rec = ctx.problems[i];
    if (!rec) continue;
    const detail = asMessage(rec.problem.detail ?? "");
    if ((detail !== "" && message === detail) || (detail === "" && message.includes(rec.problem.type))) {
      return problemError(rec.problem, step, rec.retryAfter, err);
    }
  }
  const e = (typeof err === "object" && err !== null ? err : {}) as { code?: unknown; isAxiosError?: unknown };
  const isAxiosNetwork = e.isAxiosError === true && !("response" in e && e.response);
  // acme-client's interceptor replaces a network error by this TypeError; the agent kept the real one.
  if (isAxiosNetwork || e.code === "ECONNABORTED" || /reading 'config'/.test(message)) {
    const cause = ctx.socketErrors.at(-1) ?? err;
    const causeMessage = cause instanceof Error ? cause.message : String(cause);
    return new AcmeError(`${step}: cannot reach the ACME server: ${causeMessage}`, {
      kind: "network",
      transient: true,
      cause,
    });
  }
  if (message === "Operation is pending or processing") {
    return new AcmeError(`${step}: the CA did not finish in time (still pending)`, {
      kind: "server",
      transient: true,
      cause: err,
    });
  }
  // Anything else (an unexpected answer, a bug): transient, so a bounded retry policy decides.
  return new AcmeError(`${step}: ${message}`, { kind: "server", transient: true, cause: err });
}

const HOSTNAME = /^(\*\.)?(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

function checkNames(names: string[]): string[] {
  const out = [...new Set(names.map((n) => n.toLowerCase()))];
  if (out.length === 0) throw new AcmeError("no names to certify", { kind: "config", transient: false });
  for (const n of out) {
    if (n.length > 253 || !HOSTNAME.test(n)) {
      throw new AcmeError(`invalid DNS name ${JSON.stringify(n)}`, { kind: "config", transient: false });
    }
  }
  return out;
}

function splitPem(chain: string): string[] {
  return chain.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/**
 * Issues certificates from an ACME CA (RFC 8555) with HTTP-01 or DNS-01, for one platform account.
 * Each issue() makes a new order and a new key (ECDSA P-256); challenges are always cleaned up.
 */
export class AcmeIssuer {
  private constructor(
    private readonly client: acme.Client,
    private readonly opts: AcmeIssuerOptions,
    readonly accountUrl: string,
  ) {}

  /** Registers the account (or finds the existing one for this key) and agrees to the CA's terms. */
  static async create(opts: AcmeIssuerOptions): Promise<AcmeIssuer> {
    installInterceptors();
    const client = new acme.Client({
      directoryUrl: opts.directoryUrl,
      accountKey: opts.accountKeyPem,
      backoffMin: opts.backoffMin ?? 1000,
      backoffMax: opts.backoffMax ?? 10_000,
      backoffAttempts: opts.backoffAttempts ?? 10,
    });
    return AcmeIssuer.withContext(opts, async (ctx) => {
      const contact = opts.email ? [`mailto:${opts.email}`] : undefined;
      try {
        // Look the key up first: for an existing account acme-client follows newAccount with an update, and
        // an update without changes is refused by Pebble ("Use POST-as-GET ..."). onlyReturnExisting turns it
        // into a POST-as-GET.
        const existing = await client.createAccount({ onlyReturnExisting: true }).catch((err: unknown) => {
          const e = toAcmeError(err, ctx, "ACME account");
          if (e.problem?.type === "urn:ietf:params:acme:error:accountDoesNotExist") return null;
          throw e;
        });
        if (!existing) {
          await client.createAccount({ termsOfServiceAgreed: true, ...(contact ? { contact } : {}) });
        } else if (contact && JSON.stringify(existing.contact ?? []) !== JSON.stringify(contact)) {
          await client.updateAccount({ contact });
        }
      } catch (err) {
        throw toAcmeError(err, ctx, "ACME account");
      }
      return new AcmeIssuer(client, opts, client.getAccountUrl());
    });
  }

  private static async withContext<T>(opts: AcmeIssuerOptions, fn: (ctx: RequestContext) => Promise<T>): Promise<T> {
    const ca = opts.caCertPem ? [...tls.rootCertificates, opts.caCertPem] : undefined;
    const socketErrors: Error[] = [];
    const ctx: RequestContext = {
      // A fresh agent per operation: no pooled sockets outlive it, and socket errors belong to it.
      httpsAgent: recordSocketErrors(new https.Agent({ keepAlive: true, ...(ca ? { ca } : {}) }), socketErrors),
      httpAgent: recordSocketErrors(new http.Agent({ keepAlive: true }), socketErrors),
      timeoutMs: opts.requestTimeoutMs ?? 30_000,
      problems: [],
      socketErrors,
    };
    try {
      return await als.run(ctx, () => fn(ctx));
    } finally {
      ctx.httpsAgent.destroy();
      ctx.httpAgent.destroy();
    }
  }

  async issue(req: IssueOptions): Promise<IssuedCertificate> {
    const names = checkNames(req.names);
    const progress = (step: string) => {
      try {
        req.onProgress?.(step);
      } catch {
        // Progress reporting must never break issuance.
      }
    };
    const { challenge: type, http01, dnsProvider } = req;
    if (type === "http-01" && !http01?.listening) {
      throw new AcmeError("http-01 needs a started Http01Responder", { kind: "config", transient: false });
    }
    if (type === "dns-01") {
      if (!dnsProvider) throw new AcmeError("dns-01 needs a DNS provider", { kind: "config", transient: false });
      const foreign = names.filter((n) => !dnsProvider.handles(`_acme-challenge.${n.replace(/^\*\./, "")}`));
      if (foreign.length) {
        throw new AcmeError(`the DNS provider cannot publish records for ${foreign.join(", ")}`, {
          kind: "config",
          transient: false,
        });
      }
    }

    return AcmeIssuer.withContext(this.opts, async (ctx) => {
      let step = "ordering";
      const cleanups: Array<() => Promise<void>> = [];
      const unanswered = new Set<acme.Authorization>();
      try {
        progress(`ordering a certificate for ${names.join(", ")}`);
        const order = await this.client.createOrder({ identifiers: names.map((value) => ({ type: "dns", value })) });
        const authzs = await this.client.getAuthorizations(order);

        step = `preparing ${type} challenges`;
        const todo: Array<{ authz: acme.Authorization; challenge: acme.Authorization["challenges"][number] }> = [];
        for (const authz of authzs) {
          if (authz.status === "valid") continue; // reused by the CA (RFC 8555 §7.1.3)
          const challenge = authz.challenges.find((c) => c.type === type);
          if (authz.status !== "pending" || !challenge) {
            throw new AcmeError(
              `the CA offers no usable ${type} challenge for ${authz.identifier.value} (authorization ${authz.status})`,
              { kind: "rejected", transient: false },
            );
          }
          unanswered.add(authz);
          const keyAuthorization = await this.client.getChallengeKeyAuthorization(challenge);
          if (challenge.type === "http-01" && http01) {
            const token = challenge.token;
            cleanups.push(async () => http01.remove(token));
            http01.set(token, keyAuthorization);
          } else if (challenge.type === "dns-01" && dnsProvider) {
            const record = {
              name: `_acme-challenge.${authz.identifier.value}`,
              type: "TXT" as const,
              value: keyAuthorization,
              ttl: 60,
            };
            // Registered before adding: a half-done add is removed too (removing an absent record is fine).
            cleanups.push(() => dnsProvider.removeRecord(record));
            await dnsProvider.addRecord(record);
          }
          todo.push({ authz, challenge });
        }

        step = `validating (${type})`;
        progress(`validating ${todo.length} of ${authzs.length} names (${type})`);
        // allSettled: a failure must not leave other polls running after issue() has returned.
        const results = await Promise.allSettled(
          todo.map(async ({ authz, challenge }) => {
            await this.client.completeChallenge(challenge);
            unanswered.delete(authz);
            await this.client.waitForValidStatus(challenge);
          }),
        );
        const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
        if (failed) throw failed.reason;

        step = "finalizing";
        progress("finalizing the order");
        const keyPem = (await acme.crypto.createPrivateEcdsaKey("P-256")).toString();
        const first = names[0] as string;
        const [, csr] = await acme.crypto.createCsr(
          // The CN is limited to 64 characters; the names themselves are in the SAN.
          { ...(first.length <= 64 ? { commonName: first } : {}), altNames: names },
          keyPem,
        );
        const finalized = await this.client.finalizeOrder(order, csr);
        step = "downloading";
        const chainPem = await this.client.getCertificate(finalized);
        const result = this.toIssued(chainPem, keyPem, names);
        progress(`issued by ${result.issuer}, valid until ${result.notAfter.toISOString()}`);
        return result;
      } catch (err) {
        throw toAcmeError(err, ctx, `ACME ${step} for ${names.join(", ")}`);
      } finally {
        if (cleanups.length) progress("removing challenge responses");
        for (const cleanup of cleanups) {
          await cleanup().catch(() => {
            // Best effort: a stale TXT record or token does no harm and is replaced next time.
          });
        }
        // Authorizations we never answered stay pending at CAs that reuse them (Boulder): deactivate.
        for (const authz of unanswered) await this.client.deactivateAuthorization(authz).catch(() => {});
      }
    });
  }

  private toIssued(chainPem: string, keyPem: string, names: string[]): IssuedCertificate {
    const pems = splitPem(chainPem);
    const leafPem = pems[0];
    if (!leafPem) throw new AcmeError("the CA returned no certificate", { kind: "server", transient: true });
    const leaf = new X509Certificate(leafPem);
    const missing = names.filter((n) => !leaf.subjectAltName?.split(/,\s*/).includes(`DNS:${n}`));
    if (missing.length) {
      throw new AcmeError(`the issued certificate lacks ${missing.join(", ")}`, { kind: "server", transient: true });
    }
    const spki = createPublicKey(keyPem).export({ type: "spki", format: "der" });
    if (!spki.equals(leaf.publicKey.export({ type: "spki", format: "der" }))) {
      throw new AcmeError("the issued certificate is not for our key", { kind: "server", transient: true });
    }
    return {
      certPem: `${pems.join("\n")}\n`,
      keyPem,
      names,
      // Same DN rendering as InternalCa (@peculiar/x509), e.g. "CN=R11, O=Let's Encrypt, C=US".
      issuer: new x509.X509Certificate(leafPem).issuer,
      notBefore: new Date(leaf.validFrom),
      notAfter: new Date(leaf.validTo),
      fingerprint: fingerprintOf(leafPem),
    };
  }
}
