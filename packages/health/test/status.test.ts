import { describe, expect, it } from "vitest";
import {
  type AlertInput,
  evaluateAlertRules,
  evaluateDomain,
  evaluateInstance,
  type InstanceObservation,
  type RuleThresholds,
} from "../src/index.ts";

const t: RuleThresholds = {
  loginSlowMs: 2000,
  certificateMinDays: 14,
  memoryLimitBytes: 100 * 1024 * 1024,
  downAfterProbes: 2,
  backupMaxAgeHours: 36,
};

const good: InstanceObservation = {
  process: { alive: true, state: "S", rssBytes: 20 * 1024 * 1024 },
  xmpp: {
    ok: true,
    connectMs: 1,
    tlsMs: 5,
    loginMs: 4,
    pingMs: 1,
    totalMs: 12,
    certificate: { notAfter: new Date(Date.now() + 60 * 86_400_000), daysLeft: 60, authorized: true },
  },
  s2sReachable: true,
  httpReachable: true,
  metrics: null,
};

describe("status evaluation", () => {
  it("is healthy when everything answers in time", () => {
    expect(evaluateInstance(good, t)).toEqual({ status: "healthy", reasons: [] });
  });

  it("is degraded, with readable reasons, for a slow login, an expiring certificate, high memory and closed ports", () => {
    const v = evaluateInstance(
      {
        ...good,
        process: { alive: true, state: "S", rssBytes: 300 * 1024 * 1024 },
        xmpp: {
          ...good.xmpp!,
          loginMs: 2300,
          certificate: { notAfter: new Date(), daysLeft: 3.5, authorized: true },
        },
        s2sReachable: false,
        httpReachable: false,
      },
      t,
    );
    expect(v.status).toBe("degraded");
    expect(v.reasons).toEqual([
      { code: "login_slow", message: "Login took 2.3 s (limit 2.0 s)", params: { loginMs: 2300, limitMs: 2000 } },
      {
        code: "certificate_expiring",
        message: "The certificate expires in 3 days (limit 14)",
        params: { days: 3, limitDays: 14 },
      },
      { code: "s2s_unreachable", message: "The server-to-server port does not accept connections" },
      { code: "http_unreachable", message: "The HTTP (file upload) service does not answer" },
      {
        code: "memory_high",
        message: "Memory use is 300 MiB (limit 100 MiB)",
        params: { bytes: 300 * 1024 * 1024, limitBytes: 100 * 1024 * 1024 },
      },
    ]);
  });

  it("is down when the process is gone or stopped, or a step fails", () => {
    expect(
      evaluateInstance({ ...good, process: { alive: false, state: null, rssBytes: null }, xmpp: null }, t).reasons[0]
        ?.code,
    ).toBe("process_not_running");
    expect(evaluateInstance({ ...good, process: { alive: true, state: "T", rssBytes: 1 } }, t).status).toBe("down");
    const timeout = evaluateInstance(
      { ...good, xmpp: { ok: false, totalMs: 10, failure: { step: "stream", code: "timeout", message: "no answer" } } },
      t,
    );
    expect(timeout).toEqual({
      status: "down",
      reasons: [
        {
          code: "c2s_timeout",
          message: "The server did not answer in time (at stream): no answer",
          params: { step: "stream" },
        },
      ],
    });
  });

  it("rates domains: down with the instance, degraded by DNS or certificate trouble", () => {
    const d = { id: "d1", name: "a.test", dnsStatus: "ok", certificateDaysLeft: 60, certificateError: null };
    expect(evaluateDomain(d, "healthy", t)).toEqual({ status: "healthy", reasons: [] });
    expect(evaluateDomain({ ...d, dnsStatus: "error" }, "healthy", t).reasons.map((r) => r.code)).toEqual([
      "dns_broken",
    ]);
    expect(evaluateDomain({ ...d, certificateDaysLeft: 2 }, "degraded", t).status).toBe("degraded");
    expect(evaluateDomain(d, "down", t).status).toBe("down");
    // A domain's IRC gateway that stopped degrades it; one that runs, or none, does not.
    expect(evaluateDomain({ ...d, ircGateway: { running: false } }, "healthy", t)).toMatchObject({
      status: "degraded",
      reasons: [{ code: "irc_gateway_down" }],
    });
    expect(evaluateDomain({ ...d, ircGateway: { running: true } }, "healthy", t).status).toBe("healthy");
  });

  it("degrades an instance whose calls do not work, saying at which step", () => {
    const calls = { ok: false, code: "calls_refused" as const, message: "401", ms: 3, checkedAt: "now" };
    expect(evaluateInstance({ ...good, calls }, t)).toMatchObject({
      status: "degraded",
      reasons: [{ code: "calls_failing", params: { cause: "calls_refused" } }],
    });
    expect(evaluateInstance({ ...good, calls: { ...calls, ok: true } }, t).reasons.map((r) => r.code)).not.toContain(
      "calls_failing",
    );
  });
});

