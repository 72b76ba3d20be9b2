import { promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Call, cookieOf, signIn, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { until } from "./helpers/wait.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ workerEnv: { VERIFY_PORT_RANGE_START: "41000", VERIFY_PORT_RANGE_END: "41999" } });
});

afterAll(async () => {
  await platform?.close();
});

// The same backups, restores and refusals for each server kind.
for (const server of ["prosody", "ejabberd"] as const) describeBackups(server);

function describeBackups(server: "prosody" | "ejabberd") {
  let call: Call;
  let tenantId: string;
  let instance: { id: string; endpoints: { host: string; c2sPort: number } };
  let caFile: string;
  let backupId: string;

  const domain = `family-${server}.example`;
  const alice = [`alice@${domain}`, "amber-orchard-lamp"] as const;
  const bob = [`bob@${domain}`, "amber-orchard-lamp"] as const;
  const room = `family@groups.${domain}`;
  const serverPid = async (id: string) => (await platform.workerCtx.runtime.status(id)).pid;

  async function inspect(endpoint: { host: string; c2sPort: number }) {
    return xmppClient(["inspect", endpoint.host, String(endpoint.c2sPort), caFile, ...alice, room, bob[0]]);
  }

  describe(`backups on ${server}`, () => {
    beforeAll(async () => {
      ({ call, tenantId } = await signupWithToken(platform.app, `backup-${server}`));
      const inst = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=60`, { name: "family", server });
      instance = inst.json.instance;
      const dom = await call("POST", `/api/v1/instances/${instance.id}/domains?wait=60`, { name: domain });
      const domainId = dom.json.domain.id;
      for (const [jid, password] of [alice, bob]) {
        const res = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
          localpart: jid.split("@")[0],
          password,
        });
        expect(res.json.operation.status, res.text).toBe("succeeded");
      }
      const r = await call("POST", `/api/v1/domains/${domainId}/rooms?wait=30`, {
        name: "family",
        title: "Family",
        membersOnly: true,
        members: [alice[0], bob[0]],
      });
      expect(r.json.operation.status, r.text).toBe("succeeded");
      caFile = (await internalCa(platform)).file;
      const talk = await xmppClient([
        "converse",
        instance.endpoints.host,
        String(instance.endpoints.c2sPort),
        caFile,
        ...alice,
        ...bob,
        "120",
      ]);
      expect(talk, JSON.stringify(talk)).toEqual({ code: 0, out: { result: "ok", delivered: 120 } });
    });

    it("schedules daily backups for every new instance", async () => {
      const schedulers = await platform.workerCtx.queues.queues.checks.getJobSchedulers(0, -1);
      const mine = schedulers.find((s) => s.key === `backup:${instance.id}`);
      expect(Number(mine?.every)).toBe(24 * 3600_000);
    });

    it("backs up an instance and verifies the backup automatically", async () => {
      const res = await call("POST", `/api/v1/instances/${instance.id}/backups?wait=60`);
      expect(res.status, res.text).toBe(201);
      expect(res.json.backup).toMatchObject({ status: "succeeded", store: "local" });
      expect(res.json.backup.sizeBytes).toBeGreaterThan(0);
      backupId = res.json.backup.id;
      const verified = await until(
        "verification",
        async () => {
          const list = await call("GET", `/api/v1/instances/${instance.id}/backups`);
          const b = list.json.items.find((x: { id: string }) => x.id === backupId);
          return b.verification !== "pending" ? b : null;
        },
        60_000,
        200,
      );
      expect(verified, JSON.stringify(verified)).toMatchObject({ verification: "verified", verificationError: null });
    });

    it("restores a wiped instance: password, contact, room and history are back", async () => {
      const before = await inspect(instance.endpoints);
      expect(before.out).toMatchObject({ result: "ok", contacts: [bob[0]], joined: true });
      // A broken disk: the server's data is gone.
      expect((await call("POST", `/api/v1/instances/${instance.id}/actions/stop?wait=30`)).json.operation.status).toBe(
        "succeeded",
      );
      await fs.rm(path.join(platform.dataRoot, "instances", instance.id, "data"), { recursive: true, force: true });
      expect((await call("POST", `/api/v1/instances/${instance.id}/actions/start?wait=30`)).json.operation.status).toBe(
        "succeeded",
      );
      expect((await inspect(instance.endpoints)).code).toBe(2);

      const restored = await call("POST", `/api/v1/backups/${backupId}/restore?wait=90`, {});
      expect(restored.json.operation, restored.text).toMatchObject({ status: "succeeded", progress: 100 });
      const after = await inspect(instance.endpoints);
      expect(after.code, JSON.stringify(after)).toBe(0);
      expect(after.out).toMatchObject({ result: "ok", contacts: [bob[0]], joined: true });
      expect(after.out.archived as number).toBeGreaterThanOrEqual(100);
    });

    it("refuses a corrupted archive and leaves the instance untouched", async () => {
      const backup = await platform.app.core.db.backup.findUniqueOrThrow({ where: { id: backupId } });
      const file = path.join(platform.dataRoot, "backups", backup.storageKey ?? "");
      const original = await fs.readFile(file);
      const corrupted = Buffer.from(original);
      const at = Math.floor(corrupted.length / 2);
      corrupted[at] = (corrupted[at] ?? 0) ^ 0x01;
      await fs.writeFile(file, corrupted);
      const pid = await serverPid(instance.id);
      try {
        const res = await call("POST", `/api/v1/backups/${backupId}/restore?wait=60`, {});
        expect(res.json.operation.status, res.text).toBe("failed");
        expect(JSON.stringify(res.json.operation.error)).toMatch(/refused/);
        expect(await serverPid(instance.id)).toBe(pid);
        expect((await inspect(instance.endpoints)).out).toMatchObject({ result: "ok", contacts: [bob[0]] });
      } finally {
        await fs.writeFile(file, original);
      }
    });

    it("restores into a new instance on other ports (a move)", async () => {
      const created = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=60`, { name: "new home", server });
      const target = created.json.instance;
      expect(target.endpoints.c2sPort).not.toBe(instance.endpoints.c2sPort);
      const res = await call("POST", `/api/v1/backups/${backupId}/restore?wait=90`, { targetInstanceId: target.id });
      expect(res.json.operation, res.text).toMatchObject({ status: "succeeded" });
      const moved = await inspect(target.endpoints);
      expect(moved.code, JSON.stringify(moved)).toBe(0);
      expect(moved.out).toMatchObject({ contacts: [bob[0]], joined: true });
      expect(moved.out.archived as number).toBeGreaterThanOrEqual(100);
      const domains = await call("GET", `/api/v1/instances/${target.id}/domains`);
      expect(domains.json.items.map((d: { name: string }) => d.name)).toEqual([domain]);
    });

    it("lets only the tenant owner download an archive", async () => {
      // An admin token is not enough; the owner's session is.
      expect((await call("GET", `/api/v1/backups/${backupId}/download`)).status).toBe(403);
      const cookie = cookieOf(await signIn(platform.app, `backup-${server}@test.example`));
      const res = await platform.app.inject({
        method: "GET",
        url: `/api/v1/backups/${backupId}/download`,
        headers: { cookie },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-disposition"]).toContain(".xhb");
      expect(res.rawPayload.length).toBeGreaterThan(100);
      const intruder = await signupWithToken(platform.app, `intruder-${server}`);
      expect((await intruder.call("GET", `/api/v1/backups/${backupId}/download`)).status).toBe(404);
      expect((await intruder.call("POST", `/api/v1/backups/${backupId}/restore`, {})).status).toBe(404);
      expect((await intruder.call("GET", `/api/v1/instances/${instance.id}/backups`)).status).toBe(404);
    });
  });
}

describe("backups across server kinds", () => {
  it("refuses a domain's own backup on ejabberd, and a Prosody backup restored into ejabberd, touching nothing", async () => {
    const { call, tenantId } = await signupWithToken(platform.app, "backup-kinds");
    const make = async (server: "prosody" | "ejabberd") => {
      const made = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=60`, { name: server, server });
      expect(made.json.operation.status, made.text).toBe("succeeded");
      return made.json.instance as { id: string };
    };
    const prosody = await make("prosody");
    const ejabberd = await make("ejabberd");
    const dom = await call("POST", `/api/v1/instances/${ejabberd.id}/domains?wait=60`, { name: "kinds-e.example" });
    expect(dom.status, dom.text).toBe(201);

    const own = await call("POST", `/api/v1/domains/${dom.json.domain.id}/backups`);
    expect(own.status, own.text).toBe(409);
    expect(own.json).toMatchObject({ reason: "not_supported_by_server", params: { server: "ejabberd" } });

    const backup = await call("POST", `/api/v1/instances/${prosody.id}/backups?wait=60`);
    expect(backup.json.backup?.status, backup.text).toBe("succeeded");
    const pid = (await platform.workerCtx.runtime.status(ejabberd.id)).pid;
    const restore = await call("POST", `/api/v1/backups/${backup.json.backup.id}/restore?wait=60`, {
      targetInstanceId: ejabberd.id,
    });
    expect(restore.json.operation.status, restore.text).toBe("failed");
    expect(JSON.stringify(restore.json.operation.error)).toMatch(/Prosody data .* server running ejabberd/);
    expect((await platform.workerCtx.runtime.status(ejabberd.id)).pid).toBe(pid);
    const domains = await call("GET", `/api/v1/instances/${ejabberd.id}/domains`);
    expect(domains.json.items.map((d: { name: string }) => d.name)).toEqual(["kinds-e.example"]);
  });
});
