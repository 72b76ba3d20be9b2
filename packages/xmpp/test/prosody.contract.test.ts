import { spawnSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fetchServedCertificate } from "@xmpp-host/acme";
import { type InstanceSpec, instanceHosts, LocalRuntime } from "@xmpp-host/runtime";
import { freePorts, selfSignedCertificate, tempDir } from "@xmpp-host/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xmppLogin, xmppRegister } from "../src/client/index.ts";
import { describeDriverContract } from "../src/contract.ts";
import {
  AdminSocketClient,
  DriverCommandError,
  DriverUnavailableError,
  luaString,
  ProsodyDriver,
  prosodyKind,
  prosodyPaths,
} from "../src/index.ts";
import { archivedBodies, canonical, formValue, parseXml, type XmlElement } from "./support/xml.ts";

/** A real Prosody instance in a throw-away data root, on free ports. */
async function startInstance(domain: string) {
  const tmp = tempDir();
  const runtime = new LocalRuntime({ dataRoot: tmp.dir });
  const [c2s, s2s, http] = await freePorts(3);
  if (!c2s || !s2s || !http) throw new Error("no free ports");
  const spec: InstanceSpec = {
    id: "contract",
    server: "prosody",
    ports: { c2s, s2s, http },
    bindAddress: "127.0.0.1",
    domains: [{ name: domain, registration: "invite" }],
  };
  const certs = new Map<string, string>();
  const addCert = async (name: string) => {
    const { certPem, keyPem } = selfSignedCertificate([name, `*.${name}`]);
    certs.set(name, certPem);
    await runtime.writeCertificate(spec.id, name, certPem, keyPem);
  };
  await addCert(domain);
  await runtime.start(spec);
  const socketPath = prosodyPaths(runtime.layout(spec.id)).adminSocket;
  const raw = new AdminSocketClient({ socketPath, timeoutMs: 5000 });
  return {
    runtime,
    spec,
    socketPath,
    certs,
    /** A second admin connection, for checks that go around the driver. */
    raw,
    async defineDomain(name: string): Promise<string[]> {
      await addCert(name);
      spec.domains.push({ name, registration: "closed" });
      await runtime.writeConfig(spec);
      return instanceHosts(spec);
    },
    /** Rewrites the config with a new registration policy for `name` (does not reload anything). */
    async setRegistration(name: string, registration: "closed" | "invite" | "open"): Promise<string[]> {
      const d = spec.domains.find((x) => x.name === name);
      if (!d) throw new Error(`no domain ${name}`);
      d.registration = registration;
      expect(await runtime.writeConfig(spec)).toBe(true);
      return instanceHosts(spec);
    },
    /** Closes, from the server's side, every admin session that has the driver's helpers installed. */
    async dropDriverConnections(): Promise<number> {
      const reply = await raw.exec(
        `>local s = require"core.modulemanager".get_module("*","admin_shell").module:shared("/*/admin_socket/sessions"); local n = 0; for _, sess in pairs(s) do local sh = sess.shell_session; if sh and sh.globalenv and rawget(sh.globalenv, "__xh") then sess:close(); n = n + 1; end end; return n`,
      );
      return Number(reply.result.replace("Result: ", ""));
    },
    async teardown() {
      await raw.close();
      await runtime.destroy(spec.id);
      tmp.remove();
    },
  };
}

