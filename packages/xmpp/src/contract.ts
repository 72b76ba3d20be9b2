/**
 * The behaviour every XmppServerDriver must show, as a vitest suite run against a real server.
 * Usage: describeDriverContract("prosody", async () => ({ driver, domain, mucHost, ... })).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { esc, type MiniSession, type XmppEndpoint, xmppLogin } from "./client/index.ts";
import {
  DriverCommandError,
  DriverUnavailableError,
  DriverUnsupportedError,
  type RoomConfig,
  type XmppServerDriver,
} from "./driver.ts";
import type { ServerFeatures } from "./servers/kind.ts";

export interface DriverContractFixture {
  driver: XmppServerDriver;
  /** What this kind of server can do; where a feature is missing, the suite checks that the driver says so. */
  features: ServerFeatures;
  /**
   * False where the server prepares passwords with stringprep (Unicode 3.2, RFC 4013), as ejabberd does: it refuses
   * characters newer than that, such as emoji. Prosody takes any Unicode.
   */
  modernUnicodePasswords: boolean;
  /** A virtual host the server serves, with `groups.<domain>` (MUC) and `share.<domain>` components. */
  domain: string;
  /** The MUC service of `domain`. */
  mucHost: string;
  /**
   * Adds `domain` (with its components) to the server's configuration without activating anything,
   * and returns every host the configuration then defines (what a caller passes to applyHosts).
   */
  defineDomain(domain: string): Promise<string[]>;
  /** Writes a new certificate for `host` where the server reads it (reloading nothing); returns its fingerprint. */
  replaceCertificate(host: string): Promise<string>;
  /** The fingerprint of the certificate the server presents for `host` on STARTTLS. */
  servedCertificate(host: string): Promise<string>;
  /** Where clients of `domain` log in (c2s with STARTTLS), and the certificate to trust: needed where rooms are moderated. */
  c2s?: Omit<XmppEndpoint, "domain">;
  /** Breaks the driver's connection from the server's side, to check that the driver reconnects. */
  dropConnection(): Promise<void>;
  teardown(): Promise<void>;
}

const sorted = (xs: string[]) => [...xs].sort();
const base: RoomConfig = { title: "Family", membersOnly: true, persistent: true, public: false };

async function expectCommandError(p: Promise<unknown>): Promise<void> {
  await expect(p).rejects.toBeInstanceOf(DriverCommandError);
}

