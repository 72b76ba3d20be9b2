import { describe, expect, it } from "vitest";
import type { DnsProvider } from "../../dns/src/provider.ts";
import { AcmeError, type Dns01Provider, problemError } from "../src/index.ts";

const p = (type: string, status = 400) => ({
  type: `urn:ietf:params:acme:error:${type}`,
  detail: `detail of ${type}`,
  status,
});

describe("AcmeError classification", () => {
  it("keeps the CA's problem and marks validation, rate-limit and server problems transient", () => {
    for (const t of ["connection", "dns", "unauthorized", "incorrectResponse", "caa", "tls"]) {
      const e = problemError(p(t, 403), "ctx");
      expect(e).toBeInstanceOf(AcmeError);
      expect(e).toMatchObject({ kind: "validation", transient: true, problem: p(t, 403) });
      expect(e.message).toBe(`ctx: detail of ${t} (${t})`);
    }
    const retryAfter = new Date(Date.now() + 3600_000);
    expect(problemError(p("rateLimited", 429), "ctx", retryAfter)).toMatchObject({
      kind: "rate-limit",
      transient: true,
      retryAfter,
    });
    expect(problemError(p("serverInternal", 500), "ctx")).toMatchObject({ kind: "server", transient: true });
  });

  it("marks refusals and account problems permanent; unknown types go by HTTP status", () => {
    for (const t of ["rejectedIdentifier", "malformed", "badCSR", "unsupportedIdentifier"]) {
      expect(problemError(p(t), "ctx")).toMatchObject({ kind: "rejected", transient: false });
    }
    expect(problemError(p("userActionRequired", 403), "ctx")).toMatchObject({ kind: "account", transient: false });
    expect(problemError(p("somethingNew", 503), "ctx").transient).toBe(true);
    expect(problemError(p("somethingNew", 400), "ctx").transient).toBe(false);
  });

  it("keeps subproblems and drops unknown fields", () => {
    const e = problemError(
      {
        ...p("compound"),
        subproblems: [{ ...p("caa"), identifier: { type: "dns", value: "a.test" } }],
        junk: "x",
      } as never,
      "ctx",
    );
    expect(e.problem).toEqual({
      ...p("compound"),
      subproblems: [{ type: p("caa").type, detail: p("caa").detail, identifier: { type: "dns", value: "a.test" } }],
    });
  });

  it("accepts any DnsProvider of @xmpp-host/dns as a DNS-01 provider (checked by tsc)", () => {
    const provider: DnsProvider = {
      kind: "rfc2136",
      handles: () => true,
      addRecord: async () => {},
      removeRecord: async () => {},
    };
    const asDns01: Dns01Provider = provider;
    expect(asDns01.handles("_acme-challenge.a.test")).toBe(true);
  });
});
