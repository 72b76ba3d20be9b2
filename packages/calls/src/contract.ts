/**
 * The behaviour every TurnService must show, as a vitest suite run against a real TURN server.
 * Usage: turnServiceContract("local", async () => ({ server, secret, host, port })).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { turnCredentials } from "./credentials.ts";
import type { TurnService } from "./service.ts";
import { stunBinding, TurnError, turnAllocate } from "./turn-client.ts";

export interface TurnServiceFixture {
  /** Not started yet; the suite stops it at the end. */
  server: TurnService;
  /** The secret the server derives credentials from. */
  secret: string;
  /** Where clients reach it (may differ from `server.endpoint()` behind a load balancer). */
  host: string;
  port: number;
  /** Kills the server abruptly; SIGKILL to `status().pid` when absent. */
  kill?(): Promise<void>;
  /** Called after the server has been stopped. */
  teardown?(): Promise<void>;
}

const TIMEOUT_MS = 2000;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TurnError) return err.code;
    throw err;
  }
  return "succeeded";
}

export function turnServiceContract(name: string, make: () => Promise<TurnServiceFixture>): void {
  describe(`TurnService contract: ${name}`, () => {
    let f: TurnServiceFixture;
    const allocate = (secret: string, ttlSeconds = 600, now = Date.now()) =>
      turnAllocate({
        host: f.host,
        port: f.port,
        timeoutMs: TIMEOUT_MS,
        ...turnCredentials(secret, "contract", ttlSeconds, now),
      });
    const kill = async () => {
      if (f.kill) return f.kill();
      const { pid } = f.server.status();
      if (pid === null) throw new Error("nothing to kill");
      process.kill(pid, "SIGKILL");
    };

    beforeAll(async () => {
      f = await make();
      expect((await f.server.ensureRunning()).started).toBe(true);
    }, 30_000);

    afterAll(async () => {
      await f?.server.stop();
      await f?.teardown?.();
    }, 30_000);

    it("answers a binding request with the address it sees", async () => {
      const { mappedAddress, ms } = await stunBinding({ host: f.host, port: f.port, timeoutMs: TIMEOUT_MS });
      expect(mappedAddress).toMatch(/^(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:.]+\]):\d+$/);
      expect(ms).toBeLessThan(TIMEOUT_MS);
    });

    it("grants a relay to fresh credentials", async () => {
      const { relayedAddress, ms } = await allocate(f.secret);
      expect(relayedAddress).toMatch(/:\d+$/);
      expect(ms).toBeLessThan(TIMEOUT_MS);
    });

    it("refuses credentials whose expiry has passed", async () => {
      expect(await codeOf(allocate(f.secret, 60, Date.now() - 3600_000))).toBe("unauthorized");
    });

    it("refuses credentials made with another secret", async () => {
      expect(await codeOf(allocate(`${f.secret}-other`))).toBe("unauthorized");
    });

    it("keeps the running process when asked to run again", async () => {
      const before = f.server.status();
      expect(before.running).toBe(true);
      expect(await f.server.ensureRunning()).toEqual({ pid: before.pid, started: false });
    });

    it("stops, and starts again", async () => {
      await f.server.stop();
      expect(f.server.status()).toEqual({ running: false, pid: null });
      expect(["timeout", "network"]).toContain(await codeOf(allocate(f.secret)));
      const { started } = await f.server.ensureRunning();
      expect(started).toBe(true);
      expect(f.server.status().running).toBe(true);
      await allocate(f.secret);
    }, 30_000);

    it("starts a killed server again", async () => {
      const before = f.server.status().pid;
      await kill();
      await expect.poll(() => f.server.status().running, { timeout: 10_000 }).toBe(false);
      const { pid, started } = await f.server.ensureRunning();
      expect(started).toBe(true);
      expect(pid).not.toBe(before);
      await allocate(f.secret);
    }, 30_000);
  });
}