export function describeDriverContract(name: string, setup: () => Promise<DriverContractFixture>): void {
  describe(`XmppServerDriver contract: ${name}`, () => {
    let f: DriverContractFixture;
    let driver: XmppServerDriver;
    // Unique names per run, so a reused server cannot make a test pass by accident.
    const run = Math.random().toString(36).slice(2, 8);
    const user = (n: string) => `${n}-${run}@${f.domain}`;
    const room = (n: string) => `${n}-${run}@${f.mucHost}`;

    beforeAll(async () => {
      f = await setup();
      driver = f.driver;
    }, 30_000);

    afterAll(async () => {
      await f?.teardown();
    }, 30_000);

    describe("server", () => {
      it("answers ping", async () => {
        await expect(driver.ping()).resolves.toBeUndefined();
      });

      it("reports software, version, uptime and active hosts", async () => {
        const info = await driver.serverInfo();
        expect(info.software).toMatch(/\S/);
        expect(info.version).toMatch(/^\d+\.\d+/);
        expect(info.uptimeSeconds).toBeGreaterThanOrEqual(0);
        expect(info.hosts).toEqual(expect.arrayContaining([f.domain, f.mucHost, `share.${f.domain}`]));
      });

      it("reloads without a restart", async () => {
        const before = await driver.serverInfo();
        await driver.reload();
        const after = await driver.serverInfo();
        expect(after.uptimeSeconds).toBeGreaterThanOrEqual(before.uptimeSeconds);
        expect(sorted(after.hosts)).toEqual(sorted(before.hosts));
      });
    });

    describe("accounts", () => {
      it("creates an account once, then reports it as existing", async () => {
        const jid = user("alice");
        expect(await driver.accountExists(jid)).toBe(false);
        expect(await driver.createAccount(jid, "first secret")).toBe("created");
        expect(await driver.createAccount(jid, "second secret")).toBe("existed");
        expect(await driver.accountExists(jid)).toBe(true);
        expect(await driver.listAccounts(f.domain)).toContain(`alice-${run}`);
      });

      it("accepts passwords full of quoting hazards", async () => {
        const jid = user("quotes");
        // Control characters are left out: SASLprep (hence XMPP) forbids them in passwords.
        const pw = `a"b'c\\d]]e[[f]=]g<x>&amp;${f.modernUnicodePasswords ? "é😀" : "é"}--[[ end`;
        expect(await driver.createAccount(jid, pw)).toBe("created");
        await driver.setPassword(jid, `${pw}2`);
        expect(await driver.createAccount(jid, pw)).toBe("existed");
        if (!f.modernUnicodePasswords) {
          // Refused outright, never stored mangled.
          await expectCommandError(driver.createAccount(user("emoji"), "pw😀"));
          expect(await driver.accountExists(user("emoji"))).toBe(false);
        }
      });

      it("sets a password only on an existing account", async () => {
        const jid = user("bob");
        await expectCommandError(driver.setPassword(jid, "pw"));
        await driver.createAccount(jid, "pw");
        await expect(driver.setPassword(jid, "pw2")).resolves.toBeUndefined();
      });

      it("deletes an account once, then reports it absent", async () => {
        const jid = user("carol");
        await driver.createAccount(jid, "pw");
        expect(await driver.deleteAccount(jid)).toBe("deleted");
        expect(await driver.deleteAccount(jid)).toBe("absent");
        expect(await driver.accountExists(jid)).toBe(false);
        expect(await driver.listAccounts(f.domain)).not.toContain(`carol-${run}`);
        expect(await driver.createAccount(jid, "pw")).toBe("created");
      });

      it("lists only localparts of the given host", async () => {
        const list = await driver.listAccounts(f.domain);
        expect(list.length).toBeGreaterThan(0);
        for (const localpart of list) expect(localpart).not.toContain("@");
      });

      it("handles many concurrent calls", async () => {
        const jids = Array.from({ length: 25 }, (_, i) => user(`many${i}`));
        const results = await Promise.all(jids.map((j) => driver.createAccount(j, "pw")));
        expect(results).toEqual(jids.map(() => "created"));
        const list = await driver.listAccounts(f.domain);
        for (let i = 0; i < jids.length; i++) expect(list).toContain(`many${i}-${run}`);
      });

      it("creates many accounts at once, giving an existing one the password asked for", async () => {
        const existing = user("bulk-old");
        await driver.createAccount(existing, "old secret");
        const accounts = Array.from({ length: 120 }, (_, i) => ({
          jid: user(`bulk${i}`),
          password: `secret "${i}" ]]`,
          displayName: i % 2 ? `Bulk "${i}", the one` : null,
        }));
        const outcomes = await driver.createAccounts([...accounts, { jid: existing, password: "new secret" }]);
        expect(outcomes).toEqual({
          ...Object.fromEntries(accounts.map((a) => [a.jid, "created"])),
          [existing]: "existed",
        });
        const list = await driver.listAccounts(f.domain);
        for (let i = 0; i < accounts.length; i++) expect(list).toContain(`bulk${i}-${run}`);
        // The password each was given: registering again with it is a repeat, with another it is refused.
        expect(await driver.registerAccount(user("bulk7"), 'secret "7" ]]')).toBe("existed");
        expect(await driver.registerAccount(existing, "new secret")).toBe("existed");
        expect(await driver.registerAccount(existing, "old secret")).toBe("taken");
        expect(await driver.createAccounts([])).toEqual({});
        await expectCommandError(driver.createAccounts([{ jid: "no-at-sign", password: "pw" }]));
        await expectCommandError(driver.createAccounts([{ jid: user("bulk-empty"), password: "" }]));
        expect(await driver.accountExists(user("bulk-empty"))).toBe(false);
      });

      it("refuses invalid JIDs and unknown hosts", async () => {
        await expectCommandError(driver.createAccount("no-at-sign", "pw"));
        await expectCommandError(driver.createAccount(`a@${f.domain}/resource`, "pw"));
        await expectCommandError(driver.createAccount(`a b"c@${f.domain}`, "pw"));
        await expectCommandError(driver.createAccount("a@not-served.invalid", "pw"));
        await expectCommandError(driver.createAccount(user("empty"), ""));
        await expectCommandError(driver.listAccounts("not-served.invalid"));
        await expectCommandError(driver.listAccounts("Bad Host"));
      });
    });

    describe("rooms", () => {
      it("creates a room that exists with nobody in it", async () => {
        const jid = room("family");
        expect(await driver.getRoom(jid)).toBeNull();
        expect(await driver.createRoom(jid, base)).toBe("created");
        expect(await driver.getRoom(jid)).toEqual({ jid, ...base, members: [] });
      });

      it("updates the configuration when the room exists", async () => {
        const jid = room("family");
        const next: RoomConfig = {
          title: `Fam "<ily>" ]] \\ ${"ü"}`,
          membersOnly: false,
          persistent: true,
          public: true,
        };
        expect(await driver.createRoom(jid, next)).toBe("existed");
        expect(await driver.getRoom(jid)).toMatchObject(next);
      });

      it("changes only the given fields", async () => {
        const jid = room("family");
        await driver.configureRoom(jid, { title: "Renamed" });
        expect(await driver.getRoom(jid)).toMatchObject({ title: "Renamed", membersOnly: false, public: true });
        await driver.configureRoom(jid, { membersOnly: true, public: false });
        expect(await driver.getRoom(jid)).toMatchObject({ title: "Renamed", membersOnly: true, public: false });
      });

      it("makes the member list exactly the given set", async () => {
        const jid = room("family");
        const [a, b, c] = [user("m1"), user("m2"), user("m3")];
        await driver.setRoomMembers(jid, [b, a]);
        expect((await driver.getRoom(jid))?.members).toEqual(sorted([a, b]));
        await driver.setRoomMembers(jid, [b, c]);
        expect((await driver.getRoom(jid))?.members).toEqual(sorted([b, c]));
        await driver.setRoomMembers(jid, [b, c]);
        expect((await driver.getRoom(jid))?.members).toEqual(sorted([b, c]));
        await driver.setRoomMembers(jid, []);
        expect((await driver.getRoom(jid))?.members).toEqual([]);
        await driver.setRoomMembers(jid, [a]);
      });

      it("lists rooms with their configuration and members", async () => {
        const other = room("other");
        await driver.createRoom(other, { ...base, title: "Other" });
        const rooms = await driver.listRooms(f.mucHost);
        expect(rooms).toContainEqual({ jid: room("family"), ...base, title: "Renamed", members: [user("m1")] });
        expect(rooms).toContainEqual({ jid: other, ...base, title: "Other", members: [] });
      });

      it("destroys a room once, then reports it absent, and can create it again", async () => {
        const jid = room("other");
        expect(await driver.destroyRoom(jid)).toBe("destroyed");
        expect(await driver.destroyRoom(jid)).toBe("absent");
        expect(await driver.getRoom(jid)).toBeNull();
        expect((await driver.listRooms(f.mucHost)).map((r) => r.jid)).not.toContain(jid);
        expect(await driver.createRoom(jid, base)).toBe("created");
        expect(await driver.getRoom(jid)).toEqual({ jid, ...base, members: [] });
      });

      it("refuses to configure rooms that do not exist, and bad room addresses", async () => {
        await expectCommandError(driver.configureRoom(room("nope"), { title: "x" }));
        await expectCommandError(driver.setRoomMembers(room("nope"), []));
        await expectCommandError(driver.setRoomMembers(room("family"), ["not a jid"]));
        await expectCommandError(driver.createRoom(`room@${f.domain}`, base)); // not a MUC service
        await expectCommandError(driver.listRooms(f.domain));
      });
    });

    describe("self-service registration and invites", () => {
      it("registers an account once: a retry with the same password is a no-op, another password is refused", async () => {
        const jid = user("newcomer");
        expect(await driver.registerAccount(jid, "first password")).toBe("created");
        expect(await driver.registerAccount(jid, "first password")).toBe("existed");
        expect(await driver.registerAccount(jid, "another password")).toBe("taken");
        // The owner's password was not touched.
        expect(await driver.registerAccount(jid, "first password")).toBe("existed");
      });

      it("adds a room member without dropping the others", async () => {
        const jid = room("club");
        await driver.createRoom(jid, base);
        await driver.setRoomMembers(jid, [user("m1")]);
        expect(await driver.addRoomMember(jid, user("m2"))).toBe("added");
        expect(await driver.addRoomMember(jid, user("m2"))).toBe("existed");
        expect((await driver.getRoom(jid))?.members).toEqual(sorted([user("m1"), user("m2")]));
        await expectCommandError(driver.addRoomMember(room("nope"), user("m2")));
      });

      it("adds autojoin bookmarks once, keeping existing ones", async () => {
        const jid = user("marker");
        await driver.createAccount(jid, "pw");
        expect(await driver.getBookmarks(jid)).toEqual([]);
        expect(await driver.addBookmarks(jid, [{ jid: room("club"), name: "Club" }])).toBe(1);
        expect(await driver.addBookmarks(jid, [{ jid: room("club"), name: "Club" }])).toBe(0);
        expect(await driver.addBookmarks(jid, [{ jid: room("family"), name: "Family" }])).toBe(1);
        expect(sorted((await driver.getBookmarks(jid)).map((b) => `${b.jid} ${b.name} ${b.autojoin}`))).toEqual(
          sorted([`${room("club")} Club true`, `${room("family")} Family true`]),
        );
        await expectCommandError(driver.addBookmarks(user("nobody"), []));
      });

      it("makes two accounts mutual contacts, once", async () => {
        const [a, b] = [user("friend1"), user("friend2")];
        await driver.createAccount(a, "pw");
        await driver.createAccount(b, "pw");
        expect(await driver.addMutualContacts(a, b)).toBe("added");
        expect(await driver.addMutualContacts(b, a)).toBe("existed");
        expect(await driver.roster(a)).toEqual({ [b]: "both" });
        expect(await driver.roster(b)).toEqual({ [a]: "both" });
        await expectCommandError(driver.addMutualContacts(a, user("nobody")));
      });

      it("stores, reads and removes invites in the server's own store (or refuses them without one)", async () => {
        const token = `tok${run}`.padEnd(24, "x");
        const expiresAt = new Date(Date.now() + 3600_000);
        const invite = {
          token,
          jid: f.domain,
          inviter: false,
          uri: `xmpp:${f.domain}?register;preauth=${token}`,
          createdAt: new Date(),
          expiresAt,
          reusable: true,
          data: { xh_invite: `inv-${run}`, xh_max_uses: 2, xh_uses: 0 },
        };
        if (!f.features.inBandInvites) {
          const unsupported = (p: Promise<unknown>) => expect(p).rejects.toBeInstanceOf(DriverUnsupportedError);
          await unsupported(driver.putInvite(f.domain, invite));
          await unsupported(driver.getInvite(f.domain, token));
          await unsupported(driver.deleteInvite(f.domain, token));
          // Nobody can have registered through an invite the server never had.
          expect(await driver.inviteRegistrations(f.domain, [`inv-${run}`])).toEqual({ [`inv-${run}`]: [] });
          await expectCommandError(driver.inviteRegistrations("Bad Host", [`inv-${run}`]));
          return;
        }
        await driver.putInvite(f.domain, invite);
        expect(await driver.getInvite(f.domain, token)).toMatchObject({ token, type: "register", jid: f.domain });
        const inviter = user("alice");
        await driver.putInvite(f.domain, { ...invite, jid: inviter, inviter: true });
        expect(await driver.getInvite(f.domain, token)).toMatchObject({ type: "roster", jid: inviter });
        expect(await driver.inviteRegistrations(f.domain, [`inv-${run}`])).toEqual({ [`inv-${run}`]: [] });
        expect(await driver.deleteInvite(f.domain, token)).toBe("deleted");
        expect(await driver.deleteInvite(f.domain, token)).toBe("absent");
        expect(await driver.getInvite(f.domain, token)).toBeNull();
        await expectCommandError(driver.putInvite(f.domain, { ...invite, token: "bad token" }));
        await expectCommandError(driver.putInvite("not-served.invalid", invite));
      });
    });

    describe("hosts", () => {
      const share = () => `share.${f.domain}`;

      it("deactivates hosts missing from the list and activates them again", async () => {
        const all = (await driver.serverInfo()).hosts;
        const without = all.filter((h) => h !== share());
        if (!f.features.liveHostSwitch) {
          // Such a server switches a host off only through its configuration: the request is refused, nothing moves.
          await expectCommandError(driver.applyHosts(without));
          expect(sorted((await driver.serverInfo()).hosts)).toEqual(sorted(all));
          expect(await driver.applyHosts(all)).toEqual({ activated: [], deactivated: [] });
          return;
        }
        expect(await driver.applyHosts(without)).toEqual({ activated: [], deactivated: [share()] });
        expect((await driver.serverInfo()).hosts).not.toContain(share());
        expect(await driver.applyHosts(all)).toEqual({ activated: [share()], deactivated: [] });
        expect((await driver.serverInfo()).hosts).toContain(share());
        expect(await driver.applyHosts(all)).toEqual({ activated: [], deactivated: [] });
      });

      it("activates a newly configured domain with its components", async () => {
        const domain = `new-${run}.${f.domain}`;
        const defined = await f.defineDomain(domain);
        const fresh = [domain, `groups.${domain}`, `share.${domain}`];
        expect(defined).toEqual(expect.arrayContaining(fresh));
        const result = await driver.applyHosts(defined);
        expect(sorted(result.activated)).toEqual(sorted(fresh));
        expect(result.deactivated).toEqual([]);
        expect((await driver.serverInfo()).hosts).toEqual(expect.arrayContaining(fresh));
        expect(await driver.createAccount(`dave@${domain}`, "pw")).toBe("created");
        expect(await driver.createRoom(`r@groups.${domain}`, base)).toBe("created");
      });

      it("serves a replaced certificate after reloading that host's certificates alone", async () => {
        const before = await f.servedCertificate(f.domain);
        const replaced = await f.replaceCertificate(f.domain);
        expect(replaced).not.toBe(before);
        // Written is not served: nothing reloads by itself.
        expect(await f.servedCertificate(f.domain)).toBe(before);
        expect(await driver.reloadCertificates([f.domain, `absent-${run}.example`])).toEqual([f.domain]);
        expect(await f.servedCertificate(f.domain)).toBe(replaced);
        await expectCommandError(driver.reloadCertificates(["Bad Name"]));
      });

      it("rejects bad host names and hosts absent from the configuration, changing nothing", async () => {
        const before = sorted((await driver.serverInfo()).hosts);
        await expectCommandError(driver.applyHosts([...before, "Bad Name"]));
        await expectCommandError(driver.applyHosts([...before, "evil.example'); os.exit(1) --"]));
        await expectCommandError(driver.applyHosts([...before, "127.0.0.1"]));
        await expectCommandError(driver.applyHosts([...before, `undefined-${run}.invalid`]));
        expect(sorted((await driver.serverInfo()).hosts)).toEqual(before);
      });
    });

    describe("room moderation", () => {
      const MUC = "http://jabber.org/protocol/muc";
      const sessions: MiniSession[] = [];
      // An occupant's presence as the room broadcasts it, whatever quotes the server writes.
      const presenceOf = (roomJid: string, nick: string, rest: string) =>
        new RegExp(`<presence[^>]*from=['"]${roomJid}/${nick}['"][\\s\\S]*?${rest}[\\s\\S]*?</presence>`);

      // A kind either moderates rooms with every method, or has none of them (and the platform says so).
      const methods = () => [
        driver.roomOccupants,
        driver.roomAffiliations,
        driver.kickOccupant,
        driver.setOccupantRole,
        driver.setRoomAffiliation,
        driver.setRoomSubject,
      ];
      const moderates = () => methods().every((m) => typeof m === "function");

      async function join(localpart: string, roomJid: string): Promise<MiniSession> {
        if (!f.c2s) throw new Error("the fixture must give c2s for a driver that moderates rooms");
        await driver.createAccount(user(localpart), "pw-moderation");
        const s = await xmppLogin({
          ...f.c2s,
          domain: f.domain,
          username: `${localpart}-${run}`,
          password: "pw-moderation",
        });
        sessions.push(s);
        s.send(`<presence to='${esc(roomJid)}/${esc(localpart)}'><x xmlns='${MUC}'/></presence>`);
        await s.expect(presenceOf(roomJid, localpart, "status code=['\"]110"));
        return s;
      }

      afterAll(async () => {
        await Promise.all(sessions.map((s) => s.close()));
      });

      it("has every moderation method or none", () => {
        expect([0, methods().length]).toContain(methods().filter((m) => m !== undefined).length);
      });

      it("lists occupants and affiliations, grants and takes back, sets the subject, kicks and bans", async () => {
        // Without moderation, the platform refuses it before asking the server: nothing to check here.
        if (!moderates()) return expect(methods().every((m) => m === undefined)).toBe(true);
        const jid = room("moderated");
        await driver.createRoom(jid, base);
        await driver.setRoomMembers(jid, [user("ann"), user("ben")]);
        const ann = await join("ann", jid);
        const ben = await join("ben", jid);
        await ann.expect(presenceOf(jid, "ben", "role=['\"]participant"));

        expect(await driver.roomOccupants?.(jid)).toEqual([
          { nick: "ann", jid: user("ann"), role: "participant", affiliation: "member" },
          { nick: "ben", jid: user("ben"), role: "participant", affiliation: "member" },
        ]);
        expect(await driver.roomAffiliations?.(jid)).toMatchObject({
          member: sorted([user("ann"), user("ben")]),
          outcast: [],
        });

        expect(await driver.setOccupantRole?.(jid, "ben", "moderator")).toBe("set");
        await ann.expect(presenceOf(jid, "ben", "role=['\"]moderator"));
        expect(await driver.setOccupantRole?.(jid, "ben", "moderator")).toBe("unchanged");
        expect(await driver.setOccupantRole?.(jid, "nobody", "moderator")).toBe("absent");
        expect(await driver.setOccupantRole?.(jid, "ben", "participant")).toBe("set");
        await ann.expect(presenceOf(jid, "ben", "role=['\"]participant"));

        expect(await driver.setRoomAffiliation?.(jid, user("ann"), "admin")).toEqual({
          previous: "member",
          changed: true,
        });
        await ben.expect(presenceOf(jid, "ann", "affiliation=['\"]admin"));
        expect((await driver.roomAffiliations?.(jid))?.admin).toEqual([user("ann")]);
        expect(await driver.setRoomAffiliation?.(jid, user("ann"), "member")).toEqual({
          previous: "admin",
          changed: true,
        });

        await driver.setRoomSubject?.(jid, `News <&> "${"ü"}"`);
        await ben.expect(/<subject>News &lt;&amp;&gt; (&quot;|")ü(&quot;|")<\/subject>/);

        expect(await driver.kickOccupant?.(jid, "ben", "calm down")).toBe("kicked");
        await ann.expect(presenceOf(jid, "ben", "status code=['\"]307"));
        expect((await driver.roomOccupants?.(jid))?.map((o) => o.nick)).toEqual(["ann"]);
        expect(await driver.kickOccupant?.(jid, "ben")).toBe("absent");

        // Kicked, ben may come back; banned, he is sent away and may not.
        ben.send(`<presence to='${esc(jid)}/ben'><x xmlns='${MUC}'/></presence>`);
        await ann.expect(presenceOf(jid, "ben", "role=['\"]participant"));
        // Open to all, so that only the ban keeps ben out (a members-only room would refuse a non-member first).
        await driver.configureRoom(jid, { membersOnly: false });
        expect(await driver.setRoomAffiliation?.(jid, user("ben"), "outcast", { reason: "spam" })).toEqual({
          previous: "member",
          changed: true,
        });
        await ann.expect(presenceOf(jid, "ben", "status code=['\"]301"));
        expect((await driver.roomAffiliations?.(jid))?.outcast).toEqual([user("ben")]);
        ben.send(`<presence to='${esc(jid)}/ben'><x xmlns='${MUC}'/></presence>`);
        const refused = await ben.expect(/<presence[^>]*type=['"]error['"][\s\S]*?<\/presence>/);
        expect(refused.match[0]).toMatch(/<forbidden xmlns=['"]urn:ietf:params:xml:ns:xmpp-stanzas/);

        // Unbanning only undoes a ban: it leaves anyone else's affiliation alone.
        expect(await driver.setRoomAffiliation?.(jid, user("ann"), "none", { onlyIf: "outcast" })).toEqual({
          previous: "member",
          changed: false,
        });
        expect(await driver.setRoomAffiliation?.(jid, user("ben"), "none", { onlyIf: "outcast" })).toEqual({
          previous: "outcast",
          changed: true,
        });
        expect((await driver.roomAffiliations?.(jid))?.outcast).toEqual([]);
        ben.send(`<presence to='${esc(jid)}/ben'><x xmlns='${MUC}'/></presence>`);
        await ann.expect(presenceOf(jid, "ben", "role=['\"]participant"));
      });

      it("refuses rooms that do not exist and bad nicknames", async () => {
        // Without moderation, the platform refuses it before asking the server: nothing to check here.
        if (!moderates()) return expect(methods().every((m) => m === undefined)).toBe(true);
        await expectCommandError(driver.roomOccupants?.(room("ghost")) ?? Promise.reject(new DriverCommandError("")));
        await expectCommandError(
          driver.kickOccupant?.(room("ghost"), "ann") ?? Promise.reject(new DriverCommandError("")),
        );
        await expectCommandError(
          driver.kickOccupant?.(room("moderated"), "") ?? Promise.reject(new DriverCommandError("")),
        );
        await expectCommandError(
          driver.setRoomAffiliation?.(room("moderated"), "not a jid", "outcast") ??
            Promise.reject(new DriverCommandError("")),
        );
      });
    });

    describe("suspension", () => {
      const PW = "pw-suspension";
      const endpoint = (localpart: string) => {
        if (!f.c2s) throw new Error("the fixture must give c2s to check suspension");
        return { ...f.c2s, domain: f.domain, username: `${localpart}-${run}`, password: PW };
      };

      it("closes a live session, refuses logins and keeps the password and contacts until restored", async () => {
        const jid = user("suspended");
        const friend = user("suspended-friend");
        await driver.createAccount(jid, PW);
        await driver.createAccount(friend, PW);
        await driver.addMutualContacts(jid, friend);
        const live = await xmppLogin(endpoint("suspended"));

        expect(await driver.suspendAccount(jid)).toBe(1);
        await live.expect(/<stream:error>[\s\S]*?not-authorized/, 10_000);
        await live.close();
        await expect(xmppLogin(endpoint("suspended"))).rejects.toThrow(/account-disabled/);
        expect(await driver.suspendedAccounts(f.domain)).toEqual([`suspended-${run}`]);
        // A repeat changes nothing.
        expect(await driver.suspendAccount(jid)).toBe(0);
        expect(await driver.accountExists(jid)).toBe(true);
        expect(await driver.roster(jid)).toEqual({ [friend]: "both" });

        expect(await driver.restoreAccount(jid)).toBe("restored");
        expect(await driver.restoreAccount(jid)).toBe("active");
        expect(await driver.suspendedAccounts(f.domain)).toEqual([]);
        const back = await xmppLogin(endpoint("suspended"));
        await back.close();
        expect(await driver.roster(jid)).toEqual({ [friend]: "both" });
      });

      it("pauses every login of the host for a move, closing its sessions, and lets them in again", async () => {
        const pause = driver.pauseLogins?.bind(driver);
        if (!pause) throw new Error("every server kind pauses logins for moves");
        const jid = user("paused");
        await driver.createAccount(jid, PW);
        const live = await xmppLogin(endpoint("paused"));
        try {
          expect(await pause(f.domain, true)).toBeGreaterThanOrEqual(1);
          // Told the server is going away, which clients answer by reconnecting.
          await live.expect(/<stream:error>[\s\S]*?system-shutdown/, 10_000);
          await live.close();
          await expect(xmppLogin(endpoint("paused"))).rejects.toThrow(/account-disabled/);
        } finally {
          expect(await pause(f.domain, false)).toBe(0);
        }
        const back = await xmppLogin(endpoint("paused"));
        await back.close();
        // Nobody was suspended by it.
        expect(await driver.suspendedAccounts(f.domain)).toEqual([]);
      });

      it("forgets the suspension of a deleted account, and refuses accounts that do not exist", async () => {
        const jid = user("suspended-gone");
        await driver.createAccount(jid, PW);
        await driver.suspendAccount(jid);
        expect(await driver.deleteAccount(jid)).toBe("deleted");
        expect(await driver.suspendedAccounts(f.domain)).toEqual([]);
        await driver.createAccount(jid, PW);
        const s = await xmppLogin(endpoint("suspended-gone"));
        await s.close();
        await expectCommandError(driver.suspendAccount(user("nobody")));
        await expectCommandError(driver.suspendAccount("not a jid"));
        await expectCommandError(driver.suspendedAccounts("Bad Host"));
      });
    });

    describe("sessions", () => {
      it("lists sessions, filtered by host", async () => {
        const all = await driver.onlineSessions();
        expect(Array.isArray(all)).toBe(true);
        const mine = await driver.onlineSessions(f.domain);
        for (const s of mine) expect(s.jid.split("/")[0]?.endsWith(`@${f.domain}`)).toBe(true);
        await expectCommandError(driver.onlineSessions("Bad Host"));
      });
    });

    describe("connection", () => {
      it("reconnects transparently after the connection is dropped", async () => {
        await driver.ping();
        await f.dropConnection();
        await expect(driver.ping()).resolves.toBeUndefined();
        await f.dropConnection();
        const results = await Promise.all([driver.ping(), driver.accountExists(user("alice")), driver.ping()]);
        expect(results).toEqual([undefined, true, undefined]);
      });

      it("fails with DriverUnavailableError once closed", async () => {
        await driver.close();
        await expect(driver.ping()).rejects.toBeInstanceOf(DriverUnavailableError);
        await driver.close(); // idempotent
      });
    });
  });
}
