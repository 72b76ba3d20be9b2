/**
 * The behaviour every IRC gateway service must show, as a vitest suite run against a real XMPP server.
 * Usage: describeIrcGatewayContract("local", async () => ({ gateways, newSpec, acceptSecret, teardown })).
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IrcGatewaySpec, IrcGatewayStatus } from "./biboumi.ts";

export interface IrcGatewayService {
  ensureRunning(spec: IrcGatewaySpec): Promise<{ pid: number; started: boolean }>;
  status(id: string): IrcGatewayStatus;
  stop(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  dir(id: string): string;
}

export interface IrcGatewayContractFixture {
  gateways: IrcGatewayService;
  /** A spec with an id not used before, for a component the running XMPP server accepts. */
  newSpec(): Promise<IrcGatewaySpec>;
  /** Makes the XMPP server accept `secret` for the spec's component from now on (and only that secret). */
  acceptSecret(spec: IrcGatewaySpec, secret: string): Promise<void>;
  /** A port on the XMPP server's address where nothing listens. */
  closedPort(): Promise<number>;
  /** Called after the suite has removed the gateways it made. */
  teardown(): Promise<void>;
}

export function describeIrcGatewayContract(name: string, setup: () => Promise<IrcGatewayContractFixture>): void {
  describe(`IRC gateway contract: ${name}`, () => {
    let f: IrcGatewayContractFixture;
    let spec: IrcGatewaySpec;
    const made: string[] = [];
    let firstPid = 0;

    const fresh = async () => {
      const s = await f.newSpec();
      made.push(s.id);
      return s;
    };

    beforeAll(async () => {
      f = await setup();
      spec = await fresh();
    }, 30_000);

    afterAll(async () => {
      for (const id of made) await f?.gateways.remove(id).catch(() => {});
      await f?.teardown();
    }, 30_000);

    it("starts a gateway the XMPP server accepts", async () => {
      const r = await f.gateways.ensureRunning(spec);
      expect(r.started).toBe(true);
      expect(f.gateways.status(spec.id)).toEqual({ running: true, pid: r.pid });
      firstPid = r.pid;
    });

    it("keeps the running process for the same spec", async () => {
      expect(await f.gateways.ensureRunning(spec)).toEqual({ pid: firstPid, started: false });
    });

    it("restarts it when the secret changes", async () => {
      const secret = `${spec.secret}-new`;
      await f.acceptSecret(spec, secret);
      spec = { ...spec, secret };
      const r = await f.gateways.ensureRunning(spec);
      expect(r.started).toBe(true);
      expect(r.pid).not.toBe(firstPid);
      expect(f.gateways.status(spec.id).pid).toBe(r.pid);
    });

    it("stops it", async () => {
      await f.gateways.stop(spec.id);
      expect(f.gateways.status(spec.id)).toEqual({ running: false, pid: null });
      // Stopping what is not running is no error.
      await f.gateways.stop(spec.id);
    });

    it("fails, saying why, when the XMPP server refuses the secret", async () => {
      await expect(f.gateways.ensureRunning({ ...spec, secret: `${spec.secret}-wrong` })).rejects.toThrow();
      expect(f.gateways.status(spec.id).running).toBe(false);
    });

    it("fails, saying why, when nothing listens for components", async () => {
      const s = await fresh();
      await expect(f.gateways.ensureRunning({ ...s, componentPort: await f.closedPort() })).rejects.toThrow();
      expect(f.gateways.status(s.id).running).toBe(false);
    });

    it("removes it with its folder", async () => {
      await f.gateways.ensureRunning(spec);
      await f.gateways.remove(spec.id);
      expect(f.gateways.status(spec.id).running).toBe(false);
      expect(existsSync(f.gateways.dir(spec.id))).toBe(false);
    });

    it("refuses ids that could escape its folder", () => {
      expect(() => f.gateways.dir("../escape")).toThrow(TypeError);
    });
  });
}
