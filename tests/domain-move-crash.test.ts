// A move from Prosody to ejabberd whose worker is killed (-9) right after the switch, before the new server has
// read the domain's data: the restarted worker finds the file the old server wrote, has it read, checks, and the
// move ends once, with every account logging in on ejabberd with its old password and no file left behind.

import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Call, type Platform, signupWithToken, startPlatform, WorkerProcess } from "./helpers/platform.ts";
import { until } from "./helpers/wait.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

const DOMAIN = "movecrash.example";
const people = [0, 1, 2].map((i) => [`kin${i}@${DOMAIN}`, `quiet-harbour-lantern-${i}`] as const);

let platform: Platform;
let call: Call;
let worker: WorkerProcess;
let caFile: string;
let homeId: string;
let ejId: string;
let domainId: string;

/** The server's processes (found by its folder on their command line), sent a signal. */
function signalServer(instanceId: string, signal: NodeJS.Signals): number {
  const folder = path.join(platform.dataRoot, "instances", instanceId);
  const out = execFileSync("pgrep", ["-f", folder], { encoding: "utf8" });
  const pids = out.split("\n").filter(Boolean).map(Number);
  for (const pid of pids) process.kill(pid, signal);
  return pids.length;
}

const dataOf = (instanceId: string) => platform.workerCtx.runtime.layout(instanceId).data;
const leftovers = (instanceId: string) => readdirSync(dataOf(instanceId)).filter((f) => f.startsWith(".xh-"));

async function endpointOf(instanceId: string) {
  const i = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: instanceId } });
  return { host: i.host, port: String(i.c2sPort) };
}

beforeAll(async () => {
  platform = await startPlatform({ inProcessWorker: false });
  worker = new WorkerProcess(platform.workerEnv);
  const family = await signupWithToken(platform.app, "crashmover");
  call = family.call;
  worker.start();
  const home = await call("POST", `/api/v1/tenants/${family.tenantId}/instances?wait=90`, { name: "home" });
  expect(home.json.operation?.status, home.text).toBe("succeeded");
  homeId = home.json.instance.id;
  const ej = await call("POST", `/api/v1/tenants/${family.tenantId}/instances?wait=90`, {
    name: "ej",
    server: "ejabberd",
  });
  expect(ej.json.operation?.status, ej.text).toBe("succeeded");
  ejId = ej.json.instance.id;
  // The platform's CA, made by the worker when it first started.
  caFile = (await internalCa(platform)).file;
  const dom = await call("POST", `/api/v1/instances/${homeId}/domains?wait=60`, { name: DOMAIN });
  expect(dom.json.operation?.status, dom.text).toBe("succeeded");
  domainId = dom.json.domain.id;
  for (const [jid, password] of people) {
    const res = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
      localpart: jid.split("@")[0],
      password,
    });
    expect(res.json.operation?.status, res.text).toBe("succeeded");
  }
  const room = await call("POST", `/api/v1/domains/${domainId}/rooms?wait=30`, {
    name: "kin",
    title: "Kin",
    membersOnly: true,
    members: people.map((p) => p[0]),
  });
  expect(room.json.operation?.status, room.text).toBe("succeeded");
}, 240_000);

afterAll(async () => {
  await worker?.kill();
  await platform?.close();
});

describe("a move between kinds whose worker is killed after the switch", () => {
  it("is finished once by the next worker: the new server reads the waiting file, and nothing is left behind", async () => {
    const home = await endpointOf(homeId);
    const first = await xmppClient(["login", ...people[0]!, home.host, home.port, caFile]);
    expect(first.code, JSON.stringify(first.out)).toBe(0);
    const started = await call("POST", `/api/v1/domains/${domainId}/move`, { targetInstanceId: ejId });
    expect(started.status, started.text).toBe(202);
    const opId = started.json.operation.id as string;
    const placed = path.join(dataOf(ejId), `.xh-import-${opId}.xml`);
    // ejabberd is frozen as soon as the file is on it, so the worker is caught in its first call there, after the
    // switch is recorded and before the file is read; then the worker is killed.
    await until("the file to be on the new server", async () => existsSync(placed), 60_000, 5);
    expect(signalServer(ejId, "SIGSTOP")).toBeGreaterThan(0);
    try {
      await until(
        "the switch to be recorded",
        async () =>
          (await platform.app.core.db.domain.findUniqueOrThrow({ where: { id: domainId } })).instanceId === ejId,
        10_000,
        5,
      );
      await worker.kill();
    } finally {
      signalServer(ejId, "SIGCONT");
    }
    expect(existsSync(placed)).toBe(true);
    expect((await platform.app.core.db.operation.findUniqueOrThrow({ where: { id: opId } })).status).toBe("running");

    worker.start();
    await until(
      "the move to end",
      async () => {
        const op = await platform.app.core.db.operation.findUniqueOrThrow({ where: { id: opId } });
        return op.status === "succeeded" || op.status === "failed";
      },
      150_000,
      250,
    );
    const op = await platform.app.core.db.operation.findUniqueOrThrow({ where: { id: opId } });
    expect(op.status, JSON.stringify(op.error)).toBe("succeeded");
    expect((await call("GET", `/api/v1/domains/${domainId}`)).json).toMatchObject({ instanceId: ejId });

    // Everyone logs in on ejabberd with the password they had (an independent client), and no longer at home.
    const ej = await endpointOf(ejId);
    for (const [jid, password] of people) {
      const login = await xmppClient(["login", jid, password, ej.host, ej.port, caFile]);
      expect(login.code, JSON.stringify(login.out)).toBe(0);
    }
    expect((await xmppClient(["login", ...people[0]!, home.host, home.port, caFile])).code).not.toBe(0);
    const rooms = await call("GET", `/api/v1/domains/${domainId}/rooms`);
    expect(rooms.json.items.map((r: { jid: string }) => r.jid)).toEqual([`kin@groups.${DOMAIN}`]);
    // The file with every credential and message was read once and removed, on both servers.
    expect([...leftovers(homeId), ...leftovers(ejId)]).toEqual([]);
  }, 300_000);
});