describeDriverContract("prosody", async () => {
  const domain = "family.test";
  const inst = await startInstance(domain);
  const driver = new ProsodyDriver({ socketPath: inst.socketPath, timeoutMs: 5000 });
  return {
    driver,
    features: prosodyKind().features,
    modernUnicodePasswords: true,
    domain,
    mucHost: `groups.${domain}`,
    c2s: {
      host: "127.0.0.1",
      port: inst.spec.ports.c2s,
      // Read at each use: a test may have replaced the domain's certificate.
      get ca() {
        return inst.certs.get(domain) ?? "";
      },
    },
    defineDomain: (name) => inst.defineDomain(name),
    async replaceCertificate(host) {
      const { certPem, keyPem } = selfSignedCertificate([host, `*.${host}`]);
      await inst.runtime.writeCertificate(inst.spec.id, host, certPem, keyPem);
      inst.certs.set(host, certPem);
      return new X509Certificate(certPem).fingerprint256.replaceAll(":", "").toLowerCase();
    },
    async servedCertificate(host) {
      const served = await fetchServedCertificate({ host: "127.0.0.1", port: inst.spec.ports.c2s, domain: host });
      return served.fingerprint;
    },
    async dropConnection() {
      expect(await inst.dropDriverConnections()).toBe(1);
    },
    async teardown() {
      await driver.close();
      await inst.teardown();
    },
  };
});

