import tls from "node:tls";
import type { DomainServerSettings } from "@xmpp-host/xmpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPLIANCE_TESTS, type ComplianceReport, formatComplianceTable, runComplianceCheck } from "../src/index.ts";
import {
  D,
  expectFullScore,
  HOST,
  LIVE,
  type ManagedServer,
  startManagedServer,
  statusOf,
} from "./support/managed-server.ts";

describe("compliance check against a managed Prosody", () => {
  let server: ManagedServer;
  let fresh: ComplianceReport;

  beforeAll(async () => {
    server = await startManagedServer("prosody");
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  }, 30_000);

  it("scores 100% of the applicable tests of every suite on a fresh server, live tests included", async () => {
    fresh = await runComplianceCheck(server.target);
    console.log(formatComplianceTable(fresh));
    expectFullScore(fresh);
  });

  it("logs in on the direct TLS port after negotiating ALPN xmpp-client", async () => {
    const direct = fresh.results.find((r) => r.id === "direct-tls");
    expect(direct?.details).toMatchObject({ alpn: "xmpp-client", mechanism: "SCRAM-SHA-1" });
    expect(direct?.details?.jid).toMatch(new RegExp(`^alice@${D.replace(/\./g, "\\.")}/check-tls-`));
    expect(direct?.details?.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
    expect(direct?.evidence).toContain("ALPN xmpp-client");
    // The same from outside the checker: the server selects xmpp-client when asked for it.
    const socket = tls.connect({
      host: HOST,
      port: server.target.ports.directTls as number,
      servername: D,
      ca: server.target.ca,
      ALPNProtocols: ["xmpp-client"],
    });
    await new Promise<void>((resolve, reject) => socket.once("secureConnect", resolve).once("error", reject));
    expect(socket.alpnProtocol).toBe("xmpp-client");
    socket.destroy();
  });

  const breakages: Array<{
    name: string;
    change: (s: DomainServerSettings) => void;
    id: string;
    module: string;
    /** Tests that fail along with it because the same module provides them. */
    alongside?: string[];
  }> = [
    {
      name: "shared files off",
      change: (s) => {
        s.files.enabled = false;
      },
      id: "http-upload",
      module: "mod_http_file_share",
    },
    {
      name: "mam disabled on the host",
      change: (s) => {
        s.extraOptions = { modules_disabled: ["mam"] };
      },
      id: "mam",
      module: "mod_mam",
      // Prosody adds stanza ids (XEP-0359) as it archives: without mod_mam there are none.
      alongside: ["stanza-id"],
    },
    {
      name: "carbons disabled on the host",
      change: (s) => {
        s.extraOptions = { modules_disabled: ["carbons"] };
      },
      id: "carbons",
      module: "mod_carbons",
    },
    {
      name: "stream management disabled on the host",
      change: (s) => {
        s.extraOptions = { modules_disabled: ["smacks"] };
      },
      id: "stream-management",
      module: "mod_smacks",
    },
  ];

  for (const b of breakages) {
    const what = b.alongside ? `${b.id} (and ${b.alongside.join(", ")}, same module)` : `${b.id} alone`;
    it(`fails ${what}, naming ${b.module}, with ${b.name}`, async () => {
      await server.apply(server.withSettings(b.change));
      let report: ComplianceReport;
      try {
        report = await runComplianceCheck(server.target);
      } finally {
        await server.apply(server.spec);
      }
      const changed = report.results.filter((r) => r.status !== statusOf(fresh, r.id)).map((r) => r.id);
      expect(changed.sort(), formatComplianceTable(report)).toEqual([b.id, ...(b.alongside ?? [])].sort());
      const result = report.results.find((r) => r.id === b.id);
      expect(result?.status).toBe("fail");
      expect(result?.fix?.module).toBe(b.module);
      expect(result?.fix?.text).toContain(b.module);
      expect(report.score).toBeLessThan(fresh.score);
    });
  }

  it("is back to 100% once the server is restored", async () => {
    const report = await runComplianceCheck(server.target);
    expect(report.score, formatComplianceTable(report)).toBe(100);
    for (const id of LIVE) expect(statusOf(report, id), id).toBe("pass");
  });

  it("reports every test, without throwing, when the account cannot log in", async () => {
    const report = await runComplianceCheck({ ...server.target, account: { ...server.account, password: "wrong" } });
    expect(report.results).toHaveLength(COMPLIANCE_TESTS.length);
    expect(statusOf(report, "mam")).toBe("fail");
    expect(report.results.find((r) => r.id === "carbons")?.evidence).toMatch(/not-authorized/);
    // What needs no login still passes: host-meta, BOSH session creation, DNS.
    expect(statusOf(report, "host-meta")).toBe("pass");
    expect(statusOf(report, "direct-tls-srv")).toBe("pass");
    expect(report.score).toBeLessThan(20);
  });
});