describe("alert rules", () => {
  const input: AlertInput = {
    instance: { id: "i1", name: "family" },
    status: "healthy",
    reasons: [],
    consecutiveDown: 0,
    loginMs: 10,
    memoryBytes: 1024,
    domains: [{ id: "d1", name: "a.test", dnsStatus: "ok", certificateDaysLeft: 60 }],
    backups: { any: false, scheduled: true, lastFinished: null, lastSucceededAt: null },
    now: new Date("2026-03-01T12:00:00Z"),
  };
  const firing = (i: AlertInput) =>
    Object.fromEntries(evaluateAlertRules(i, t).map((c) => [`${c.rule}:${c.subjectId}`, c.firing]));

  it("fires nothing for a healthy instance", () => {
    expect(firing(input)).toEqual({
      "instance_down:i1": false,
      "login_slow:i1": false,
      "memory_high:i1": false,
      "backup_failed:i1": false,
      // Calls not checked (not offered): left as they are.
      "calls_failing:i1": null,
      // Federation not checked (no reference domain): left as it is.
      "federation_failing:i1": null,
      "dns_broken:d1": false,
      "certificate_expiring:d1": false,
    });
    expect(firing({ ...input, calls: { ok: true } })["calls_failing:i1"]).toBe(false);
    expect(firing({ ...input, calls: { ok: false, message: "no answer" } })["calls_failing:i1"]).toBe(true);
    const reference = "b.test";
    expect(firing({ ...input, federation: { ok: true, reference } })["federation_failing:i1"]).toBe(false);
    expect(firing({ ...input, federation: { ok: false, reference } })["federation_failing:i1"]).toBe(true);
  });

  it("gives every domain of a shared server its own down alert, for its tenant", () => {
    const shared = { ...input, shared: true, domains: [...input.domains, { ...input.domains[0]!, id: "d2" }] };
    expect(firing(shared)["domain_down:d1"]).toBe(false);
    const down = { ...shared, status: "down" as const, loginMs: null, memoryBytes: null };
    expect(firing({ ...down, consecutiveDown: 1 })["domain_down:d2"]).toBeNull();
    expect(firing({ ...down, consecutiveDown: 2 })).toMatchObject({ "domain_down:d1": true, "domain_down:d2": true });
    // A dedicated server's tenant hears of it through the instance's own alert.
    expect(firing({ ...down, shared: false, consecutiveDown: 2 })["domain_down:d1"]).toBeUndefined();
  });

  it("judges the backups of a domain backed up on its own, like an instance's", () => {
    const hoursAgo = (h: number) => new Date(input.now.getTime() - h * 3600_000);
    const ok = {
      any: true,
      scheduled: true,
      lastFinished: { status: "succeeded", at: hoursAgo(3) },
      lastSucceededAt: hoursAgo(3),
    };
    const withBackups = (backups: typeof ok) => ({ ...input, domains: [{ ...input.domains[0]!, backups }] });
    expect(firing(withBackups(ok))["backup_failed:d1"]).toBe(false);
    expect(
      firing(withBackups({ ...ok, lastFinished: { status: "failed", at: hoursAgo(1) } }))["backup_failed:d1"],
    ).toBe(true);
    expect(
      firing(
        withBackups({ ...ok, lastFinished: { status: "succeeded", at: hoursAgo(40) }, lastSucceededAt: hoursAgo(40) }),
      )["backup_failed:d1"],
    ).toBe(true);
    // Domains without backups of their own have no such alert.
    expect(firing(input)["backup_failed:d1"]).toBeUndefined();
  });

  it("opens the down alert only after the configured number of probes in a row", () => {
    const down = { ...input, status: "down" as const, loginMs: null, memoryBytes: null };
    expect(firing({ ...down, consecutiveDown: 1 })["instance_down:i1"]).toBeNull();
    expect(firing({ ...down, consecutiveDown: 2 })["instance_down:i1"]).toBe(true);
    // While down, the login and memory rules cannot tell: they are left as they are.
    expect(firing(down)["login_slow:i1"]).toBeNull();
    expect(firing(down)["memory_high:i1"]).toBeNull();
  });

  it("fires for slow logins, high memory, broken DNS and expiring certificates", () => {
    const f = firing({
      ...input,
      loginMs: 2500,
      memoryBytes: 200 * 1024 * 1024,
      domains: [{ id: "d1", name: "a.test", dnsStatus: "error", certificateDaysLeft: 13.9 }],
    });
    expect(f["login_slow:i1"]).toBe(true);
    expect(f["memory_high:i1"]).toBe(true);
    expect(f["dns_broken:d1"]).toBe(true);
    expect(f["certificate_expiring:d1"]).toBe(true);
  });

  it("fires for a failed backup or a stale one, only where backups exist", () => {
    const hoursAgo = (h: number) => new Date(input.now.getTime() - h * 3600_000);
    const withBackups = (b: Partial<AlertInput["backups"]>) =>
      firing({ ...input, backups: { ...input.backups, any: true, ...b } });
    expect(
      withBackups({ lastFinished: { status: "failed", at: hoursAgo(1) }, lastSucceededAt: hoursAgo(2) })[
        "backup_failed:i1"
      ],
    ).toBe(true);
    expect(
      withBackups({ lastFinished: { status: "succeeded", at: hoursAgo(37) }, lastSucceededAt: hoursAgo(37) })[
        "backup_failed:i1"
      ],
    ).toBe(true);
    expect(
      withBackups({ lastFinished: { status: "succeeded", at: hoursAgo(35) }, lastSucceededAt: hoursAgo(35) })[
        "backup_failed:i1"
      ],
    ).toBe(false);
    // Scheduled backups turned off: an old backup is not a problem.
    expect(
      withBackups({
        scheduled: false,
        lastFinished: { status: "succeeded", at: hoursAgo(99) },
        lastSucceededAt: hoursAgo(99),
      })["backup_failed:i1"],
    ).toBe(false);
    const old = evaluateAlertRules(
      { ...input, backups: { any: true, scheduled: true, lastFinished: null, lastSucceededAt: hoursAgo(40) } },
      t,
    ).find((c) => c.rule === "backup_failed");
    expect(old).toMatchObject({
      message: "The newest backup of family is 40 hours old (limit 36)",
      code: "backup_too_old",
      params: { hours: 40, limitHours: 36 },
    });
    expect(
      evaluateAlertRules(
        { ...input, backups: { any: true, scheduled: true, lastFinished: null, lastSucceededAt: null } },
        t,
      ).find((c) => c.rule === "backup_failed"),
    ).toMatchObject({ firing: true, code: "backup_missing", params: {} });
  });

  it("say what they found as a code with its measurements, beside the English message", () => {
    const conditions = evaluateAlertRules(
      {
        ...input,
        status: "down",
        reasons: [{ code: "c2s_unreachable", message: "The client port does not accept connections: refused" }],
        consecutiveDown: 2,
        loginMs: 2345.6,
        memoryBytes: 300 * 1024 * 1024,
        federation: { ok: false, reference: "b.test", message: "timed out" },
        domains: [{ id: "d1", name: "a.test", dnsStatus: "error", certificateDaysLeft: 3.7 }],
        backups: {
          any: true,
          scheduled: true,
          lastFinished: { status: "failed", at: input.now },
          lastSucceededAt: null,
        },
      },
      t,
    );
    const said = Object.fromEntries(conditions.map((c) => [c.rule, { code: c.code, params: c.params }]));
    expect(said).toEqual({
      instance_down: {
        code: "instance_down",
        params: {
          reasons: [{ code: "c2s_unreachable", message: "The client port does not accept connections: refused" }],
        },
      },
      login_slow: { code: "login_slow", params: { loginMs: 2346, limitMs: 2000 } },
      memory_high: { code: "memory_high", params: { bytes: 300 * 1024 * 1024, limitBytes: 100 * 1024 * 1024 } },
      backup_failed: { code: "backup_failed", params: {} },
      calls_failing: { code: "calls_failing", params: {} },
      federation_failing: { code: "federation_failing", params: { reference: "b.test" } },
      dns_broken: { code: "dns_broken", params: {} },
      certificate_expiring: { code: "certificate_expiring", params: { days: 3, limitDays: 14 } },
    });
    expect(
      evaluateAlertRules({ ...input, domains: [{ ...input.domains[0]!, certificateDaysLeft: -1 }] }, t).find(
        (c) => c.rule === "certificate_expiring",
      ),
    ).toMatchObject({ firing: true, code: "certificate_expired", params: {} });
  });
});
