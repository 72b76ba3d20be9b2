/**
 * The behaviour every InstanceRuntime must show, as a vitest suite run against real servers.
 * Usage: describeRuntimeContract("local", async () => ({ runtime, reopen, newSpec, certificate, teardown })).
 */
import { createDriver } from "@xmpp-host/xmpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canConnect, connectAddress } from "./local/process.ts";
import type { InstanceRuntime, InstanceSpec } from "./runtime.ts";

export interface RuntimeContractFixture {
  runtime: InstanceRuntime;
  /** Another runtime object over the same instances, as a restarted platform process would make one. */
  reopen(): InstanceRuntime;
  /** A spec with an id not used before, free ports and at least one domain. */
  newSpec(): Promise<InstanceSpec>;
  /** A certificate and key (PEM) for `host` and its subdomains. */
  certificate(host: string): { certPem: string; keyPem: string };
  /** Called after the suite has destroyed the instances it made. */
  teardown(): Promise<void>;
}

export function describeRuntimeContract(name: string, setup: () => Promise<RuntimeContractFixture>): void {
  describe(`InstanceRuntime contract: ${name}`, () => {
    let f: RuntimeContractFixture;
    let runtime: InstanceRuntime;
    let spec: InstanceSpec;
    const made: string[] = [];
    let firstPid: number | null = null;

    const accepts = (s: InstanceSpec) => canConnect(connectAddress(s.bindAddress), s.ports.c2s, 1000);
    const fresh = async () => {
      const s = await f.newSpec();
      made.push(s.id);
      for (const d of s.domains) {
        const { certPem, keyPem } = f.certificate(d.name);
        await runtime.writeCertificate(s.id, d.name, certPem, keyPem);
      }
      return s;
    };

    beforeAll(async () => {
      f = await setup();
      runtime = f.runtime;
      spec = await fresh();
    }, 30_000);

    afterAll(async () => {
      for (const id of made) await runtime?.destroy(id).catch(() => {});
      await f?.teardown();
    }, 30_000);

    describe("paths", () => {
      it("gives each instance its own admin channel, the same every time", async () => {
        const other = await f.newSpec();
        const channel = JSON.stringify(runtime.adminChannel(spec));
        expect(JSON.stringify(runtime.adminChannel(spec))).toBe(channel);
        expect(JSON.stringify(f.reopen().adminChannel(spec))).toBe(channel);
        expect(JSON.stringify(runtime.adminChannel(other))).not.toBe(channel);
      });

      it("refuses instance ids that could escape the data root", () => {
        expect(() => runtime.adminChannel({ ...spec, id: "../escape" })).toThrow(TypeError);
        expect(() => runtime.layout("../escape")).toThrow(TypeError);
      });
    });

    describe("configuration", () => {
      it("writes the configuration and reports whether it changed", async () => {
        expect(await runtime.writeConfig(spec)).toBe(true);
        expect(await runtime.writeConfig(spec)).toBe(false);
      });

      it("reports whether a certificate changed", async () => {
        const host = spec.domains[0]?.name ?? "";
        const { certPem, keyPem } = f.certificate(host);
        expect(await runtime.writeCertificate(spec.id, host, certPem, keyPem)).toBe(true);
        expect(await runtime.writeCertificate(spec.id, host, certPem, keyPem)).toBe(false);
      });
    });

    describe("status", () => {
      it("reports an instance that never ran as not running", async () => {
        expect(await runtime.status(spec.id)).toEqual({ running: false, pid: null });
      });
    });

    describe("start", () => {
      it("starts the server and resolves only once it accepts connections", async () => {
        const status = await runtime.start(spec);
        expect(status.running).toBe(true);
        firstPid = status.pid;
        expect(await accepts(spec)).toBe(true);
        expect(await runtime.status(spec.id)).toEqual(status);
      });

      it("is administered through its admin channel as soon as start resolves", async () => {
        const driver = createDriver(spec.server, runtime.adminChannel(spec), { timeoutMs: 5000 });
        try {
          const info = await driver.serverInfo();
          expect(info.software.toLowerCase()).toContain(spec.server);
          expect(info.hosts).toEqual(expect.arrayContaining(spec.domains.map((d) => d.name)));
        } finally {
          await driver.close();
        }
      });

      it("does nothing when the server already runs", async () => {
        expect(await runtime.start(spec)).toEqual({ running: true, pid: firstPid });
      });
    });

    describe("adopt", () => {
      it("adopts the running server from another runtime object instead of starting a second one", async () => {
        const other = f.reopen();
        expect(await other.status(spec.id)).toEqual({ running: true, pid: firstPid });
        expect(await other.start(spec)).toEqual({ running: true, pid: firstPid });
        expect(await runtime.status(spec.id)).toEqual({ running: true, pid: firstPid });
      });
    });

    describe("stop", () => {
      it("stops the server: it no longer accepts connections", async () => {
        await runtime.stop(spec.id);
        expect(await runtime.status(spec.id)).toEqual({ running: false, pid: null });
        expect(await accepts(spec)).toBe(false);
      });

      it("is idempotent", async () => {
        await runtime.stop(spec.id);
        expect((await runtime.status(spec.id)).running).toBe(false);
      });
    });

    describe("restart", () => {
      it("starts again after a stop, with a new process", async () => {
        const status = await runtime.start(spec);
        expect(status.running).toBe(true);
        if (firstPid !== null) expect(status.pid).not.toBe(firstPid);
        expect(await accepts(spec)).toBe(true);
      });

      it("keeps instances apart: stopping one leaves another running", async () => {
        const other = await fresh();
        await runtime.start(other);
        await runtime.stop(other.id);
        expect((await runtime.status(spec.id)).running).toBe(true);
        expect(await accepts(spec)).toBe(true);
      });
    });

    describe("destroy", () => {
      it("stops the server and forgets the instance, idempotently", async () => {
        await runtime.destroy(spec.id);
        expect(await runtime.status(spec.id)).toEqual({ running: false, pid: null });
        expect(await accepts(spec)).toBe(false);
        await runtime.destroy(spec.id);
      });
    });
  });
}
