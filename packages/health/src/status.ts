import type { ServerMetrics } from "@xmpp-host/xmpp";
import type { XmppProbeResult } from "@xmpp-host/xmpp/client";

export type HealthStatus = "healthy" | "degraded" | "down";

/**
 * Every reason a verdict can give: the probe's findings, a domain's, and those core and the worker add (not yet
 * probed, stopped on purpose, and the fleet's open alerts as `alert_<rule>`).
 */
export const reasonCodes = [
  "process_not_running",
  "process_stopped",
  "c2s_unreachable",
  "c2s_timeout",
  "tls_failed",
  "login_failed",
  "connect_failed",
  "stream_failed",
  "bind_failed",
  "ping_failed",
  "login_slow",
  "login_not_checked",
  "certificate_expiring",
  "certificate_expired",
  "s2s_unreachable",
  "http_unreachable",
  "memory_high",
  "instance_down",
  "dns_broken",
  "dns_unknown",
  "certificate_error",
  "instance_stopped",
  "not_probed_yet",
  "calls_failing",
  "federation_failing",
  "irc_gateway_down",
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

/**
 * The values a reason's words need, raw for each client to format in its reader's language: durations in ms
 * (`loginMs`, `limitMs`), sizes in bytes (`bytes`, `limitBytes`), whole days (`days`, `limitDays`), a probe `step`.
 */
export type ReasonParams = Record<string, string | number>;

/** A stable code for machines, its values, and an English sentence for people. */
export interface Reason {
  code: ReasonCode;
  message: string;
  params?: ReasonParams;
}

export interface Thresholds {
  /** Login slower than this is degraded. */
  loginSlowMs: number;
  /** Fewer days of certificate validity than this is degraded. */
  certificateMinDays: number;
  /** Resident memory above this is degraded; 0 turns the check off. */
  memoryLimitBytes: number;
}

/**
 * Calls, checked as a client places them: the server's announced TURN service (XEP-0215) and a real allocation with
 * its credentials. `code` says where it broke: not announced, refused (credentials), or unreachable.
 */
export interface CallsCheck {
  ok: boolean;
  code?: "calls_not_announced" | "calls_refused" | "calls_unreachable";
  message?: string;
  ms: number;
  checkedAt: string;
}

/** Everything one probe of an instance found. */
export interface InstanceObservation {
  process: { alive: boolean; state: string | null; rssBytes: number | null } | null;
  xmpp: XmppProbeResult | null;
  /** Why the XMPP login was not tried, when it was not. */
  xmppSkipped?: string;
  s2sReachable: boolean;
  httpReachable: boolean;
  metrics: ServerMetrics | null;
  /** The calls check; null or absent when calls are not offered or the server could not be asked. */
  calls?: CallsCheck | null;
  /** The federation check (an s2s round trip to another domain); null or absent when none was made. */
  federation?: { ok: boolean; reference: string; message?: string } | null;
}

export interface DomainObservation {
  id: string;
  name: string;
  /** ok | warning | error | unknown | null (never checked) */
  dnsStatus: string | null;
  certificateDaysLeft: number | null;
  certificateError: string | null;
  /** The domain's IRC gateway, when it has one: whether its process runs. */
  ircGateway?: { running: boolean } | null;
}

const rank: Record<HealthStatus, number> = { healthy: 0, degraded: 1, down: 2 };

export function worst(...statuses: HealthStatus[]): HealthStatus {
  return statuses.reduce<HealthStatus>((a, b) => (rank[b] > rank[a] ? b : a), "healthy");
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}

/** A certificate with fewer days left than the limit: expired, or expiring in whole days. */
function certificateReason(daysLeft: number, t: Thresholds): Reason {
  if (daysLeft <= 0) return { code: "certificate_expired", message: "The certificate has expired" };
  const days = Math.floor(daysLeft);
  return {
    code: "certificate_expiring",
    message: `The certificate expires in ${days} days (limit ${t.certificateMinDays})`,
    params: { days, limitDays: t.certificateMinDays },
  };
}

/** The verdict on an instance: down when users cannot log in, degraded when something needs attention. */
export function evaluateInstance(o: InstanceObservation, t: Thresholds): { status: HealthStatus; reasons: Reason[] } {
  const down: Reason[] = [];
  const degraded: Reason[] = [];
  if (o.process && !o.process.alive)
    down.push({ code: "process_not_running", message: "The server process is not running" });
  else if (o.process?.state === "T")
    down.push({ code: "process_stopped", message: "The server process is stopped (it does not run)" });
  const f = o.xmpp?.failure;
  if (f) {
    const code = (
      {
        unreachable: "c2s_unreachable",
        timeout: "c2s_timeout",
        tls_failed: "tls_failed",
        login_failed: "login_failed",
        error: `${f.step}_failed`,
      } as const
    )[f.code];
    const what = {
      unreachable: "The client port does not accept connections",
      timeout: `The server did not answer in time (at ${f.step})`,
      tls_failed: "STARTTLS failed",
      login_failed: "The probe account could not log in",
      error: `The ${f.step} step failed`,
    }[f.code];
    down.push({
      code,
      message: `${what}: ${f.message}`,
      ...(f.code === "timeout" ? { params: { step: f.step } } : {}),
    });
  }
  if (o.xmpp?.ok && o.xmpp.loginMs !== undefined && o.xmpp.loginMs > t.loginSlowMs) {
    degraded.push({
      code: "login_slow",
      message: `Login took ${seconds(o.xmpp.loginMs)} (limit ${seconds(t.loginSlowMs)})`,
      params: { loginMs: Math.round(o.xmpp.loginMs), limitMs: t.loginSlowMs },
    });
  }
  if (o.xmppSkipped) degraded.push({ code: "login_not_checked", message: o.xmppSkipped });
  const cert = o.xmpp?.certificate;
  if (cert && cert.daysLeft < t.certificateMinDays) degraded.push(certificateReason(cert.daysLeft, t));
  if (!o.s2sReachable && down.length === 0)
    degraded.push({ code: "s2s_unreachable", message: "The server-to-server port does not accept connections" });
  if (!o.httpReachable && down.length === 0)
    degraded.push({ code: "http_unreachable", message: "The HTTP (file upload) service does not answer" });
  const rss = o.process?.rssBytes;
  if (t.memoryLimitBytes > 0 && rss !== null && rss !== undefined && rss > t.memoryLimitBytes) {
    degraded.push({
      code: "memory_high",
      message: `Memory use is ${mib(rss)} (limit ${mib(t.memoryLimitBytes)})`,
      params: { bytes: rss, limitBytes: t.memoryLimitBytes },
    });
  }
  if (o.calls && !o.calls.ok && down.length === 0) {
    degraded.push({
      code: "calls_failing",
      message: `Audio and video calls do not work: ${o.calls.message ?? o.calls.code}`,
      params: { cause: o.calls.code ?? "calls_unreachable" },
    });
  }
  if (o.federation && !o.federation.ok && down.length === 0) {
    degraded.push({
      code: "federation_failing",
      message: `Other servers cannot be reached: ${o.federation.reference} did not answer (${o.federation.message ?? "no answer"})`,
      params: { reference: o.federation.reference },
    });
  }
  const status: HealthStatus = down.length ? "down" : degraded.length ? "degraded" : "healthy";
  return { status, reasons: [...down, ...degraded] };
}

/** A domain is down with its instance; otherwise DNS and certificate problems degrade it. */
export function evaluateDomain(
  d: DomainObservation,
  instanceStatus: HealthStatus,
  t: Thresholds,
): { status: HealthStatus; reasons: Reason[] } {
  const reasons: Reason[] = [];
  let status: HealthStatus = instanceStatus === "down" ? "down" : "healthy";
  if (instanceStatus === "down")
    reasons.push({ code: "instance_down", message: "The server hosting this domain is down" });
  if (d.dnsStatus === "error") reasons.push({ code: "dns_broken", message: "DNS records are missing or wrong" });
  if (d.dnsStatus === "unknown") reasons.push({ code: "dns_unknown", message: "DNS could not be checked" });
  if (d.certificateDaysLeft !== null && d.certificateDaysLeft < t.certificateMinDays) {
    reasons.push(certificateReason(d.certificateDaysLeft, t));
  }
  if (d.certificateError) reasons.push({ code: "certificate_error", message: `Certificate: ${d.certificateError}` });
  if (d.ircGateway && !d.ircGateway.running && instanceStatus !== "down")
    reasons.push({ code: "irc_gateway_down", message: "The IRC gateway is not running" });
  if (status === "healthy" && reasons.length) status = "degraded";
  return { status, reasons };
}
