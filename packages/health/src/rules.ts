import type { Reason, Thresholds } from "./status.ts";

export const alertRules = [
  "instance_down",
  "domain_down",
  "login_slow",
  "certificate_expiring",
  "dns_broken",
  "backup_failed",
  "memory_high",
  "calls_failing",
  "federation_failing",
  "compliance_dropped",
  "signups_waiting",
] as const;
export type AlertRule = (typeof alertRules)[number];

/** What an alert says, finer than its rule (a backup that failed, or one too old); its words are the clients'. */
export const alertCodes = [
  "instance_down",
  "domain_down",
  "login_slow",
  "memory_high",
  "backup_failed",
  "backup_too_old",
  "backup_missing",
  "certificate_expiring",
  "certificate_expired",
  "dns_broken",
  "calls_failing",
  "federation_failing",
  "compliance_dropped",
  "signups_waiting",
] as const;
export type AlertCode = (typeof alertCodes)[number];

/**
 * The values an alert's words need besides its subject's name, raw as reasons' are (`loginMs`, `limitMs`, `bytes`,
 * `limitBytes`, `days`, `hours`, `limitHours`), and for instance_down the probe's `reasons`.
 */
export type AlertParams = Record<string, string | number | Reason[]>;

export interface AlertCondition {
  rule: AlertRule;
  subjectType: "instance" | "domain";
  subjectId: string;
  subjectName: string;
  severity: "critical" | "warning";
  /** true: should be open; false: should be resolved; null: not known this time (leave it as it is). */
  firing: boolean | null;
  message: string;
  code: AlertCode;
  params: AlertParams;
}

export interface AlertInput {
  instance: { id: string; name: string };
  status: "healthy" | "degraded" | "down";
  reasons: Reason[];
  /** Probes in a row that found the instance down (this one included). */
  consecutiveDown: number;
  loginMs: number | null;
  memoryBytes: number | null;
  /** The calls check: null when calls are not offered or were not checked this time. */
  calls?: { ok: boolean; message?: string } | null;
  /** The federation check: null when none was made this time. */
  federation?: { ok: boolean; reference: string; message?: string } | null;
  domains: {
    id: string;
    name: string;
    dnsStatus: string | null;
    certificateDaysLeft: number | null;
    /** A domain backed up on its own (on a shared server): its backups, judged like an instance's. */
    backups?: BackupFacts;
  }[];
  /**
   * A shared server: its own alerts are the operators' (it has no tenant), so each domain on it also gets a
   * down alert of its own, which reaches that domain's tenant.
   */
  shared?: boolean;
  /** Backups: whether any was ever taken, the newest finished one, and the newest successful one. */
  backups: BackupFacts;
  now: Date;
}

export interface BackupFacts {
  any: boolean;
  scheduled: boolean;
  lastFinished: { status: string; at: Date } | null;
  lastSucceededAt: Date | null;
}

/** Whether the backups of `name` need attention: the last one failed, or the newest good one is too old. */
function backupVerdict(
  name: string,
  b: BackupFacts,
  now: Date,
  t: RuleThresholds,
): Pick<AlertCondition, "firing" | "message" | "code" | "params"> {
  if (b.any && b.lastFinished?.status === "failed")
    return { firing: true, message: `The last backup of ${name} failed`, code: "backup_failed", params: {} };
  if (b.any && b.scheduled) {
    const ageH = b.lastSucceededAt ? (now.getTime() - b.lastSucceededAt.getTime()) / 3600_000 : Infinity;
    if (ageH > t.backupMaxAgeHours) {
      return b.lastSucceededAt
        ? {
            firing: true,
            message: `The newest backup of ${name} is ${Math.floor(ageH)} hours old (limit ${t.backupMaxAgeHours})`,
            code: "backup_too_old",
            params: { hours: Math.floor(ageH), limitHours: t.backupMaxAgeHours },
          }
        : { firing: true, message: `${name} has no successful backup`, code: "backup_missing", params: {} };
    }
  }
  return { firing: false, message: `Backups of ${name} are fine`, code: "backup_failed", params: {} };
}

export interface RuleThresholds extends Thresholds {
  /** Probes in a row that must fail before the down alert opens. */
  downAfterProbes: number;
  /** The newest successful backup may be this old. */
  backupMaxAgeHours: number;
}

