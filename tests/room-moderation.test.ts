// Moderating a group chat through the API, as the dashboard does, against a real Prosody and a real ejabberd: two
// independent clients (slixmpp) sit in a members-only room, and what each action did is what the other one sees.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNotFoundOnEach } from "./helpers/api.ts";
import { XmppSession } from "./helpers/muc-session.ts";
import { type Call, type Platform, signupWithToken, startPlatform } from "./helpers/platform.ts";
import { internalCa } from "./helpers/xmpp.ts";

const PASSWORD = "violet-harbour-kite";

let platform: Platform;
let caFile: string;

beforeAll(async () => {
  platform = await startPlatform({ workerEnv: { HEALTH_PROBE_INTERVAL_MS: "3600000" } });
  caFile = (await internalCa(platform)).file;
}, 60_000);

afterAll(async () => {
  await platform?.close();
}, 60_000);

describe.each([
  // Prosody 0.12 checks membership before bans in a members-only room: an outcast is refused as a non-member.
  { server: "prosody", DOMAIN: "moderated.example", bannedFromMembersOnly: "registration-required" },
  { server: "ejabberd", DOMAIN: "moderated-e.example", bannedFromMembersOnly: "forbidden" },
] as const)("room moderation through the API on $server", ({ server, DOMAIN, bannedFromMembersOnly }) => {
  const ALICE = `alice@${DOMAIN}`;
  const BOB = `bob@${DOMAIN}`;
  let call: Call;
  let other: Call;
  let roomId: string;
  let room: string;
  let alice: XmppSession;
  let bob: XmppSession;

  /** Forgets what both clients saw so far: each check below looks only at what the next action makes them see. */
  function fresh(): void {
    for (const who of [alice, bob]) who.events.splice(0);
  }

  /** The next presence the room sends `who` about `nick`, matching `test`. */
  const occupantEvent = (who: XmppSession, nick: string, test: (e: Record<string, unknown>) => boolean) =>
    who.next((e) => e.event === "occupant" && e.room === room && e.nick === nick && test(e));

  beforeAll(async () => {
    const owner = await signupWithToken(platform.app, `moderation-${server}`);
    call = owner.call;
    ({ call: other } = await signupWithToken(platform.app, `moderation-other-${server}`));
    const inst = await call("POST", `/api/v1/tenants/${owner.tenantId}/instances?wait=60`, { name: "club", server });
    expect(inst.json.operation?.status, inst.text).toBe("succeeded");
    const dom = await call("POST", `/api/v1/instances/${inst.json.instance.id}/domains?wait=60`, {
      name: DOMAIN,
      registration: "closed",
    });
    expect(dom.json.operation?.status, dom.text).toBe("succeeded");
    const domainId = dom.json.domain.id;
    for (const localpart of ["alice", "bob"]) {
      const res = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, { localpart, password: PASSWORD });
      expect(res.json.operation?.status, res.text).toBe("succeeded");
    }
    const created = await call("POST", `/api/v1/domains/${domainId}/rooms?wait=30`, {
      name: "family",
      title: "Family",
      members: [ALICE, BOB],
    });
    expect(created.json.operation?.status, created.text).toBe("succeeded");
    roomId = created.json.room.id;
    room = created.json.room.jid;
    const row = await platform.app.core.db.instance.findUniqueOrThrow({ where: { id: inst.json.instance.id } });
    const open = (jid: string) =>
      XmppSession.open({ host: "127.0.0.1", port: Number(row.c2sPort), caFile, jid, password: PASSWORD });
    [alice, bob] = await Promise.all([open(ALICE), open(BOB)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([alice?.quit(), bob?.quit()]);
  }, 30_000);

  it("shows an empty room, then its occupants and affiliations as the server sees them", async () => {
    const empty = await call("GET", `/api/v1/rooms/${roomId}/occupants`);
    expect(empty.status, empty.text).toBe(200);
    expect(empty.json.occupants).toEqual([]);
    expect(empty.json.subject).toBe("");

    expect((await alice.join(room, "alice")).event).toBe("joined");
    expect((await bob.join(room, "bob")).event).toBe("joined");
    const occupants = await call("GET", `/api/v1/rooms/${roomId}/occupants`);
    expect(occupants.json.occupants).toEqual([
      { nick: "alice", jid: ALICE, role: "participant", affiliation: "member" },
      { nick: "bob", jid: BOB, role: "participant", affiliation: "member" },
    ]);
    const affiliations = await call("GET", `/api/v1/rooms/${roomId}/affiliations`);
    expect(affiliations.status, affiliations.text).toBe(200);
    expect(affiliations.json).toEqual({ owner: [], admin: [], member: [ALICE, BOB], outcast: [] });
  });

  it("makes an occupant a moderator and an account an admin, and takes both back", async () => {
    fresh();
    const grant = await call("POST", `/api/v1/rooms/${roomId}/role`, { nick: "bob", role: "moderator" });
    expect(grant.status, grant.text).toBe(200);
    expect(grant.json.operation).toMatchObject({ type: "room.moderate", status: "succeeded" });
    await occupantEvent(alice, "bob", (e) => e.role === "moderator");
    fresh();
    await call("POST", `/api/v1/rooms/${roomId}/role`, { nick: "bob", role: "participant" });
    await occupantEvent(alice, "bob", (e) => e.role === "participant");

    fresh();
    const admin = await call("POST", `/api/v1/rooms/${roomId}/affiliation`, { jid: ALICE, affiliation: "admin" });
    expect(admin.status, admin.text).toBe(200);
    await occupantEvent(bob, "alice", (e) => e.affiliation === "admin" && e.role === "moderator");
    expect((await call("GET", `/api/v1/rooms/${roomId}/affiliations`)).json.admin).toEqual([ALICE]);
    fresh();
    await call("POST", `/api/v1/rooms/${roomId}/affiliation`, { jid: ALICE, affiliation: "member" });
    await occupantEvent(bob, "alice", (e) => e.affiliation === "member");
  });

  it("sets the subject both clients see", async () => {
    fresh();
    const res = await call("PUT", `/api/v1/rooms/${roomId}/subject`, { subject: "Sunday lunch at noon" });
    expect(res.status, res.text).toBe(200);
    for (const who of [alice, bob])
      await who.next((e) => e.event === "subject" && e.room === room && e.subject === "Sunday lunch at noon");
    // Read back from the server with the occupants.
    expect((await call("GET", `/api/v1/rooms/${roomId}/occupants`)).json.subject).toBe("Sunday lunch at noon");
  });

  it("kicks an occupant (307), who can come back", async () => {
    fresh();
    const res = await call("POST", `/api/v1/rooms/${roomId}/kick`, { nick: "bob", reason: "cool off" });
    expect(res.status, res.text).toBe(200);
    const seen = await occupantEvent(alice, "bob", (e) => e.type === "unavailable");
    expect(seen.codes).toContain(307);
    expect(
      (await call("GET", `/api/v1/rooms/${roomId}/occupants`)).json.occupants.map((o: { nick: string }) => o.nick),
    ).toEqual(["alice"]);
    expect((await bob.join(room, "bob")).event).toBe("joined");
    // Joining again, he is given the subject set before.
    await bob.next((e) => e.event === "subject" && e.room === room && e.subject === "Sunday lunch at noon");
  });

  it("bans an account (301): out of the room and its members until the ban is lifted", async () => {
    fresh();
    const res = await call("POST", `/api/v1/rooms/${roomId}/ban`, { jid: BOB, reason: "spam" });
    expect(res.status, res.text).toBe(200);
    const seen = await occupantEvent(alice, "bob", (e) => e.type === "unavailable");
    expect(seen.codes).toContain(301);
    expect((await call("GET", `/api/v1/rooms/${roomId}`)).json.members).toEqual([ALICE]);
    expect((await call("GET", `/api/v1/rooms/${roomId}/affiliations`)).json).toMatchObject({ outcast: [BOB] });
    expect(await bob.join(room, "bob")).toMatchObject({ event: "join-error", condition: bannedFromMembersOnly });

    // Setting the members again (the platform's desired state) does not let him back in.
    const members = await call("PUT", `/api/v1/rooms/${roomId}/members?wait=30`, { members: [ALICE] });
    expect(members.json.operation?.status, members.text).toBe("succeeded");
    expect((await call("GET", `/api/v1/rooms/${roomId}/affiliations`)).json.outcast).toEqual([BOB]);

    const lifted = await call("POST", `/api/v1/rooms/${roomId}/unban`, { jid: BOB });
    expect(lifted.status, lifted.text).toBe(200);
    // In a members-only room, lifting the ban makes him a member again, or he still could not join.
    expect((await call("GET", `/api/v1/rooms/${roomId}`)).json.members).toEqual([ALICE, BOB]);
    expect((await bob.join(room, "bob")).event).toBe("joined");
  });

  it("refuses a banned account with forbidden in a room open to all", async () => {
    const open = await call("PATCH", `/api/v1/rooms/${roomId}?wait=30`, { membersOnly: false });
    expect(open.json.operation?.status, open.text).toBe("succeeded");
    fresh();
    await call("POST", `/api/v1/rooms/${roomId}/ban`, { jid: BOB });
    await occupantEvent(alice, "bob", (e) => e.type === "unavailable" && (e.codes as number[]).includes(301));
    expect(await bob.join(room, "bob")).toMatchObject({ event: "join-error", condition: "forbidden" });
    expect((await call("POST", `/api/v1/rooms/${roomId}/unban`, { jid: BOB })).status).toBe(200);
    expect((await call("GET", `/api/v1/rooms/${roomId}/affiliations`)).json.outcast).toEqual([]);
    expect((await bob.join(room, "bob")).event).toBe("joined");
  });

  it("audits every action with the room, its target and the action", async () => {
    const events = await platform.app.core.db.auditEvent.findMany({
      where: { resourceId: roomId, action: { startsWith: "room." }, NOT: { action: { endsWith: ".succeeded" } } },
      orderBy: { createdAt: "asc" },
    });
    const moderation = events
      .filter((e) => !["room.created", "room.members_set", "room.updated"].includes(e.action))
      .map((e) => ({ action: e.action, data: e.data }));
    expect(moderation).toEqual([
      { action: "room.role_set", data: { room, occupant: "bob", role: "moderator" } },
      { action: "room.role_set", data: { room, occupant: "bob", role: "participant" } },
      { action: "room.affiliation_set", data: { room, occupant: ALICE, affiliation: "admin" } },
      { action: "room.affiliation_set", data: { room, occupant: ALICE, affiliation: "member" } },
      { action: "room.subject_set", data: { room, subject: "Sunday lunch at noon" } },
      { action: "room.occupant_kicked", data: { room, occupant: "bob", reason: "cool off" } },
      { action: "room.occupant_banned", data: { room, occupant: BOB, reason: "spam" } },
      { action: "room.ban_lifted", data: { room, occupant: BOB } },
      { action: "room.occupant_banned", data: { room, occupant: BOB } },
      { action: "room.ban_lifted", data: { room, occupant: BOB } },
    ]);
  });

  it("names the field when the nickname or account is not there, or is malformed", async () => {
    const nobody = await call("POST", `/api/v1/rooms/${roomId}/kick`, { nick: "nobody" });
    expect(nobody.status, nobody.text).toBe(404);
    expect(nobody.headers["content-type"]).toContain("application/problem+json");
    expect(nobody.json).toMatchObject({ reason: "not_in_room", errors: [{ field: "nick", code: "not_found" }] });
    const role = await call("POST", `/api/v1/rooms/${roomId}/role`, { nick: "nobody", role: "moderator" });
    expect(role.status).toBe(404);

    const notBanned = await call("POST", `/api/v1/rooms/${roomId}/unban`, { jid: ALICE });
    expect(notBanned.status, notBanned.text).toBe(409);
    expect(notBanned.json).toMatchObject({ reason: "not_banned", errors: [{ field: "jid" }] });
    // Refused unbanning leaves alice's membership alone.
    expect((await call("GET", `/api/v1/rooms/${roomId}/affiliations`)).json.member).toContain(ALICE);

    const bad = await call("POST", `/api/v1/rooms/${roomId}/ban`, { jid: "not a jid" });
    expect(bad.status).toBe(400);
    expect(bad.json.errors?.[0]?.field).toBe("jid");
    const badRole = await call("POST", `/api/v1/rooms/${roomId}/role`, { nick: "bob", role: "owner" });
    expect(badRole.status).toBe(400);
    expect(badRole.json.errors?.[0]?.field).toBe("role");
  });

  it("is a 404 for another tenant, and changes nothing there", async () => {
    await expectNotFoundOnEach(other, [
      ["GET", `/api/v1/rooms/${roomId}/occupants`],
      ["GET", `/api/v1/rooms/${roomId}/affiliations`],
      ["POST", `/api/v1/rooms/${roomId}/kick`, { nick: "bob" }],
      ["POST", `/api/v1/rooms/${roomId}/ban`, { jid: BOB }],
      ["POST", `/api/v1/rooms/${roomId}/unban`, { jid: BOB }],
      ["POST", `/api/v1/rooms/${roomId}/role`, { nick: "bob", role: "moderator" }],
      ["POST", `/api/v1/rooms/${roomId}/affiliation`, { jid: BOB, affiliation: "admin" }],
      ["PUT", `/api/v1/rooms/${roomId}/subject`, { subject: "hijacked" }],
    ]);
    const occupants = await call("GET", `/api/v1/rooms/${roomId}/occupants`);
    expect(occupants.json.occupants.map((o: { nick: string; role: string }) => [o.nick, o.role])).toEqual([
      ["alice", "participant"],
      ["bob", "participant"],
    ]);
  });

  it("clears the subject with an empty one, for everyone in the room", async () => {
    fresh();
    const res = await call("PUT", `/api/v1/rooms/${roomId}/subject`, { subject: "" });
    expect(res.status, res.text).toBe(200);
    for (const who of [alice, bob]) await who.next((e) => e.event === "subject" && e.room === room && e.subject === "");
    expect((await call("GET", `/api/v1/rooms/${roomId}/occupants`)).json.subject).toBe("");
  });
});