describe("ProsodyDriver against a real Prosody (beyond the contract)", () => {
  const domain = "extra.test";
  let inst: Awaited<ReturnType<typeof startInstance>>;
  let driver: ProsodyDriver;

  beforeAll(async () => {
    inst = await startInstance(domain);
    driver = new ProsodyDriver({ socketPath: inst.socketPath, timeoutMs: 2000 });
  }, 30_000);

  afterAll(async () => {
    await driver?.close();
    await inst?.teardown();
  }, 30_000);

  const login = (username: string, password: string) =>
    xmppLogin({
      host: "127.0.0.1",
      port: inst.spec.ports.c2s,
      domain,
      username,
      password,
      ca: inst.certs.get(domain) ?? "",
    });

  it("stores passwords byte-exactly: the account logs in over XMPP with it", async () => {
    const pw = `q"u'o\\te]]]=]<&>${"ä😀"}`;
    await driver.createAccount(`pw@${domain}`, pw);
    const session = await login("pw", pw);
    expect(session.jid).toBe(`pw@${domain}/test`);
    await session.close();
    await expect(login("pw", `${pw}x`)).rejects.toThrow(/authentication failed/);
    await driver.setPassword(`pw@${domain}`, "changed");
    await expect(login("pw", pw)).rejects.toThrow(/authentication failed/);
    await (await login("pw", "changed")).close();
  });

  it("shows online sessions, and keeps them when createAccount repeats the same password", async () => {
    await driver.createAccount(`online@${domain}`, "pw");
    const session = await login("online", "pw");
    try {
      expect(await driver.onlineSessions(domain)).toContainEqual({ jid: `online@${domain}/test`, secure: true });
      expect(await driver.onlineSessions("groups.extra.test")).toEqual([]);
      expect(await driver.createAccount(`online@${domain}`, "pw")).toBe("existed");
      expect((await driver.onlineSessions()).map((s) => s.jid)).toContain(`online@${domain}/test`);
    } finally {
      await session.close();
    }
  });

  it("leaves owners and admins alone when setting members", async () => {
    const room = `owned@groups.${domain}`;
    const owner = `owner@${domain}`;
    const admin = `admin@${domain}`;
    await driver.createRoom(room, { title: "Owned", membersOnly: true, persistent: true, public: false });
    for (const [jid, aff] of [
      [owner, "owner"],
      [admin, "admin"],
    ] as const) {
      const r = await inst.raw.exec(
        `>return prosody.hosts[${luaString(`groups.${domain}`)}].modules.muc.get_room_from_jid(${luaString(room)}):set_affiliation(true, ${luaString(jid)}, ${luaString(aff)})`,
      );
      expect(r.result).toBe("Result: true");
    }
    const affiliation = async (jid: string) =>
      (
        await inst.raw.exec(
          `>return prosody.hosts[${luaString(`groups.${domain}`)}].modules.muc.get_room_from_jid(${luaString(room)}):get_affiliation(${luaString(jid)})`,
        )
      ).result;
    await driver.setRoomMembers(room, [owner, `m@${domain}`]);
    await driver.setRoomMembers(room, [`m@${domain}`]);
    expect((await driver.getRoom(room))?.members).toEqual([`m@${domain}`]);
    expect(await affiliation(owner)).toBe("Result: owner");
    expect(await affiliation(admin)).toBe("Result: admin");
  });

  it("keeps rooms and accounts across a restart, and reconnects to the new process", async () => {
    const room = `kept@groups.${domain}`;
    await driver.createRoom(room, { title: "Kept", membersOnly: true, persistent: true, public: true });
    await driver.setRoomMembers(room, [`a@${domain}`]);
    await driver.createAccount(`kept@${domain}`, "pw");
    const before = await inst.runtime.status(inst.spec.id);

    await inst.runtime.stop(inst.spec.id);
    await expect(driver.ping()).rejects.toBeInstanceOf(DriverUnavailableError);
    await inst.runtime.start(inst.spec);
    expect((await inst.runtime.status(inst.spec.id)).pid).not.toBe(before.pid);

    expect(await driver.getRoom(room)).toEqual({
      jid: room,
      title: "Kept",
      membersOnly: true,
      persistent: true,
      public: true,
      members: [`a@${domain}`],
    });
    expect(await driver.accountExists(`kept@${domain}`)).toBe(true);
  }, 30_000);

  it("re-activates a host whose config section changed, so a new registration policy takes effect", async () => {
    const ep = { host: "127.0.0.1", port: inst.spec.ports.c2s, domain, ca: inst.certs.get(domain) ?? "" };
    const loaded = async (mod: string) =>
      (
        await inst.raw.exec(
          `>return require"core.modulemanager".is_loaded(${luaString(domain)}, ${luaString(mod)}) and true or false`,
        )
      ).result;
    // Started as "invite": registration needs a token.
    expect(await loaded("invites_register")).toBe("Result: true");
    expect(await xmppRegister({ ...ep, username: "walkin", password: "pw" })).toMatch(
      /^not-acceptable: .*invitation only/,
    );
    const invite = await inst.raw.exec(
      `>return prosody.hosts[${luaString(domain)}].modules.invites.create_account().token`,
    );
    const token = invite.result.replace("Result: ", "");
    expect(await xmppRegister({ ...ep, username: "invited", password: "pw", token })).toBe("registered");
    expect(await driver.accountExists(`invited@${domain}`)).toBe(true);

    let hosts = await inst.setRegistration(domain, "open");
    await driver.reload(); // what a caller does after writing config; applyHosts must still see the change
    expect(await driver.applyHosts(hosts)).toEqual({ activated: [domain], deactivated: [domain] });
    expect(await loaded("invites_register")).toBe("Result: false");
    expect(await xmppRegister({ ...ep, username: "walkin", password: "pw" })).toBe("registered");
    expect(await driver.applyHosts(hosts)).toEqual({ activated: [], deactivated: [] });

    hosts = await inst.setRegistration(domain, "closed");
    expect(await driver.applyHosts(hosts)).toEqual({ activated: [domain], deactivated: [domain] });
    expect(await xmppRegister({ ...ep, username: "walkin2", password: "pw" })).toBe("unavailable");
    expect(await driver.accountExists(`walkin@${domain}`)).toBe(true);
  });

  it("exports a host's users as XEP-0227 as Prosody's own prosody-migrator writes them, plus offline messages, and imports them back", async () => {
    const pie = "pie.test";
    await driver.applyHosts(await inst.defineDomain(pie));
    await driver.createAccounts([
      { jid: `ann@${pie}`, password: "ann-password" },
      { jid: `ben@${pie}`, password: "ben-password" },
      { jid: `cat@${pie}`, password: "cat-password", displayName: "Cat Stevens" },
    ]);
    await driver.addMutualContacts(`ann@${pie}`, `ben@${pie}`);
    // Ann's app joins the group chat by itself: a XEP-0402 bookmark in her PEP.
    expect(await driver.addBookmarks(`ann@${pie}`, [{ jid: `kitchen@groups.${pie}`, name: "Pie kitchen" }])).toBe(1);
    // Ann writes to Ben while he is away: both archives keep the messages, and Ben's offline store holds them.
    const loginAt = (domainName: string, username: string, password: string) =>
      xmppLogin({
        host: "127.0.0.1",
        port: inst.spec.ports.c2s,
        domain: domainName,
        username,
        password,
        ca: inst.certs.get(domainName) ?? "",
      });
    const ann = await loginAt(pie, "ann", "ann-password");
    for (let i = 0; i < 5; i++)
      ann.send(`<message to='ben@${pie}' type='chat' id='m${i}'><body>note ${i}</body></message>`);
    ann.send(`<iq type='get' id='done' to='${pie}'><ping xmlns='urn:xmpp:ping'/></iq>`);
    await ann.expect(/<iq[^>]*id=.done./);
    // A members-only group chat with a subject and three messages of history.
    const room = `kitchen@groups.${pie}`;
    await driver.createRoom(room, { title: "Pie kitchen", membersOnly: true, persistent: true, public: false });
    await driver.setRoomMembers(room, [`ann@${pie}`, `ben@${pie}`]);
    await driver.setRoomSubject(room, "Recipes");
    ann.send(`<presence to='${room}/Ann'><x xmlns='http://jabber.org/protocol/muc'/></presence>`);
    await ann.expect(/status code=.110./);
    for (let i = 0; i < 3; i++)
      ann.send(`<message to='${room}' type='groupchat' id='g${i}'><body>crust ${i}</body></message>`);
    await ann.expect(/id=.g2.[^>]*>|<message[^>]*id=.g2./);
    await ann.close();

    const counts = await driver.exportUsers(pie, ".xh-export-test.xml");
    expect(counts).toMatchObject({ users: 3, contacts: 2, archived: 10, offline: 5, rooms: 1, roomMessages: 3 });
    const dataDir = inst.runtime.layout(inst.spec.id).data;
    const ours = parseXml(readFileSync(path.join(dataDir, ".xh-export-test.xml"), "utf8"));
    expect(ours.attrs.xmlns).toBe("urn:xmpp:pie:0");
    const host = ours.getChild("host");
    expect(host?.attrs.jid).toBe(pie);
    const users = new Map((host?.getChildren("user") ?? []).map((u) => [u.attrs.name as string, u]));
    expect([...users.keys()].sort()).toEqual(["ann", "ben", "cat"]);
    // Credentials as stored (SCRAM), never a password.
    for (const u of users.values()) {
      expect(u.attrs.password).toBeUndefined();
      expect(u.getChild("scram-credentials", "urn:xmpp:pie:0#scram")?.getChildText("iter-count")).toMatch(/^\d+$/);
    }
    const marks = users
      .get("ann")
      ?.getChild("pubsub", "http://jabber.org/protocol/pubsub")
      ?.getChildren("items")
      .find((i) => i.attrs.node === "urn:xmpp:bookmarks:1")
      ?.getChildren("item");
    expect(marks?.map((i) => [i.attrs.id, i.getChild("conference", "urn:xmpp:bookmarks:1")?.attrs.autojoin])).toEqual([
      [`kitchen@groups.${pie}`, "true"],
    ]);
    const offline = users.get("ben")?.getChild("offline-messages", "urn:xmpp:pie:0")?.getChildren("message") ?? [];
    expect(offline.map((m) => m.getChildText("body"))).toEqual(["note 0", "note 1", "note 2", "note 3", "note 4"]);
    // The group chat, under the MUC service's host, in XEP-0045's words.
    const rooms = ours.getChildren("host").find((h) => h.attrs.jid === `groups.${pie}`);
    const kitchen = rooms?.getChildren("room", "urn:x-xmpp-host:pie:muc:0").find((r) => r.attrs.name === "kitchen");
    expect(kitchen).toBeDefined();
    const field = (v: string) => formValue(kitchen, v);
    expect(field("FORM_TYPE")).toBe("http://jabber.org/protocol/muc#roomconfig");
    expect(field("muc#roomconfig_roomname")).toBe("Pie kitchen");
    expect(field("muc#roomconfig_membersonly")).toBe("1");
    expect(field("muc#roomconfig_persistentroom")).toBe("1");
    const affiliations = kitchen?.getChild("query", "http://jabber.org/protocol/muc#admin")?.getChildren("item") ?? [];
    expect(affiliations.filter((i) => i.attrs.affiliation === "member").map((i) => i.attrs.jid)).toEqual([
      `ann@${pie}`,
      `ben@${pie}`,
    ]);
    expect(kitchen?.getChildText("subject")).toBe("Recipes");
    const history = kitchen?.getChild("archive", "urn:xmpp:pie:0#mam")?.getChildren("result", "urn:xmpp:mam:2") ?? [];
    expect(
      history.map((r) => r.getChild("forwarded", "urn:xmpp:forward:0")?.getChild("message")?.getChildText("body")),
    ).toEqual(["crust 0", "crust 1", "crust 2"]);

    // prosody-migrator from a copy of the same data folder (its data folder is fixed at build time: pointed at
    // the copy), writing one XEP-0227 file per user with the same module.
    const copy = tempDir();
    cpSync(dataDir, copy.dir, { recursive: true });
    const storeDir = (h: string) => h.replace(/[.-]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
    expect(existsSync(path.join(copy.dir, storeDir(pie)))).toBe(true);
    writeFileSync(
      path.join(copy.dir, "migrator.cfg.lua"),
      `input { hosts = { [${luaString(pie)}] = { "accounts", "roster", "vcard", "private", "pep-pubsub", "archive-archive" } }; type = "internal"; path = ${luaString(copy.dir)}; }\n` +
        `output { type = "xep0227"; path = ${luaString(copy.dir)}; }\n`,
    );
    const script = readFileSync("/usr/bin/prosody-migrator", "utf8").replace(
      /^CFG_DATADIR=.*$/m,
      `CFG_DATADIR=${luaString(copy.dir)};`,
    );
    writeFileSync(path.join(copy.dir, "migrator.lua"), script);
    // The migrator drops root for Prosody's account, which must reach the copy (a throw-away folder).
    spawnSync("chmod", ["-R", "a+rwX", copy.dir]);
    const migrator = spawnSync(
      "lua5.4",
      [path.join(copy.dir, "migrator.lua"), "--config", path.join(copy.dir, "migrator.cfg.lua")],
      { encoding: "utf8" },
    );
    expect(migrator.status, `${migrator.stdout}\n${migrator.stderr}`).toBe(0);
    for (const [name, user] of users) {
      const theirs = parseXml(readFileSync(path.join(copy.dir, `${name}@${pie}.xml`), "utf8"))
        .getChild("host")
        ?.getChild("user");
      expect(theirs, name).toBeDefined();
      const offlineMessages = (c: XmlElement) => c.name === "offline-messages" && c.attrs.xmlns === "urn:xmpp:pie:0";
      const mine = canonical(user, offlineMessages);
      expect(mine.length, name).toBeGreaterThan(100);
      expect(mine, name).toBe(canonical(theirs as XmlElement));
    }
    copy.remove();

    // Round trip: the document, for a new domain (its names changed), imported there: the old password works
    // and a second export holds exactly what the first did.
    const pie2 = "pie2.test";
    await driver.applyHosts(await inst.defineDomain(pie2));
    const text = readFileSync(path.join(dataDir, ".xh-export-test.xml"), "utf8").replaceAll(pie, pie2);
    writeFileSync(path.join(dataDir, ".xh-import-test.xml"), text);
    expect(await driver.importUsers(pie2, ".xh-import-test.xml")).toEqual({
      users: 3,
      archived: 10,
      offline: 5,
      // Ann's bookmarks, Cat's nickname and vCard.
      pepNodes: 3,
      rooms: 1,
      roomMessages: 3,
    });
    expect(await driver.getRoom(`kitchen@groups.${pie2}`)).toMatchObject({
      title: "Pie kitchen",
      membersOnly: true,
      persistent: true,
      public: false,
      members: [`ann@${pie2}`, `ben@${pie2}`],
    });
    expect(await driver.roomSubject(`kitchen@groups.${pie2}`)).toBe("Recipes");
    await (await loginAt(pie2, "ann", "ann-password")).close();
    await expect(loginAt(pie2, "ann", "not-her-password")).rejects.toThrow(/authentication failed/);
    await driver.exportUsers(pie2, ".xh-export-again.xml");
    const again = parseXml(readFileSync(path.join(dataDir, ".xh-export-again.xml"), "utf8"));
    for (const [name, user] of users) {
      const back = again
        .getChild("host")
        ?.getChildren("user")
        .find((u) => u.attrs.name === name);
      expect(canonical(back as XmlElement), name).toBe(canonical(user).replaceAll(pie, pie2));
    }
    const kitchenAgain = again
      .getChildren("host")
      .find((h) => h.attrs.jid === `groups.${pie2}`)
      ?.getChild("room", "urn:x-xmpp-host:pie:muc:0");
    expect(canonical(kitchenAgain as XmlElement)).toBe(canonical(kitchen as XmlElement).replaceAll(pie, pie2));
    // A second import would overwrite: refused, naming the account, and nothing changes.
    await expect(driver.importUsers(pie2, ".xh-import-test.xml")).rejects.toThrow(
      /group chat exists already: kitchen@groups.pie2.test/,
    );
    writeFileSync(
      path.join(dataDir, ".xh-import-users.xml"),
      text.replace(/<host jid=["']groups\.[\s\S]*?<\/host>/, ""),
    );
    await expect(driver.importUsers(pie2, ".xh-import-users.xml")).rejects.toThrow(/exists already: ann@pie2.test/);
    // A document for another domain is refused.
    await expect(driver.importUsers(pie, ".xh-import-test.xml")).rejects.toThrow(/another domain: pie2.test/);
  }, 60_000);

  it("imports a domain as the ejabberd driver exported it: passwords, contacts, archives, offline messages, a group chat", async () => {
    // Written by the platform's ejabberd driver (its contract test: this file's export data, imported there).
    const ej = "ej.test";
    await driver.applyHosts(await inst.defineDomain(ej));
    const dataDir = inst.runtime.layout(inst.spec.id).data;
    cpSync(new URL("./fixtures/ejabberd-export.xml", import.meta.url), path.join(dataDir, ".xh-import-ej.xml"));
    expect(await driver.importUsers(ej, ".xh-import-ej.xml")).toEqual({
      users: 3,
      archived: 10,
      offline: 5,
      // Ann's XEP-0402 bookmarks and ejabberd's older copy of them (XEP-0411), Cat's nickname and vCard.
      pepNodes: 4,
      rooms: 1,
      roomMessages: 3,
    });
    const ep = { host: "127.0.0.1", port: inst.spec.ports.c2s, domain: ej, ca: inst.certs.get(ej) ?? "" };
    await expect(xmppLogin({ ...ep, username: "ann", password: "not-her-password" })).rejects.toThrow(
      /authentication failed/,
    );
    const ann = await xmppLogin({ ...ep, username: "ann", password: "ann-password" });
    const history = (to: string | null) => archivedBodies(ann, to);
    try {
      expect(await history(null)).toEqual(["note 0", "note 1", "note 2", "note 3", "note 4"]);
      expect(await history(`kitchen@groups.${ej}`)).toEqual(["crust 0", "crust 1", "crust 2"]);
    } finally {
      await ann.close();
    }
    expect(await driver.roster(`ann@${ej}`)).toEqual({ [`ben@${ej}`]: "both" });
    expect(await driver.getRoom(`kitchen@groups.${ej}`)).toMatchObject({
      title: "Pie kitchen",
      membersOnly: true,
      persistent: true,
      members: [`ann@${ej}`, `ben@${ej}`],
    });
    expect(await driver.roomSubject(`kitchen@groups.${ej}`)).toBe("Recipes");
    // Ann's XEP-0402 bookmark, which apps join by themselves.
    expect(await driver.getBookmarks(`ann@${ej}`)).toEqual([
      { jid: `kitchen@groups.${ej}`, name: "Pie kitchen", autojoin: "true" },
    ]);
  }, 60_000);

  it("turns a command that outlives the timeout into DriverUnavailableError, then recovers", async () => {
    const slow = new AdminSocketClient({ socketPath: inst.socketPath, timeoutMs: 300 });
    try {
      // Busy-waits inside the server for 0.8 s: longer than the 300 ms timeout.
      const p = slow.exec(
        ">local t = require'util.time'.now() + 0.8; while require'util.time'.now() < t do end; return 1",
      );
      await expect(p).rejects.toBeInstanceOf(DriverUnavailableError);
      // The server is single-threaded: wait until it is done busy-waiting, then the same client reconnects.
      await new Promise((resolve) => setTimeout(resolve, 700));
      await expect(slow.exec(">return 2")).resolves.toMatchObject({ ok: true, result: "Result: 2" });
    } finally {
      await slow.close();
    }
  });

  it("reports shell errors as DriverCommandError with the server's message", async () => {
    await expect(driver.setPassword(`ghost@${domain}`, "pw")).rejects.toThrow(DriverCommandError);
    await expect(driver.setPassword(`ghost@${domain}`, "pw")).rejects.toThrow(/no such account/);
    // SASLprep forbids control characters in passwords; Prosody refuses them.
    await expect(driver.createAccount(`ctl@${domain}`, "a\u0007b")).rejects.toThrow(/SASLprep/);
  });

  it("fails fast with DriverUnavailableError when there is no server", async () => {
    const nowhere = new ProsodyDriver({ socketPath: `${inst.socketPath}.missing`, timeoutMs: 1000 });
    const t0 = Date.now();
    await expect(nowhere.ping()).rejects.toBeInstanceOf(DriverUnavailableError);
    expect(Date.now() - t0).toBeLessThan(500);
    await nowhere.close();
  });

  it("measures admin socket throughput", async () => {
    const n = 200;
    let t0 = performance.now();
    for (let i = 0; i < n; i++) await driver.createAccount(`seq${i}@${domain}`, `pw${i}`);
    const sequential = n / ((performance.now() - t0) / 1000);

    t0 = performance.now();
    await Promise.all(Array.from({ length: n }, (_, i) => driver.createAccount(`par${i}@${domain}`, `pw${i}`)));
    const pipelined = n / ((performance.now() - t0) / 1000);

    t0 = performance.now();
    for (let i = 0; i < n; i++) await driver.ping();
    const pingMs = (performance.now() - t0) / n;

    t0 = performance.now();
    for (let i = 0; i < n; i++) await driver.createAccount(`seq${i}@${domain}`, `pw${i}`);
    const existed = n / ((performance.now() - t0) / 1000);

    console.log(
      `[prosody admin socket] createAccount sequential ${sequential.toFixed(0)}/s, pipelined ${pipelined.toFixed(0)}/s, ` +
        `createAccount on existing (password check) ${existed.toFixed(0)}/s, ping ${pingMs.toFixed(2)} ms`,
    );
    expect((await driver.listAccounts(domain)).length).toBeGreaterThanOrEqual(2 * n);
  }, 30_000);
});
