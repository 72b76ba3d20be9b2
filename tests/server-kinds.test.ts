// The same family's first hour on each server kind, through the HTTP API only, proven by an independent client.
import { readFile } from "node:fs/promises";
import { fetchServedCertificate } from "@xmpp-host/acme";
import { xmppRegister } from "@xmpp-host/xmpp/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sync } from "../apps/worker/src/processors/maintenance.ts";
import { type Call, client, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});

afterAll(async () => {
  await platform?.close();
});

for (const server of ["prosody", "ejabberd"] as const) {
  describe(`end to end on ${server}, through the HTTP API only`, () => {
    const domain = `${server}-family.example`;
    const room = `family@groups.${domain}`;
    let call: Call;
    let instance: { id: string; endpoints: { host: string; c2sPort: number } };
    let domainId: string;
    let caFile: string;
    let bobId: string;
    const passwords = { alice: "amber-orchard-lamp", bob: "copper-meadow-kite", dora: "silver-harbour-fern" };

    const login = (jid: string, password: string) => {
      const { host, c2sPort } = instance.endpoints;
      return xmppClient(["login", jid, password, host, String(c2sPort), caFile]);
    };
    const serverPid = async () => (await platform.workerCtx.runtime.status(instance.id)).pid;

    it(`signs up and creates a server running ${server}, with a domain`, async () => {
      const signedUp = await signupWithToken(platform.app, `kind-${server}`);
      call = signedUp.call;
      const tenantId = signedUp.tenantId;
      const created = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=60`, {
        name: `Family on ${server}`,
        server,
      });
      expect(created.status, created.text).toBe(201);
      expect(created.json.instance).toMatchObject({ server, status: "running" });
      // The API says what this kind cannot do, rather than degrading silently.
      expect(created.json.instance.features.inBandInvites).toBe(server === "prosody");
      instance = created.json.instance;

      const added = await call("POST", `/api/v1/instances/${instance.id}/domains?wait=60`, {
        name: domain,
        registration: "invite",
      });
      expect(added.status, added.text).toBe(201);
      expect(added.json.domain.state).toBe("active");
      domainId = added.json.domain.id;
      caFile = (await internalCa(platform)).file;
    });

    it("creates accounts and a members-only room", async () => {
      for (const name of ["alice", "bob"] as const) {
        const res = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
          localpart: name,
          password: passwords[name],
        });
        expect(res.status, res.text).toBe(201);
        if (name === "bob") bobId = res.json.account.id;
      }
      const made = await call("POST", `/api/v1/domains/${domainId}/rooms?wait=30`, {
        name: "family",
        title: "Family",
        membersOnly: true,
        members: [`alice@${domain}`],
      });
      expect(made.status, made.text).toBe(201);
      expect(made.json.room).toMatchObject({ jid: room, state: "active", membersOnly: true });
    });

    it("registers a newcomer through an invite on the web, into the room", async () => {
      const rooms = await call("GET", `/api/v1/domains/${domainId}/rooms`);
      const invite = await call("POST", `/api/v1/domains/${domainId}/invites?wait=30`, {
        rooms: [rooms.json.items[0].id],
      });
      expect(invite.status, invite.text).toBe(201);
      const token = invite.json.invite.token as string;
      const anonymous = client(platform.app);
      const landing = await anonymous("GET", `/api/v1/public/invites/${token}`);
      expect(landing.status).toBe(200);
      // An app can take the invite only where the server keeps invite tokens; the web form works everywhere.
      if (server === "prosody") expect(landing.json.uri).toMatch(/^xmpp:.*preauth=/);
      else expect(landing.json.uri).toBeNull();
      const registered = await anonymous("POST", `/api/v1/public/invites/${token}/register`, {
        username: "dora",
        password: passwords.dora,
      });
      expect(registered.status, registered.text).toBe(201);
      expect(registered.json).toMatchObject({ jid: `dora@${domain}`, rooms: [room] });
    });

    it("lets an independent client log in, join the room and exchange a message", async () => {
      for (const [name, pw] of Object.entries(passwords)) {
        expect(await login(`${name}@${domain}`, pw), name).toEqual({ code: 0, out: { result: "ok" } });
      }
      expect((await login(`alice@${domain}`, "not-the-password")).code).toBe(2);
      const { host, c2sPort } = instance.endpoints;
      const chat = await xmppClient([
        "room-chat",
        host,
        String(c2sPort),
        caFile,
        room,
        `alice@${domain}`,
        passwords.alice,
        `dora@${domain}`,
        passwords.dora,
      ]);
      expect(chat, JSON.stringify(chat)).toEqual({
        code: 0,
        out: { result: "ok", received: "hello from the end-to-end test" },
      });
    });

    it("takes an emoji in a password only where the server can (ejabberd's stringprep cannot), refusing at the edge", async () => {
      const emoji = "amber orchard 😀 lamp";
      const res = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
        localpart: "emoji",
        password: emoji,
      });
      if (server === "prosody") {
        expect(res.status, res.text).toBe(201);
        expect(await login(`emoji@${domain}`, emoji)).toEqual({ code: 0, out: { result: "ok" } });
      } else {
        expect(res.status, res.text).toBe(400);
        expect(res.json.errors).toEqual([expect.objectContaining({ field: "password", code: "not_saslprep" })]);
        const accounts = await call("GET", `/api/v1/domains/${domainId}/accounts`);
        expect(accounts.json.items.map((a: { jid: string }) => a.jid)).not.toContain(`emoji@${domain}`);
      }
    });

    it("deletes an account so that its login fails", async () => {
      const del = await call("DELETE", `/api/v1/accounts/${bobId}?wait=30`);
      expect(del.status, del.text).toBe(200);
      expect(del.json.operation.status).toBe("succeeded");
      expect((await login(`bob@${domain}`, passwords.bob)).code).toBe(2);
    });

    it("lets people sign up from their app on an open domain, and sync brings them into the platform's view", async () => {
      const open = `${server}-open.example`;
      const added = await call("POST", `/api/v1/instances/${instance.id}/domains?wait=60`, {
        name: open,
        registration: "open",
      });
      expect(added.status, added.text).toBe(201);
      const { host, c2sPort } = instance.endpoints;
      const endpoint = { host, port: c2sPort, domain: open, ca: await readFile(caFile, "utf8") };
      expect(await xmppRegister({ ...endpoint, username: "erin", password: passwords.alice })).toBe("registered");
      await sync(platform.workerCtx);
      const accounts = await call("GET", `/api/v1/domains/${added.json.domain.id}/accounts`);
      expect(accounts.json.items).toEqual([expect.objectContaining({ jid: `erin@${open}`, origin: "server" })]);
      // The invite-only domain takes nobody in-band without an invite.
      expect(await xmppRegister({ ...endpoint, domain, username: "walkin", password: passwords.alice })).not.toBe(
        "registered",
      );
    });

    it("serves a new certificate for a domain live, in the same process", async () => {
      const pid = await serverPid();
      const { host, c2sPort } = instance.endpoints;
      const served = async () => (await fetchServedCertificate({ host, port: c2sPort, domain })).fingerprint;
      const before = await served();
      const renewed = await call("POST", `/api/v1/domains/${domainId}/certificates?wait=60`, { source: "internal" });
      expect(renewed.json.operation?.status, renewed.text).toBe("succeeded");
      const current = (await call("GET", `/api/v1/domains/${domainId}/certificates`)).json.current;
      expect(current.fingerprint).not.toBe(before);
      expect(await served()).toBe(current.fingerprint);
      expect(await serverPid()).toBe(pid);
    });

    it("adds a second domain live, without the server's process changing", async () => {
      const before = await serverPid();
      expect(before).toBeTypeOf("number");
      const second = await call("POST", `/api/v1/instances/${instance.id}/domains?wait=60`, {
        name: `${server}-cousins.example`,
      });
      expect(second.status, second.text).toBe(201);
      expect(second.json.domain.state).toBe("active");
      const acct = await call("POST", `/api/v1/domains/${second.json.domain.id}/accounts?wait=30`, {
        localpart: "carol",
        password: passwords.alice,
      });
      expect(acct.status, acct.text).toBe(201);
      expect(await login(`carol@${server}-cousins.example`, passwords.alice)).toEqual({
        code: 0,
        out: { result: "ok" },
      });
      expect(await serverPid()).toBe(before);
    });
  });
}
