// The operators' fleet: search, filters and paging with a total; a server's status that counts its open alerts; the
// read-only support view of a tenant the operator does not belong to, and its audit trail. No worker runs: the rows
// the worker would write (probe verdicts, alerts) are written here, so each case controls exactly what it reads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Call, client, type Platform, signupWithToken, startPlatform } from "./helpers/platform.ts";

type Tenant = Awaited<ReturnType<typeof signupWithToken>>;
interface Row {
  instance: { id: string; name: string; placement: string; server: string };
  tenant: { id: string; name: string } | null;
  health: { status: string; reasons: { code: string; message: string }[] };
  openAlerts: { critical: number; warning: number };
}

let platform: Platform;
let alpha: Tenant;
let beta: Tenant;
let opsToken: string;
let opsTenantId: string;
let opsUserId: string;
let ops: Call;
const ids: Record<string, string> = {};
let sharedName = "";

beforeAll(async () => {
  platform = await startPlatform({ inProcessWorker: false, workerEnv: { PLATFORM_BASE_DOMAIN: "fleet.test" } });
  const db = platform.app.core.db;
  alpha = await signupWithToken(platform.app, "alpha");
  beta = await signupWithToken(platform.app, "beta");
  const op = await signupWithToken(platform.app, "ops");
  await db.user.update({ where: { email: "ops@test.example" }, data: { isOperator: true } });
  opsUserId = (await db.user.findUniqueOrThrow({ where: { email: "ops@test.example" } })).id;
  opsToken = op.token;
  opsTenantId = op.tenantId;
  ops = client(platform.app, { cookie: op.cookie });

  for (const [owner, name] of [
    [alpha, "alpha-one"],
    [alpha, "alpha-two"],
    [beta, "beta-main"],
  ] as const) {
    const res = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/instances`, { name });
    expect(res.status, res.text).toBe(202);
    ids[name] = res.json.instance.id;
  }
  const own = await beta.call("POST", `/api/v1/instances/${ids["beta-main"]}/domains`, { name: "chat.beta.test" });
  expect(own.status, own.text).toBe(202);
  // A free address: the pool records a shared server (no tenant) for it.
  const free = await alpha.call("POST", `/api/v1/tenants/${alpha.tenantId}/domains`, { name: "alphas" });
  expect(free.status, free.text).toBe(202);
  const shared = await db.instance.findFirstOrThrow({ where: { placement: "shared" } });
  ids.shared = shared.id;
  sharedName = shared.name;
  // ejabberd is not offered to tenants yet, so its server is recorded directly (stopped: nothing runs it).
  const legacy = await db.instance.create({
    data: {
      name: "legacy-xmpp",
      server: "ejabberd",
      tenantId: beta.tenantId,
      c2sPort: 65_001,
      s2sPort: 65_002,
      httpPort: 65_003,
      status: "stopped",
      desiredState: "stopped",
    },
  });
  ids.legacy = legacy.id;
}, 60_000);

afterAll(async () => {
  await platform?.close();
});

async function fleet(query: string): Promise<{ items: Row[]; nextCursor: string | null; total: number }> {
  const res = await ops("GET", `/api/v1/fleet?${query}`);
  expect(res.status, res.text).toBe(200);
  return res.json as { items: Row[]; nextCursor: string | null; total: number };
}

const names = (rows: Row[]) => rows.map((r) => r.instance.name);

describe("the fleet list", () => {
  it("pages through every server by name, with the same total on each page", async () => {
    const all = [...names((await fleet("limit=200")).items)];
    expect(all).toEqual([...["alpha-one", "alpha-two", "beta-main", "legacy-xmpp", sharedName].sort()]);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await fleet(`limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.total).toBe(5);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...names(page.items));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
  });

  it("searches server, tenant and domain names in any case", async () => {
    const byServer = await fleet("search=ALPHA-T");
    expect(names(byServer.items)).toEqual(["alpha-two"]);
    expect(byServer.total).toBe(1);
    // The tenant's name reaches its dedicated servers...
    expect(names((await fleet(`search=${encodeURIComponent("beta's")}`)).items)).toEqual(["beta-main", "legacy-xmpp"]);
    // ...a domain's name reaches the server that carries it...
    expect(names((await fleet("search=chat.beta")).items)).toEqual(["beta-main"]);
    // ...including a shared server, which has no tenant of its own.
    expect(names((await fleet("search=alphas.fleet")).items)).toEqual([sharedName]);
    const none = await fleet("search=nothing-like-this");
    expect(none).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it("filters by tenant, server software and placement, and pages the filtered list", async () => {
    const ofAlpha = await fleet(`tenantId=${alpha.tenantId}`);
    // A tenant's servers, and the shared server that carries its free address.
    expect(names(ofAlpha.items)).toEqual(["alpha-one", "alpha-two", sharedName].sort());
    expect(ofAlpha.total).toBe(3);
    expect(names((await fleet("server=ejabberd")).items)).toEqual(["legacy-xmpp"]);
    expect((await fleet("server=prosody")).total).toBe(4);
    expect(names((await fleet("placement=shared")).items)).toEqual([sharedName]);
    expect(names((await fleet(`placement=dedicated&tenantId=${alpha.tenantId}`)).items)).toEqual([
      "alpha-one",
      "alpha-two",
    ]);
    const first = await fleet(`tenantId=${beta.tenantId}&limit=1`);
    expect(first.total).toBe(2);
    expect(names(first.items)).toEqual(["beta-main"]);
    const second = await fleet(`tenantId=${beta.tenantId}&limit=1&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ total: 2, nextCursor: null });
    expect(names(second.items)).toEqual(["legacy-xmpp"]);
    for (const bad of ["status=fine", "server=openfire", "placement=cloud", "tenantId=a%20b"]) {
      expect((await ops("GET", `/api/v1/fleet?${bad}`)).status, bad).toBe(400);
    }
  });

  it("lists tenants by name for the filter", async () => {
    const res = await ops("GET", "/api/v1/fleet/tenants?limit=200");
    expect(res.status, res.text).toBe(200);
    expect(res.json.items.map((t: { name: string }) => t.name)).toEqual([
      "alpha's family",
      "beta's family",
      "ops's family",
    ]);
    const some = await ops("GET", "/api/v1/fleet/tenants?search=BETA");
    expect(some.json.items).toEqual([{ id: beta.tenantId, name: "beta's family" }]);
  });
});

describe("a server's status", () => {
  it("is the worse of its last probe and its open alerts, and the status filter agrees", async () => {
    const db = platform.app.core.db;
    for (const name of ["alpha-one", "alpha-two", "beta-main"]) {
      await db.instanceHealth.create({
        data: { instanceId: ids[name] as string, status: "healthy", checkedAt: new Date() },
      });
    }
    // The alerts the worker would have opened: the server, its tenant, the rule, severity and message, and a status.
    type Opened = [server: string, owner: Tenant, rule: string, severity: string, message: string, status?: string];
    const alerts: Opened[] = [
      ["alpha-one", alpha, "backup_failed", "warning", "The last backup of alpha-one failed"],
      ["beta-main", beta, "instance_down", "critical", "beta-main is down"],
      ["beta-main", beta, "login_slow", "warning", "Logins on beta-main are slow"],
      // A resolved alert no longer counts.
      ["alpha-two", alpha, "instance_down", "critical", "alpha-two was down", "resolved"],
    ];
    for (const [server, owner, rule, severity, message, status] of alerts) {
      const instanceId = ids[server] as string;
      await db.alert.create({
        data: {
          subjectType: "instance",
          subjectId: instanceId,
          subjectName: "x",
          openKey: status === "resolved" ? null : `${rule}:${instanceId}`,
          instanceId,
          tenantId: owner.tenantId,
          rule,
          severity,
          message,
          ...(status ? { status } : {}),
        },
      });
    }

    const rows = new Map((await fleet("limit=200")).items.map((r) => [r.instance.name, r]));
    expect(rows.get("alpha-one")?.health).toEqual({
      status: "degraded",
      reasons: [{ code: "alert_backup_failed", message: "The last backup of alpha-one failed", params: { name: "x" } }],
    });
    expect(rows.get("alpha-one")?.openAlerts).toEqual({ critical: 0, warning: 1 });
    expect(rows.get("beta-main")?.health.status).toBe("down");
    // The critical alert is the first reason read.
    expect(rows.get("beta-main")?.health.reasons.map((r) => r.code)).toEqual([
      "alert_instance_down",
      "alert_login_slow",
    ]);
    expect(rows.get("beta-main")?.openAlerts).toEqual({ critical: 1, warning: 1 });
    expect(rows.get("alpha-two")?.health).toEqual({ status: "healthy", reasons: [] });
    expect(rows.get("legacy-xmpp")?.health.status).toBe("unknown");

    expect(names((await fleet("status=healthy")).items)).toEqual(["alpha-two"]);
    expect(names((await fleet("status=degraded")).items)).toEqual(["alpha-one"]);
    expect(names((await fleet("status=down")).items)).toEqual(["beta-main"]);
    const unknown = await fleet("status=unknown");
    expect(names(unknown.items)).toEqual(["legacy-xmpp", sharedName].sort());
    expect(unknown.total).toBe(2);
    expect((await fleet(`status=degraded&tenantId=${beta.tenantId}`)).total).toBe(0);
  });
});

describe("the support view", () => {
  it("lets an operator read a tenant they do not belong to, and refuses every change with 403", async () => {
    const db = platform.app.core.db;
    const tenant = await ops("GET", `/api/v1/tenants/${alpha.tenantId}`);
    expect(tenant.status, tenant.text).toBe(200);
    expect(tenant.json).toMatchObject({ name: "alpha's family", role: "viewer" });
    const servers = await ops("GET", `/api/v1/tenants/${alpha.tenantId}/instances`);
    expect(servers.status).toBe(200);
    expect(servers.json.items.map((i: { name: string }) => i.name).sort()).toEqual(["alpha-one", "alpha-two"]);
    expect((await ops("GET", `/api/v1/instances/${ids["alpha-one"]}/health`)).status).toBe(200);

    const where = { where: { tenantId: alpha.tenantId } };
    const counts = async () => ({
      instances: await db.instance.count(where),
      domains: await db.domain.count(where),
      operations: await db.operation.count(where),
      tokens: await db.apiToken.count(where),
      invites: await db.memberInvite.count(where),
      channels: await db.alertChannel.count(where),
    });
    const before = await counts();
    const one = await db.instance.findUniqueOrThrow({ where: { id: ids["alpha-one"] as string } });
    for (const [method, url, body] of [
      ["POST", `/api/v1/tenants/${alpha.tenantId}/instances`, { name: "sneaky" }],
      ["POST", `/api/v1/tenants/${alpha.tenantId}/domains`, { name: "sneaky" }],
      ["DELETE", `/api/v1/instances/${ids["alpha-one"]}`, undefined],
      ["PATCH", `/api/v1/instances/${ids["alpha-one"]}`, { name: "renamed" }],
      ["POST", `/api/v1/instances/${ids["alpha-one"]}/backups`, {}],
      ["POST", `/api/v1/tenants/${alpha.tenantId}/members`, { email: "friend@test.example", role: "owner" }],
      ["POST", "/api/v1/api-tokens", { name: "mine now", tenantId: alpha.tenantId }],
      ["POST", `/api/v1/tenants/${alpha.tenantId}/alert-channels`, { kind: "email", name: "x", target: "x@y.test" }],
    ] as const) {
      const res = await ops(method, url, body);
      expect(res.status, `${method} ${url}: ${res.text}`).toBe(403);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json).toMatchObject({ code: "forbidden" });
      expect(res.json.detail).toContain("support view");
    }
    expect(await counts()).toEqual(before);
    const after = await db.instance.findUniqueOrThrow({ where: { id: ids["alpha-one"] as string } });
    expect([after.name, after.status, after.desiredState]).toEqual([one.name, one.status, one.desiredState]);

    // In their own tenant an operator is a member like any other, and changes things.
    const mine = await ops("POST", "/api/v1/api-tokens", { name: "own", tenantId: opsTenantId });
    expect(mine.status, mine.text).toBe(201);
    // A tenant that does not exist is still a 404, not a 403.
    expect((await ops("POST", "/api/v1/tenants/no-such-tenant/instances", { name: "x" })).status).toBe(404);
  });

  it("records each opening as an audit event, once per operator and tenant within ten minutes", async () => {
    const db = platform.app.core.db;
    const events = () => db.auditEvent.findMany({ where: { action: "support.viewed" }, orderBy: { createdAt: "asc" } });
    expect(await events()).toEqual([]);

    const first = await ops("POST", `/api/v1/fleet/tenants/${alpha.tenantId}/support-view`);
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({
      tenant: { id: alpha.tenantId, name: "alpha's family" },
      readOnly: true,
      recorded: true,
    });
    expect(await events()).toEqual([
      expect.objectContaining({
        tenantId: alpha.tenantId,
        actorUserId: opsUserId,
        action: "support.viewed",
        resourceType: "tenant",
        resourceId: alpha.tenantId,
      }),
    ]);
    // The pages of one visit opening together record it once.
    const again = await Promise.all(
      Array.from({ length: 5 }, () => ops("POST", `/api/v1/fleet/tenants/${alpha.tenantId}/support-view`)),
    );
    expect(again.map((r) => [r.status, r.json.recorded])).toEqual(Array(5).fill([200, false]));
    expect(await events()).toHaveLength(1);

    // Another tenant is another visit; so is the same one once the window has passed.
    expect((await ops("POST", `/api/v1/fleet/tenants/${beta.tenantId}/support-view`)).json.recorded).toBe(true);
    await db.auditEvent.updateMany({
      where: { action: "support.viewed", tenantId: alpha.tenantId },
      data: { createdAt: new Date(Date.now() - 11 * 60_000) },
    });
    expect((await ops("POST", `/api/v1/fleet/tenants/${alpha.tenantId}/support-view`)).json.recorded).toBe(true);
    expect((await events()).map((e) => e.tenantId)).toEqual([alpha.tenantId, beta.tenantId, alpha.tenantId]);

    expect((await ops("POST", "/api/v1/fleet/tenants/no-such-tenant/support-view")).status).toBe(404);
    expect(await events()).toHaveLength(3);
  });
});

describe("who reaches the fleet", () => {
  it("answers 404 to everyone but an operator's session, and 401 without sign-in", async () => {
    const routes = [
      ["GET", "/api/v1/fleet"],
      ["GET", "/api/v1/fleet?search=alpha"],
      ["GET", "/api/v1/fleet/tenants"],
      ["GET", "/api/v1/fleet/domains"],
      ["GET", "/api/v1/fleet/alerts"],
      ["POST", `/api/v1/fleet/tenants/${alpha.tenantId}/support-view`],
    ] as const;
    const member = client(platform.app, { cookie: alpha.cookie });
    const operatorToken = client(platform.app, { token: opsToken });
    const anonymous = client(platform.app);
    const before = await platform.app.core.db.auditEvent.count({ where: { action: "support.viewed" } });
    for (const [method, url] of routes) {
      // A tenant's own owner, an owner's API token, and an operator's API token: none of them is an operator here.
      for (const [who, call] of [
        ["member", member],
        ["member token", alpha.call],
        ["operator token", operatorToken],
      ] as const) {
        const res = await call(method, url);
        expect(res.status, `${who} ${method} ${url}`).toBe(404);
        expect(res.headers["content-type"]).toContain("application/problem+json");
      }
      expect((await anonymous(method, url)).status, `anonymous ${method} ${url}`).toBe(401);
      expect((await ops(method, url)).status, `operator ${method} ${url}`).toBe(200);
    }
    // Nothing refused was recorded (the operator's own call falls within the visit recorded before).
    expect(await platform.app.core.db.auditEvent.count({ where: { action: "support.viewed" } })).toBe(before);
  });
});
