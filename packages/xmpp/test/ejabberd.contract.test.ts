import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fetchServedCertificate } from "@xmpp-host/acme";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xmppLogin } from "../src/client/index.ts";
import { describeDriverContract } from "../src/contract.ts";
import { DriverCommandError, DriverUnavailableError, EjabberdDriver, type XmppServerDriver } from "../src/index.ts";
import { ejabberdPaths } from "../src/servers/ejabberd/config.ts";
import { type EjabberdInstance, startEjabberd } from "./support/ejabberd.ts";
import { archivedBodies, formValue, parseXml } from "./support/xml.ts";

const driverOf = (inst: EjabberdInstance, timeoutMs = 5000) => {
  const driver = inst.kind.createDriver(inst.channel, { timeoutMs });
  if (!(driver instanceof EjabberdDriver)) throw new Error("not an EjabberdDriver");
  return driver;
};

describeDriverContract("ejabberd", async () => {
  const domain = "family.test";
  const inst = await startEjabberd({ domains: [domain] });
  const driver = driverOf(inst);
  return {
    driver,
    features: inst.kind.features,
    modernUnicodePasswords: false,
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
    replaceCertificate: (host) => inst.writeCertificate(host),
    async servedCertificate(host) {
      const served = await fetchServedCertificate({ host: "127.0.0.1", port: inst.spec.ports.c2s, domain: host });
      return served.fingerprint;
    },
    async dropConnection() {
      // The API's connections are on a Unix socket, which the kernel cannot kill from outside (ss -K is for TCP):
      // they are dropped on the driver's side, with requests then on their way.
      driver.disconnect();
    },
    async teardown() {
      await driver.close();
      await inst.teardown();
    },
  };
});

