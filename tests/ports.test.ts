import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Call, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";

// Eleven ports: room for two servers (five ports each), not for a third.
// Below the kernel's ephemeral ports (32768 and up), where outgoing connections of other tests would take some.
const base = 27000 + Math.floor(Math.random() * 250) * 20;
const last = base + 10;

let platform: Platform;
let call: Call;
let tenantId: string;

beforeAll(async () => {
  platform = await startPlatform({
    workerEnv: { INSTANCE_PORT_RANGE_START: String(base), INSTANCE_PORT_RANGE_END: String(last) },
  });
  ({ call, tenantId } = await signupWithToken(platform.app, "porter"));
});

afterAll(async () => {
  await platform?.close();
});

describe("ports are given by the worker when a server first starts", () => {
  let full: { id: string };

  it("gives each new server five free ports of the worker's range, and fails the one that finds none", async () => {
    const made = await Promise.all(
      ["One", "Two", "Three"].map((name) => call("POST", `/api/v1/tenants/${tenantId}/instances?wait=40`, { name })),
    );
    const running = made.filter((r) => r.json.operation?.status === "succeeded");
    const failed = made.filter((r) => r.json.operation?.status === "failed");
    expect(
      running.map((r) => r.json.instance.status),
      JSON.stringify(made.map((r) => r.json.operation)),
    ).toEqual(["running", "running"]);
    expect(failed).toHaveLength(1);

    const ports: number[] = running.flatMap((r) => {
      const { c2sPort, s2sPort, httpPort, directTlsPort, httpsPort } = r.json.instance.endpoints;
      return [c2sPort, s2sPort, httpPort, directTlsPort, httpsPort];
    });
    expect(new Set(ports).size).toBe(10);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(base);
      expect(port).toBeLessThanOrEqual(last);
    }

    const [refused] = failed;
    expect(refused?.json.instance).toMatchObject({
      status: "failed",
      endpoints: { c2sPort: null, s2sPort: null, httpPort: null, directTlsPort: null, httpsPort: null },
    });
    expect(refused?.json.operation.error).toMatchObject({ kind: "AppError", permanent: true, reason: "no_free_ports" });
    expect(refused?.json.operation.error.message).toContain("no free ports");
    full = refused?.json.instance;
  });

  it("expects no service records for a domain until its server has ports", async () => {
    const domain = await call("POST", `/api/v1/instances/${full.id}/domains?wait=20`, { name: "portless.example" });
    expect(domain.status, domain.text).toBe(201);
    const dns = await call("GET", `/api/v1/domains/${domain.json.domain.id}/dns`);
    expect(dns.status, dns.text).toBe(200);
    const ids = (dns.json.expected as { id: string }[]).map((r) => r.id);
    expect(ids).toContain("txt-verify");
    expect(ids).not.toContain("srv-client");
    expect(ids).not.toContain("srv-server");
    expect(ids).not.toContain("srv-groups-server");
    expect(ids).not.toContain("srvs-client");

    // A server that runs has them.
    const [other] = (await call("GET", `/api/v1/tenants/${tenantId}/instances`)).json.items.filter(
      (i: { status: string }) => i.status === "running",
    );
    const live = await call("POST", `/api/v1/instances/${other.id}/domains?wait=30`, { name: "ported.example" });
    const liveDns = await call("GET", `/api/v1/domains/${live.json.domain.id}/dns`);
    const client = (liveDns.json.expected as { id: string; value: string }[]).find((r) => r.id === "srv-client");
    expect(client?.value).toContain(` ${other.endpoints.c2sPort} `);
    const direct = (liveDns.json.expected as { id: string; value: string }[]).find((r) => r.id === "srvs-client");
    expect(direct?.value).toContain(` ${other.endpoints.directTlsPort} `);
  });
});
