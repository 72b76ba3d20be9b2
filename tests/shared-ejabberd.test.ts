// An operator who runs the shared pool on ejabberd (SHARED_SERVER_KIND): a family's free address lands on a shared
// ejabberd server, is found through the platform zone that a real BIND serves, and works; the server is backed up
// whole, since ejabberd keeps every domain in one database.
import { platformZoneEnv, startTestNamed, type TestNamed } from "@xmpp-host/dns/testing";
import { xmppRegister } from "@xmpp-host/xmpp/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Call, client, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

const BASE = "pool.test";
let platform: Platform;
let named: TestNamed;
let call: Call;

beforeAll(async () => {
  named = await startTestNamed({ zones: [{ name: BASE, records: ["xmpp IN A 127.0.0.1"] }] });
  platform = await startPlatform({
    workerEnv: {
      SHARED_SERVER_KIND: "ejabberd",
      ...platformZoneEnv(named, BASE),
      SHARED_DOMAIN_MAX_ACCOUNTS: "4",
      BACKUP_VERIFY: "false",
    },
  });
}, 120_000);

afterAll(async () => {
  await platform?.close();
  await named?.close();
});

describe("a shared pool of ejabberd servers", () => {
  it("places a free address on a shared ejabberd server, found through DNS, where the family chats", async () => {
    const owner = await signupWithToken(platform.app, "pool");
    call = owner.call;
    const tenantId = owner.tenantId;
    const made = await call("POST", `/api/v1/tenants/${tenantId}/domains?wait=60`, { name: "walkers" });
    expect(made.status, made.text).toBe(201);
    const domain = await platform.app.core.db.domain.findUniqueOrThrow({
      where: { id: made.json.domain.id },
      include: { instance: true },
    });
    expect(domain.instance).toMatchObject({ server: "ejabberd", placement: "shared", backupIntervalHours: 24 });
    expect(domain.instance.adminSecretEncrypted).toMatch(/^v1\./);

    const alice = ["alice@walkers.pool.test", "amber-orchard-lamp"] as const;
    const acct = await call("POST", `/api/v1/domains/${domain.id}/accounts?wait=30`, {
      localpart: "alice",
      password: alice[1],
    });
    expect(acct.json.operation?.status, acct.text).toBe("succeeded");
    const room = await call("POST", `/api/v1/domains/${domain.id}/rooms?wait=30`, {
      name: "family",
      title: "Family",
      members: [alice[0]],
    });
    expect(room.json.operation?.status, room.text).toBe("succeeded");
    const caFile = (await internalCa(platform)).file;
    const joined = await xmppClient(["srv-join", named.server, caFile, ...alice, "family@groups.walkers.pool.test"]);
    expect(joined.out, JSON.stringify(joined.out)).toMatchObject({
      result: "ok",
      target: `xmpp.${BASE}`,
      port: domain.instance.c2sPort,
    });

    // The domain's own backups are not scheduled there: the server's whole backups are.
    const schedulers = await platform.workerCtx.queues.queues.checks.getJobSchedulers(0, -1);
    expect(schedulers.map((s) => s.key)).toContain(`backup:${domain.instanceId}`);
    expect(schedulers.map((s) => s.key)).not.toContain(`domain-backup:${domain.id}`);
  });

  it("takes open sign-ups there through the platform's page alone, which keeps the domain's account limit", async () => {
    const domain = await platform.app.core.db.domain.findFirstOrThrow({
      where: { name: "walkers.pool.test" },
      include: { instance: true },
    });
    const open = await call("PATCH", `/api/v1/domains/${domain.id}?wait=60`, { registration: "open" });
    expect(open.status, open.text).toBe(200);
    const caPem = (await internalCa(platform)).pem;
    const endpoint = { host: "127.0.0.1", port: domain.instance.c2sPort ?? 0, domain: domain.name, ca: caPem };
    // ejabberd cannot count a domain's accounts, so apps cannot sign up there on their own.
    expect(await xmppRegister({ ...endpoint, username: "walkin", password: "amber-orchard-lamp" })).not.toBe(
      "registered",
    );
    const anonymous = client(platform.app);
    for (let i = 1; i <= 4; i++) {
      const res = await anonymous("POST", `/api/v1/public/domains/${domain.name}/register`, {
        username: `guest${i}`,
        password: "amber-orchard-lamp",
      });
      // alice is one account: the domain holds four (SHARED_DOMAIN_MAX_ACCOUNTS).
      expect(res.status, res.text).toBe(i <= 3 ? 201 : 403);
    }
  });
});
