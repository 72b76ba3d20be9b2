import { xmppRegister } from "@xmpp-host/xmpp/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sync } from "../apps/worker/src/processors/maintenance.ts";
import { type Call, client, type Platform, signupWithToken, startPlatform } from "./helpers/platform.ts";

let platform: Platform;
let call: Call;
let domainId: string;
let endpoint: { host: string; port: number; domain: string; ca: string };

beforeAll(async () => {
  platform = await startPlatform();
  let tenantId: string;
  ({ call, tenantId } = await signupWithToken(platform.app, "sync"));
  const inst = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=30`, { name: "sync" });
  expect(inst.json.operation.status, inst.text).toBe("succeeded");
  const dom = await call("POST", `/api/v1/instances/${inst.json.instance.id}/domains?wait=30`, {
    name: "open.example",
    registration: "open",
  });
  expect(dom.json.operation.status, dom.text).toBe("succeeded");
  domainId = dom.json.domain.id;
  const ca = await client(platform.app)("GET", "/api/v1/ca.pem");
  endpoint = {
    host: inst.json.instance.endpoints.host,
    port: inst.json.instance.endpoints.c2sPort,
    domain: "open.example",
    ca: ca.text,
  };
});

afterAll(async () => {
  await platform?.close();
});

describe("sync", () => {
  it("brings accounts and rooms made outside the platform into its view, and never deletes", async () => {
    // A person signs up from their own client (in-band registration on an open domain).
    expect(await xmppRegister({ ...endpoint, username: "dora", password: "amber-orchard-lamp" })).toBe("registered");
    // A platform-made account that then disappears from the server behind the platform's back.
    const erin = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, { localpart: "erin" });
    expect(erin.json.operation.status).toBe("succeeded");
    const instance = await platform.app.core.db.instance.findFirstOrThrow();
    const driver = platform.workerCtx.driverFor(instance);
    await driver.deleteAccount("erin@open.example");
    await driver.createRoom("book-club@groups.open.example", {
      title: "Book club",
      membersOnly: false,
      persistent: true,
      public: true,
    });

    const result = await sync(platform.workerCtx);
    expect(result).toEqual({ accountsAdded: 1, roomsAdded: 1, inviteUsesAdded: 0 });

    const accounts = await call("GET", `/api/v1/domains/${domainId}/accounts`);
    const byJid = Object.fromEntries(accounts.json.items.map((a: { jid: string }) => [a.jid, a]));
    expect(byJid["dora@open.example"]).toMatchObject({ origin: "server", state: "active" });
    expect(byJid["erin@open.example"]).toMatchObject({ origin: "platform" });
    const rooms = await call("GET", `/api/v1/domains/${domainId}/rooms`);
    expect(rooms.json.items).toEqual([
      expect.objectContaining({
        jid: "book-club@groups.open.example",
        title: "Book club",
        origin: "server",
        public: true,
      }),
    ]);

    // Running it again adds nothing twice.
    expect(await sync(platform.workerCtx)).toEqual({ accountsAdded: 0, roomsAdded: 0, inviteUsesAdded: 0 });
  });
});