describe("EjabberdDriver against a real ejabberd (beyond the contract)", () => {
  const domain = "extra.test";
  let inst: EjabberdInstance;
  let driver: EjabberdDriver;

  beforeAll(async () => {
    inst = await startEjabberd({ domains: [domain] });
    driver = driverOf(inst, 3000);
    console.log(`[ejabberd] start to ready ${inst.readyMs.toFixed(0)} ms (admin account bootstrapped)`);
  }, 60_000);

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

  it("runs the beam under the main config file's name, with its PID in the pid file", async () => {
    const pid = Number((await readFile(inst.files.pidfile, "utf8")).trim());
    expect(pid).toBe(inst.pid);
    const args = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0");
    expect(args[0]).toMatch(/beam\.smp$/);
    expect(args).toContain(inst.files.config);
    // The main config never holds the admin password.
    for (const f of inst.kind.renderConfig(inst.spec, inst.layout)) {
      expect(f.content).not.toContain(inst.spec.adminPassword);
    }
  });

  it("stores passwords byte-exactly: the account logs in over XMPP with it", async () => {
    // No emoji: ejabberd 23.01 takes Unicode 3.2 only in passwords (stringprep).
    const pw = `q"u'o\\te]]]=]<&>${"ä日本"}`;
    await driver.createAccount(`pw@${domain}`, pw);
    const session = await login("pw", pw);
    expect(session.jid).toBe(`pw@${domain}/test`);
    await session.close();
    await expect(login("pw", `${pw}x`)).rejects.toThrow(/authentication failed/);
    await driver.setPassword(`pw@${domain}`, "changed");
    await expect(login("pw", pw)).rejects.toThrow(/authentication failed/);
    await (await login("pw", "changed")).close();
  });

  it("shows online sessions as secure, filtered by host", async () => {
    await driver.createAccount(`online@${domain}`, "pw");
    const session = await login("online", "pw");
    try {
      expect(await driver.onlineSessions(domain)).toContainEqual({ jid: `online@${domain}/test`, secure: true });
      expect(await driver.onlineSessions(`groups.${domain}`)).toEqual([]);
      expect(await driver.createAccount(`online@${domain}`, "pw")).toBe("existed");
      expect((await driver.onlineSessions()).map((s) => s.jid)).toContain(`online@${domain}/test`);
    } finally {
      await session.close();
    }
  });

  it("publishes bookmarks as XEP-0402 items in the account's PEP", async () => {
    const jid = `marks@${domain}`;
    await driver.createAccount(jid, "pw");
    const rooms = ["a", "b", "c"].map((n) => ({ jid: `${n}@groups.${domain}`, name: `Room "${n}" <&>` }));
    expect(await driver.addBookmarks(jid, rooms)).toBe(3);
    const session = await login("marks", "pw");
    try {
      session.send(
        "<iq type='get' id='bm1'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='urn:xmpp:bookmarks:1'/></pubsub></iq>",
      );
      const reply = (await session.expect(/<iq[^>]*id='bm1'[\s\S]*?<\/iq>/)).match[0];
      for (const r of rooms) expect(reply).toContain(`<item id='${r.jid}'>`);
      expect(reply).toContain("autojoin='true'");
    } finally {
      await session.close();
    }
  });

  it("imports a domain as Prosody exported it (SCRAM, contacts, archives, offline, a group chat) and exports it back", async () => {
    // Written by the platform's Prosody driver (its contract test's data: ann, ben and cat on pie.test).
    const fixture = await readFile(new URL("./fixtures/prosody-export.xml", import.meta.url), "utf8");
    const dataDir = inst.layout.data;
    await writeFile(path.join(dataDir, ".xh-import-pie.xml"), fixture.replaceAll("pie.test", domain));
    expect(await driver.importUsers(domain, ".xh-import-pie.xml")).toEqual({
      users: 3,
      archived: 10,
      offline: 5,
      // Ann's XEP-0402 bookmarks, Cat's nickname and vCard (Prosody's empty nodes are left to be made again).
      pepNodes: 3,
      rooms: 1,
      roomMessages: 3,
    });
    // The password as Prosody stored it (never seen here) logs in.
    await expect(login("ann", "not-her-password")).rejects.toThrow(/authentication failed/);
    const ann = await login("ann", "ann-password");
    const history = (to: string | null) => archivedBodies(ann, to);
    try {
      expect(await history(null)).toEqual(["note 0", "note 1", "note 2", "note 3", "note 4"]);
      expect(await history(`kitchen@groups.${domain}`)).toEqual(["crust 0", "crust 1", "crust 2"]);
      // Her app finds the group chat to join by itself in her PEP, as XEP-0402 puts it, and older apps in her
      // private storage.
      ann.send(
        "<iq type='get' id='bm'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='urn:xmpp:bookmarks:1'/></pubsub></iq>",
      );
      const marks = parseXml((await ann.expect(/<iq[^>]*id='bm'[\s\S]*?<\/iq>/)).match[0]);
      const items = marks.getChild("pubsub")?.getChild("items")?.getChildren("item") ?? [];
      expect(items.map((i) => [i.attrs.id, i.getChild("conference", "urn:xmpp:bookmarks:1")?.attrs])).toEqual([
        [`kitchen@groups.${domain}`, { xmlns: "urn:xmpp:bookmarks:1", name: "Pie kitchen", autojoin: "true" }],
      ]);
    } finally {
      await ann.close();
    }
    expect(await driver.getBookmarks(`ann@${domain}`)).toEqual([
      { jid: `kitchen@groups.${domain}`, name: "Pie kitchen", autojoin: "true" },
    ]);
    expect(await driver.roster(`ann@${domain}`)).toEqual({ [`ben@${domain}`]: "both" });
    expect(await driver.getRoom(`kitchen@groups.${domain}`)).toMatchObject({
      title: "Pie kitchen",
      membersOnly: true,
      persistent: true,
      public: false,
      members: [`ann@${domain}`, `ben@${domain}`],
    });
    expect(await driver.roomSubject(`kitchen@groups.${domain}`)).toBe("Recipes");
    // Nothing is overwritten: a second import is refused before it writes.
    await expect(driver.importUsers(domain, ".xh-import-pie.xml")).rejects.toThrow(/exists already/);

    // Back out, in the same shape: what the Prosody driver imports.
    const counts = await driver.exportUsers(domain, ".xh-export-pie.xml");
    expect(counts).toMatchObject({ contacts: 2, archived: 10, offline: 5, rooms: 1, roomMessages: 3 });
    const doc = parseXml(await readFile(path.join(dataDir, ".xh-export-pie.xml"), "utf8"));
    const users = doc.getChildren("host").find((h) => h.attrs.jid === domain);
    const annEl = users?.getChildren("user").find((u) => u.attrs.name === "ann");
    expect(annEl?.getChild("scram-credentials", "urn:xmpp:pie:0#scram")?.getChildText("iter-count")).toBe("10000");
    expect(annEl?.getChild("archive", "urn:xmpp:pie:0#mam")?.getChildren("result")).toHaveLength(5);
    // PEP as XEP-0227 writes it: each node's configuration, and its items.
    const pep = (who: string, node: string) => {
      const user = users?.getChildren("user").find((u) => u.attrs.name === who);
      const form = user
        ?.getChild("pubsub", "http://jabber.org/protocol/pubsub#owner")
        ?.getChildren("configure")
        .find((c) => c.attrs.node === node)
        ?.getChild("x", "jabber:x:data");
      const items = user
        ?.getChild("pubsub", "http://jabber.org/protocol/pubsub")
        ?.getChildren("items")
        .find((i) => i.attrs.node === node)
        ?.getChildren("item");
      const option = (v: string) =>
        form
          ?.getChildren("field")
          .find((f) => f.attrs.var === v)
          ?.getChildText("value");
      return { accessModel: option("pubsub#access_model"), items: items?.map((i) => [i.attrs.id, i.children[0]]) };
    };
    expect(pep("ann", "urn:xmpp:bookmarks:1")).toMatchObject({
      accessModel: "whitelist",
      items: [
        [`kitchen@groups.${domain}`, expect.objectContaining({ attrs: expect.objectContaining({ autojoin: "true" }) })],
      ],
    });
    const nick = pep("cat", "http://jabber.org/protocol/nick");
    expect(nick.accessModel).toBe("presence");
    expect(String(nick.items?.[0]?.[1])).toContain(">Cat Stevens</nick>");
    expect(pep("cat", "urn:xmpp:vcard4").items).toHaveLength(1);
    const kitchen = doc
      .getChildren("host")
      .find((h) => h.attrs.jid === `groups.${domain}`)
      ?.getChild("room", "urn:x-xmpp-host:pie:muc:0");
    const field = (v: string) => formValue(kitchen, v);
    expect(field("muc#roomconfig_roomname")).toBe("Pie kitchen");
    expect(field("muc#roomconfig_membersonly")).toBe("1");
    expect(kitchen?.getChildText("subject")).toBe("Recipes");
    const members = kitchen?.getChild("query", "http://jabber.org/protocol/muc#admin")?.getChildren("item") ?? [];
    expect(members.filter((m) => m.attrs.affiliation === "member").map((m) => m.attrs.jid)).toEqual([
      `ann@${domain}`,
      `ben@${domain}`,
    ]);
    const said = kitchen?.getChild("archive", "urn:xmpp:pie:0#mam")?.getChildren("result") ?? [];
    expect(said.map((r) => r.getChild("forwarded")?.getChild("message")?.getChildText("body"))).toEqual([
      "crust 0",
      "crust 1",
      "crust 2",
    ]);
    expect(said[0]?.getChild("forwarded")?.getChild("message")?.attrs.from).toBe(`kitchen@groups.${domain}/Ann`);

    // Moved elsewhere: the server forgets the accounts and the room, as a deletion would, but silently.
    expect(await driver.forgetDomainData(domain)).toMatchObject({ users: expect.any(Number), rooms: 1 });
    expect(await driver.accountExists(`ann@${domain}`)).toBe(false);
    expect(await driver.getRoom(`kitchen@groups.${domain}`)).toBeNull();
    await expect(login("ann", "ann-password")).rejects.toThrow(/authentication failed/);
    // And can take the same data again.
    expect(await driver.importUsers(domain, ".xh-import-pie.xml")).toMatchObject({ users: 3, rooms: 1 });
  }, 60_000);

  it("holds a ban and a member's removal over the role ejabberd 23.01 remembers for an account", async () => {
    const room = `roles@groups.${domain}`;
    const MUC = "http://jabber.org/protocol/muc";
    await driver.createRoom(room, { title: "Roles", membersOnly: true, persistent: true, public: false });
    for (const who of ["owner", "ben", "carl"]) await driver.createAccount(`${who}@${domain}`, "pw");
    await driver.setRoomMembers(room, [`ben@${domain}`, `carl@${domain}`]);
    await driver.setRoomAffiliation(room, `owner@${domain}`, "owner");
    const [owner, ben, carl] = await Promise.all([login("owner", "pw"), login("ben", "pw"), login("carl", "pw")]);
    const presence = (nick: string, rest: string) =>
      new RegExp(`<presence[^>]*from=['"]${room}/${nick}['"][\\s\\S]*?${rest}[\\s\\S]*?</presence>`);
    const join = (s: typeof owner, nick: string) =>
      s.send(`<presence to='${room}/${nick}'><x xmlns='${MUC}'/></presence>`);
    try {
      for (const [s, nick] of [
        [owner, "owner"],
        [ben, "ben"],
        [carl, "carl"],
      ] as const) {
        join(s, nick);
        await s.expect(presence(nick, "status code=['\"]110"));
      }
      // The owner's chat app takes ben's voice and gives carl moderation: 23.01 remembers both for the accounts.
      for (const [id, nick, role] of [
        ["r1", "ben", "visitor"],
        ["r2", "carl", "moderator"],
      ] as const) {
        owner.send(
          `<iq type='set' id='${id}' to='${room}'><query xmlns='${MUC}#admin'><item nick='${nick}' role='${role}'/></query></iq>`,
        );
        // The room tells its occupants before it answers.
        await owner.expect(presence(nick, `role=['"]${role}`));
        await owner.expect(new RegExp(`<iq[^>]*id='${id}'[^>]*type='result'|<iq[^>]*type='result'[^>]*id='${id}'`));
      }

      expect(await driver.setRoomAffiliation(room, `ben@${domain}`, "outcast")).toEqual({
        previous: "member",
        changed: true,
      });
      await owner.expect(presence("ben", "status code=['\"]301"));
      join(ben, "ben");
      const banned = await ben.expect(/<presence[^>]*type=['"]error['"][\s\S]*?<\/presence>/);
      expect(banned.match[0]).toContain("<forbidden");

      await driver.setRoomMembers(room, []);
      await owner.expect(presence("carl", "status code=['\"]321"));
      join(carl, "carl");
      const removed = await carl.expect(/<presence[^>]*type=['"]error['"][\s\S]*?<\/presence>/);
      expect(removed.match[0]).toContain("<registration-required");
    } finally {
      await Promise.all([owner, ben, carl].map((s) => s.close()));
    }
  });

  it("keeps rooms and accounts across a restart", async () => {
    const room = `kept@groups.${domain}`;
    await driver.createRoom(room, { title: "Kept", membersOnly: true, persistent: true, public: true });
    await driver.setRoomMembers(room, [`a@${domain}`]);
    await driver.createAccount(`kept@${domain}`, "pw");
    // Set in the room's process: stored there, as the room stores its own changes.
    await driver.setRoomSubject(room, "Kept <subject>");
    const before = inst.pid;

    await inst.stop();
    await expect(driver.ping()).rejects.toBeInstanceOf(DriverUnavailableError);
    const t0 = performance.now();
    const { pid } = await inst.start();
    console.log(`[ejabberd] restart to ready ${(performance.now() - t0).toFixed(0)} ms`);
    expect(pid).not.toBe(before);

    expect(await driver.getRoom(room)).toEqual({
      jid: room,
      title: "Kept",
      membersOnly: true,
      persistent: true,
      public: true,
      members: [`a@${domain}`],
    });
    expect(await driver.accountExists(`kept@${domain}`)).toBe(true);
    expect(await driver.roomSubject(room)).toBe("Kept <subject>");
  }, 60_000);

  it("keeps serving the old configuration when a new one fails to load, and says why", async () => {
    const hostsFile = ejabberdPaths(inst.layout).hostsConfig;
    const good = await readFile(hostsFile, "utf8");
    await writeFile(hostsFile, `${good}  not_an_option_of_ejabberd: 1\n`);
    try {
      const err = await driver.reload().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DriverCommandError);
      expect((err as Error).message).toMatch(/not_an_option_of_ejabberd/);
      expect((await driver.serverInfo()).hosts).toEqual(
        expect.arrayContaining([domain, `groups.${domain}`, `share.${domain}`]),
      );
      expect(await driver.createAccount(`afterbad@${domain}`, "pw")).toBe("created");
    } finally {
      await writeFile(hostsFile, good);
    }
    await driver.reload();
  });

  it("serves its admin API on a Unix socket only the server's account can reach, whatever address it binds", async () => {
    const socket = inst.channel.kind === "http" ? inst.channel.socketPath : undefined;
    expect(socket).toBe(`${inst.layout.dir}/api.sock`);
    // Connecting takes write permission on the socket, and the folder holding it is closed to others.
    expect((await stat(socket ?? "")).mode & 0o002).toBe(0);
    expect((await stat(inst.layout.dir)).mode & 0o007).toBe(0);
    // The public HTTP listener serves uploads, not the API.
    const res = await fetch(`http://127.0.0.1:${inst.spec.ports.http}/api/status`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
    const main = inst.kind.renderConfig({ ...inst.spec, bindAddress: "0.0.0.0" }, inst.layout).at(-1)?.content ?? "";
    expect(main).toContain(`unix:${inst.layout.dir}/api.sock`);
  });

  it("never touches the platform's admin account, which it runs as", async () => {
    await expect(driver.setPassword("xh-admin@localhost", "stolen")).rejects.toThrow(/platform's admin account/);
    await expect(driver.deleteAccount("xh-admin@localhost")).rejects.toBeInstanceOf(DriverCommandError);
    await expect(driver.ping()).resolves.toBeUndefined();
    // Other accounts on the placeholder host are the platform's own (its health probe, while there is no domain).
    expect(await driver.createAccount("probe@localhost", "pw")).toBe("created");
  });

  it("refuses wrong admin credentials with a clear error", async () => {
    const wrong = new EjabberdDriver({
      ...(inst.channel.kind === "http" ? { url: inst.channel.url, socketPath: inst.channel.socketPath } : { url: "" }),
      username: "xh-admin@localhost",
      password: "not the password",
      timeoutMs: 2000,
    });
    try {
      const err = await wrong.ping().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DriverCommandError);
      expect((err as Error).message).toMatch(/admin credentials were refused/);
    } finally {
      await wrong.close();
    }
  });

  it("fails fast with DriverUnavailableError when there is no server", async () => {
    const nowhere = new EjabberdDriver({
      url: "http://127.0.0.1:9/api",
      username: "xh-admin@localhost",
      password: "x",
      timeoutMs: 1000,
    });
    const t0 = Date.now();
    await expect(nowhere.ping()).rejects.toBeInstanceOf(DriverUnavailableError);
    expect(Date.now() - t0).toBeLessThan(500);
    await nowhere.close();
  });

  it("measures API throughput", async () => {
    const n = 200;
    const run = async (d: XmppServerDriver, prefix: string, inFlight: number) => {
      const t0 = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (next < n) {
            const i = next++;
            await d.createAccount(`${prefix}${i}@${domain}`, `pw${i}`);
          }
        }),
      );
      return n / ((performance.now() - t0) / 1000);
    };
    const sequential = await run(driver, "seq", 1);
    const parallel = await run(driver, "par", 16);
    const existed = await run(driver, "seq", 1);
    let t0 = performance.now();
    for (let i = 0; i < n; i++) await driver.ping();
    const pingMs = (performance.now() - t0) / n;
    t0 = performance.now();
    const rss = Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${inst.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
    console.log(
      `[ejabberd http api] createAccount sequential ${sequential.toFixed(0)}/s, 16 in flight ${parallel.toFixed(0)}/s, ` +
        `createAccount on existing (password check) ${existed.toFixed(0)}/s, ping ${pingMs.toFixed(2)} ms, beam RSS ${rss.toFixed(0)} MiB`,
    );
    expect((await driver.listAccounts(domain)).length).toBeGreaterThanOrEqual(2 * n);
  }, 60_000);
});
