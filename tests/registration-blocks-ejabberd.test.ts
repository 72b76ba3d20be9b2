// An open domain on ejabberd: its registration blocks reach ejabberd's own in-band registration (mod_register's
// ip_access), so an app on a blocked address cannot sign up there until the block is lifted, live; and members'
// invite quotas, which ejabberd 23.01 has no invites for, are refused naming the field.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Call, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

const DOMAIN = "walkin-ejabberd.example";
const PASSWORD = "amber-orchard-lamp";

let platform: Platform;
let call: Call;
let instanceId: string;
let domainId: string;
let c2s: string;
let caFile: string;

const etc = (file: string) => readFile(path.join(platform.dataRoot, "instances", instanceId, "etc", file), "utf8");
const register = (username: string) =>
  xmppClient(["register", "127.0.0.1", c2s, caFile, `${username}@${DOMAIN}`, PASSWORD]);
const accountExists = async (username: string) => {
  const instance = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: instanceId } });
  return platform.workerCtx.driverFor(instance).accountExists(`${username}@${DOMAIN}`);
};
const pid = async () => (await platform.workerCtx.runtime.status(instanceId)).pid;

beforeAll(async () => {
  platform = await startPlatform({ workerEnv: { HEALTH_PROBE_INTERVAL_MS: "3600000" } });
  const owner = await signupWithToken(platform.app, "blocksejabberd");
  call = owner.call;
  const created = await call("POST", `/api/v1/tenants/${owner.tenantId}/instances?wait=60`, {
    name: "walkin",
    server: "ejabberd",
  });
  expect(created.status, created.text).toBe(201);
  instanceId = created.json.instance.id;
  c2s = String(created.json.instance.endpoints.c2sPort);
  const added = await call("POST", `/api/v1/instances/${instanceId}/domains?wait=60`, {
    name: DOMAIN,
    registration: "open",
  });
  expect(added.json.operation?.status, added.text).toBe("succeeded");
  domainId = added.json.domain.id;
  caFile = (await internalCa(platform)).file;
}, 180_000);

afterAll(async () => {
  await platform?.close();
});

describe("registration blocks on ejabberd", () => {
  it("refuse in-band registration from a blocked address, and let it through once lifted, without a restart", async () => {
    const before = await pid();
    // The tests' clients connect from loopback.
    const block = await call("POST", `/api/v1/domains/${domainId}/registration-blocks?wait=30`, { cidr: "127.0.0.1" });
    expect(block.status, block.text).toBe(201);
    expect(block.json.operation?.status, block.text).toBe("succeeded");
    expect(await etc("ejabberd.yml")).toContain(`  registration_blocks_${DOMAIN}:\n    ip:\n      - 127.0.0.1/32\n`);
    expect(await etc("hosts.yml")).toContain(`ip_access: registration_ip_${DOMAIN}`);

    const refused = await register("walkin1");
    expect(refused.out, JSON.stringify(refused.out)).toMatchObject({
      result: "refused",
      condition: "forbidden",
      text: "Access denied by service policy",
    });
    expect(await accountExists("walkin1")).toBe(false);

    const lifted = await call("DELETE", `/api/v1/registration-blocks/${block.json.block.id}?wait=30`);
    expect(lifted.status, lifted.text).toBe(200);
    expect(lifted.json.operation?.status, lifted.text).toBe("succeeded");
    expect(await etc("ejabberd.yml")).not.toContain("registration_blocks_");
    expect(await etc("hosts.yml")).not.toContain("ip_access");

    const registered = await register("walkin1");
    expect(registered.out, JSON.stringify(registered.out)).toEqual({ result: "ok" });
    expect(await accountExists("walkin1")).toBe(true);
    const login = await xmppClient(["login", `walkin1@${DOMAIN}`, PASSWORD, "127.0.0.1", c2s, caFile]);
    expect(login.out).toEqual({ result: "ok" });
    expect(await pid()).toBe(before);
  });
});

describe("members' invite quotas on ejabberd", () => {
  it("are refused, naming the field, and the domain keeps the default", async () => {
    const res = await call("PATCH", `/api/v1/domains/${domainId}/settings`, { memberInvitesPerWeek: 2 });
    expect(res.status, res.text).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json.errors).toEqual([
      {
        field: "memberInvitesPerWeek",
        message: "this server software has no invites in chat apps",
        code: "not_offered",
      },
    ]);
    const settings = await call("GET", `/api/v1/domains/${domainId}/settings`);
    expect(settings.json.settings.memberInvitesPerWeek).toBe(0);
    expect(settings.json.changed).not.toContain("memberInvitesPerWeek");
  });
});