/** What every rule says about one instance and its domains after a probe. */
export function evaluateAlertRules(input: AlertInput, t: RuleThresholds): AlertCondition[] {
  const out: AlertCondition[] = [];
  const inst = { subjectType: "instance" as const, subjectId: input.instance.id, subjectName: input.instance.name };
  const isDown = input.status === "down";
  const downFiring = isDown ? (input.consecutiveDown >= t.downAfterProbes ? true : null) : false;
  out.push({
    ...inst,
    rule: "instance_down",
    severity: "critical",
    firing: downFiring,
    message: `${input.instance.name} is down: ${input.reasons.map((r) => r.message).join("; ") || "no answer"}`,
    code: "instance_down",
    params: { reasons: input.reasons },
  });
  out.push({
    ...inst,
    rule: "login_slow",
    severity: "warning",
    firing: input.loginMs === null ? null : input.loginMs > t.loginSlowMs,
    message: `Logging in to ${input.instance.name} took ${((input.loginMs ?? 0) / 1000).toFixed(1)} s (limit ${(t.loginSlowMs / 1000).toFixed(1)} s)`,
    code: "login_slow",
    params: { loginMs: Math.round(input.loginMs ?? 0), limitMs: t.loginSlowMs },
  });
  out.push({
    ...inst,
    rule: "memory_high",
    severity: "warning",
    firing:
      t.memoryLimitBytes <= 0 ? false : input.memoryBytes === null ? null : input.memoryBytes > t.memoryLimitBytes,
    message: `${input.instance.name} uses ${Math.round((input.memoryBytes ?? 0) / 1048576)} MiB of memory (limit ${Math.round(t.memoryLimitBytes / 1048576)} MiB)`,
    code: "memory_high",
    params: { bytes: input.memoryBytes ?? 0, limitBytes: t.memoryLimitBytes },
  });
  out.push({
    ...inst,
    rule: "backup_failed",
    severity: "warning",
    ...backupVerdict(input.instance.name, input.backups, input.now, t),
  });
  out.push({
    ...inst,
    rule: "calls_failing",
    severity: "warning",
    firing: input.calls ? !input.calls.ok : null,
    message: `Audio and video calls on ${input.instance.name} do not work: ${input.calls?.message ?? "no answer"}`,
    code: "calls_failing",
    params: {},
  });
  out.push({
    ...inst,
    rule: "federation_failing",
    severity: "warning",
    firing: input.federation ? !input.federation.ok : null,
    message: `${input.instance.name} cannot reach other servers: ${input.federation?.reference ?? "the reference domain"} did not answer (${input.federation?.message ?? "no answer"})`,
    code: "federation_failing",
    params: { reference: input.federation?.reference ?? "" },
  });
  for (const d of input.domains) {
    const dom = { subjectType: "domain" as const, subjectId: d.id, subjectName: d.name };
    if (input.shared) {
      out.push({
        ...dom,
        rule: "domain_down",
        severity: "critical",
        firing: downFiring,
        message: `Chat on ${d.name} is unavailable: the platform's server that hosts it is down`,
        code: "domain_down",
        params: {},
      });
    }
    if (d.backups) {
      out.push({
        ...dom,
        rule: "backup_failed",
        severity: "warning",
        ...backupVerdict(d.name, d.backups, input.now, t),
      });
    }
    out.push({
      ...dom,
      rule: "dns_broken",
      severity: "warning",
      firing: d.dnsStatus === null ? null : d.dnsStatus === "error",
      message: `DNS records of ${d.name} are missing or wrong`,
      code: "dns_broken",
      params: {},
    });
    const days = Math.floor(d.certificateDaysLeft ?? 0);
    out.push({
      ...dom,
      rule: "certificate_expiring",
      severity: "warning",
      firing: d.certificateDaysLeft === null ? null : d.certificateDaysLeft < t.certificateMinDays,
      ...((d.certificateDaysLeft ?? 0) <= 0
        ? { message: `The certificate of ${d.name} has expired`, code: "certificate_expired" as const, params: {} }
        : {
            message: `The certificate of ${d.name} expires in ${days} days`,
            code: "certificate_expiring" as const,
            params: { days, limitDays: t.certificateMinDays },
          }),
    });
  }
  return out;
}
