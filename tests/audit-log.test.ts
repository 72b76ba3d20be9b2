// The audit log: a tenant's owners and admins read what was done, by whom and to what, filtered and paged, and
// download it as CSV or JSON; nobody else reads it, and every download is itself in the log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, RECORDED_ACTIONS } from "../packages/core/src/index.ts";
import { type Call, client, cookieOf, serverWithDomains, signup, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
}, 120_000);

afterAll(async () => {
  await platform?.close();
});

interface Entry {
  id: string;
  tenantId: string | null;
  createdAt: string;
  action: string;
  actor: { type: string; userId: string | null; name: string | null; tokenId: string | null; tokenName: string | null };
  resource: { type: string; id: string; name: string | null };
  data: Record<string, unknown>;
}

/** Every entry of a log as `call` reads it, `limit` at a time, following nextCursor to the end. */
async function everyPage(call: Call, url: string, limit: number): Promise<{ entries: Entry[]; pages: number }> {
  const entries: Entry[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes("?") ? "&" : "?";
    const res = await call("GET", `${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.items.length).toBeLessThanOrEqual(limit);
    entries.push(...res.json.items);
    cursor = res.json.nextCursor;
    pages++;
  } while (cursor);
  return { entries, pages };
}

/** RFC 4180: quoted fields, doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  expect(cell, "the CSV ends with a line break").toBe("");
  expect(row).toEqual([]);
  return rows;
}

const actions = (entries: Entry[]) => entries.map((e) => e.action);

describe("a tenant's audit log", () => {
  let owner: Awaited<ReturnType<typeof signupWithToken>>;
  let asOwner: Call;
  let coAdmin: { userId: string; call: Call };
  let roomId: string;
  let inviteId: string;
  let log: string;
  const formula = '=HYPERLINK("http://evil.example","click")';

  it("records real actions, and lists them newest first with who did them and to what", async () => {
    owner = await signupWithToken(platform.app, "auditowner");
    asOwner = client(platform.app, { cookie: owner.cookie });
    log = `/api/v1/tenants/${owner.tenantId}/audit-events`;
    const { domainIds } = await serverWithDomains(owner.call, owner.tenantId, "audited", [
      { name: "audit.example", registration: "invite" },
    ]);
    const domainId = domainIds[0] as string;
    const account = await owner.call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, { localpart: "bob" });
    expect(account.status, account.text).toBe(201);
    // In the dashboard (the session), not with the token: the same person, another way in.
    const room = await asOwner("POST", `/api/v1/domains/${domainId}/rooms?wait=30`, { name: "club", title: "Club" });
    expect(room.status, room.text).toBe(201);
    roomId = room.json.room.id;
    const renamed = await owner.call("POST", `/api/v1/rooms/${roomId}/rename?wait=30`, { title: formula });
    expect(renamed.status, renamed.text).toBe(200);
    const invite = await owner.call("POST", `/api/v1/domains/${domainId}/invites?wait=30`, {});
    expect(invite.status, invite.text).toBe(201);
    inviteId = invite.json.invite.id;
    const revoked = await owner.call("DELETE", `/api/v1/invites/${inviteId}?wait=30`);
    expect(revoked.status, revoked.text).toBeLessThan(300);

    // A co-admin, with a name a spreadsheet must not misread, joins by link and makes a group chat of their own.
    const joined = await signup(platform.app, "co@test.example", "correct horse battery", '@Co "Admin", Jr', "Co's");
    expect(joined.status, joined.text).toBe(201);
    const link = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/member-invites`, { role: "admin" });
    expect(link.status, link.text).toBe(201);
    const coCall = client(platform.app, { cookie: cookieOf(joined) });
    const accepted = await coCall("POST", `/api/v1/member-invites/${link.json.token}/accept`);
    expect(accepted.status, accepted.text).toBe(200);
    coAdmin = { userId: joined.json.user.id, call: coCall };
    const coRoom = await coCall("POST", `/api/v1/domains/${domainId}/rooms?wait=30`, { name: "co", title: "Co" });
    expect(coRoom.status, coRoom.text).toBe(201);

    const page = await owner.call("GET", `${log}?limit=200`);
    expect(page.status, page.text).toBe(200);
    const entries = page.json.items as Entry[];
    const stored = await platform.app.core.db.auditEvent.findMany({ where: { tenantId: owner.tenantId } });
    expect(entries.map((e) => e.id).sort()).toEqual(stored.map((e) => e.id).sort());
    const times = entries.map((e) => Date.parse(e.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(entries[0]?.action).toBe("room.create.succeeded");

    const created = entries.find((e) => e.action === "account.created");
    expect(created).toMatchObject({
      actor: { type: "token", name: "auditowner", tokenName: "test" },
      resource: { type: "account", name: "bob@audit.example" },
      data: { jid: "bob@audit.example" },
    });
    const roomCreated = entries.find((e) => e.action === "room.created" && e.resource.id === roomId);
    expect(roomCreated?.actor).toMatchObject({ type: "user", name: "auditowner", tokenId: null });
    // A resource is named as it is called now: the group chat by its new title.
    expect(roomCreated?.resource.name).toBe(formula);
    expect(entries.find((e) => e.action === "room.renamed")?.data).toEqual({ from: "Club", to: formula });
    // Every action recorded here is in the catalogue the dashboard words.
    for (const e of entries) expect(AUDIT_ACTIONS).toContain(e.action);
  });

  it("filters by person, API token, action, prefix, resource and time, each returning exactly what matches", async () => {
    const all = ((await owner.call("GET", `${log}?limit=200`)).json.items as Entry[]).filter(
      (e) => e.action !== "audit.exported",
    );

    const byCoAdmin = await owner.call("GET", `${log}?actorUserId=${coAdmin.userId}`);
    expect(byCoAdmin.status, byCoAdmin.text).toBe(200);
    expect(actions(byCoAdmin.json.items)).toEqual(["room.create.succeeded", "room.created", "member_invite.accepted"]);

    const token = await platform.app.core.db.apiToken.findFirstOrThrow({ where: { tenantId: owner.tenantId } });
    const byToken = (await owner.call("GET", `${log}?actorTokenId=${token.id}&limit=200`)).json.items as Entry[];
    expect(byToken.map((e) => e.id)).toEqual(all.filter((e) => e.actor.tokenId === token.id).map((e) => e.id));
    expect(byToken.length).toBeGreaterThan(5);
    expect(actions(byToken)).not.toContain("room.created");

    const byOwner = (await owner.call("GET", `${log}?actorUserId=${token.createdById}&limit=200`)).json
      .items as Entry[];
    expect(byOwner.map((e) => e.id)).toEqual(all.filter((e) => e.actor.userId === token.createdById).map((e) => e.id));
    expect(actions(byOwner)).toContain("room.created");

    const revoked = await owner.call("GET", `${log}?action=invite.revoked`);
    expect(revoked.json.items).toHaveLength(1);
    expect(revoked.json.items[0]).toMatchObject({
      resource: { type: "invite", id: inviteId, name: "audit.example" },
    });

    const rooms = (await owner.call("GET", `${log}?action=room.&limit=200`)).json.items as Entry[];
    expect(actions(rooms).sort()).toEqual(
      [
        "room.create.succeeded",
        "room.create.succeeded",
        "room.created",
        "room.created",
        "room.rename.succeeded",
        "room.renamed",
      ].sort(),
    );

    const aboutRoom = (await owner.call("GET", `${log}?resourceType=room&resourceId=${roomId}`)).json.items as Entry[];
    expect(actions(aboutRoom)).toEqual([
      "room.rename.succeeded",
      "room.renamed",
      "room.create.succeeded",
      "room.created",
    ]);
    const instances = (await owner.call("GET", `${log}?resourceType=instance`)).json.items as Entry[];
    expect(actions(instances)).toEqual(["instance.create.succeeded", "instance.created"]);

    // A time range: from the co-admin's joining (inclusive) to before their group chat's creation (exclusive).
    const joinedAt = byCoAdmin.json.items[2].createdAt as string;
    const roomAt = byCoAdmin.json.items[1].createdAt as string;
    const range = (await owner.call("GET", `${log}?from=${joinedAt}&to=${roomAt}&limit=200`)).json.items as Entry[];
    expect(range.map((e) => e.id)).toEqual(
      all.filter((e) => e.createdAt >= joinedAt && e.createdAt < roomAt).map((e) => e.id),
    );
    expect(actions(range)).toContain("member_invite.accepted");
    expect(actions(range)).not.toContain("room.created");
  });

  it("pages by cursor through every entry exactly once, filtered or not", async () => {
    const total = await platform.app.core.db.auditEvent.count({ where: { tenantId: owner.tenantId } });
    const { entries, pages } = await everyPage(owner.call, log, 4);
    expect(entries).toHaveLength(total);
    expect(new Set(entries.map((e) => e.id)).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 4));
    const rooms = await everyPage(owner.call, `${log}?action=room.`, 2);
    expect(actions(rooms.entries).filter((a) => !a.startsWith("room."))).toEqual([]);
    expect(rooms.entries).toHaveLength(6);
  });

  it("refuses malformed filters and cursors as problems naming the field", async () => {
    const cases: [string, string][] = [
      ["action=Account%20created", "action"],
      ["from=yesterday", "from"],
      ["to=2026-01-01", "to"],
      ["from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to"],
      ["cursor=nosuchentry", "cursor"],
      ["resourceType=ROOM", "resourceType"],
      ["actorUserId=a%20b", "actorUserId"],
    ];
    for (const [query, field] of cases) {
      const res = await owner.call("GET", `${log}?${query}`);
      expect(res.status, `${query}: ${res.text}`).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(
        (res.json.errors as { field: string }[]).map((e) => e.field.replace(/^\/?(querystring\/)?/, "")),
        query,
      ).toContain(field);
    }
    const badFormat = await owner.call("GET", `${log}/export?format=xlsx`);
    expect(badFormat.status, badFormat.text).toBe(400);
  });

  it("exports the filtered set as CSV with a header, quoted cells and formulas defused, and audits the export", async () => {
    const listed = (await owner.call("GET", `${log}?action=room.&limit=200`)).json.items as Entry[];
    const res = await owner.call("GET", `${log}/export?format=csv&action=room.`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="audit-[A-Za-z0-9]+-\d{8}-\d{6}\.csv"$/);
    expect(res.headers["x-audit-export-truncated"]).toBe("false");
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual([
      "id",
      "createdAt",
      "action",
      "actorType",
      "actorUserId",
      "actorName",
      "actorEmail",
      "actorTokenId",
      "actorTokenName",
      "resourceType",
      "resourceId",
      "resourceName",
      "data",
    ]);
    const col = (name: string) => (header as string[]).indexOf(name);
    expect(rows.map((r) => r[col("id")])).toEqual(listed.map((e) => e.id));
    expect(rows.map((r) => r[col("action")])).toEqual(actions(listed));
    expect(rows.map((r) => r[col("createdAt")])).toEqual(listed.map((e) => e.createdAt));
    expect(rows.map((r) => JSON.parse(r[col("data")] as string))).toEqual(listed.map((e) => e.data));
    // A cell a spreadsheet would run as a formula starts with an apostrophe; the rest come back as they were.
    const roomRow = rows.find((r) => r[col("action")] === "room.created" && r[col("resourceId")] === roomId);
    expect(roomRow?.[col("resourceName")]).toBe(`'${formula}`);
    const coRow = rows.find((r) => r[col("actorUserId")] === coAdmin.userId);
    expect(coRow?.[col("actorName")]).toBe(`'@Co "Admin", Jr`);
    const others = rows.filter((r) => r[col("actorUserId")] !== coAdmin.userId);
    expect(others.every((r) => r[col("actorName")] === "auditowner")).toBe(true);

    const exported = await owner.call("GET", `${log}?action=audit.exported`);
    expect(exported.json.items).toHaveLength(1);
    expect(exported.json.items[0]).toMatchObject({
      actor: { type: "token" },
      resource: { type: "tenant", id: owner.tenantId },
      data: { format: "csv", rows: listed.length, truncated: false, filters: { action: "room." } },
    });
  });

  it("exports JSON: the same entries as the list, and the export's own entry is not in it", async () => {
    const before = (await owner.call("GET", `${log}?limit=200`)).json.items as Entry[];
    const res = await asOwner("GET", `${log}/export?format=json`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="audit-.+\.json"$/);
    const body = JSON.parse(res.text);
    expect(body).toMatchObject({ limit: 50_000, rows: before.length, truncated: false });
    expect(body.items).toEqual(before);
    const after = (await owner.call("GET", `${log}?action=audit.exported`)).json.items as Entry[];
    expect(after).toHaveLength(2);
    expect(after[0]).toMatchObject({ actor: { type: "user" }, data: { format: "json", rows: before.length } });
  });

  it("hides secret-looking keys should an entry ever hold one", async () => {
    await platform.app.core.db.auditEvent.create({
      data: {
        tenantId: owner.tenantId,
        action: "retired.action",
        resourceType: "account",
        resourceId: "gone",
        data: { password: "hunter2-secret", nested: { tokenHash: "abcdef123" }, jid: "gone@audit.example" },
      },
    });
    const res = await owner.call("GET", `${log}?action=retired.action`);
    expect(res.json.items[0]).toMatchObject({
      action: "retired.action",
      actor: { type: "platform", name: null },
      resource: { name: "gone@audit.example" },
      data: { password: "[hidden]", nested: { tokenHash: "[hidden]" } },
    });
    for (const format of ["csv", "json"]) {
      const exported = await owner.call("GET", `${log}/export?format=${format}`);
      expect(exported.status).toBe(200);
      expect(exported.text).toContain("gone@audit.example");
      expect(exported.text).not.toContain("hunter2");
      expect(exported.text).not.toContain("abcdef123");
    }
  });

  it("is another tenant's 404, a viewer's 403, and an operator's for support", async () => {
    const stranger = await signupWithToken(platform.app, "auditstranger");
    const asStrangerUser = client(platform.app, { cookie: stranger.cookie });
    for (const call of [stranger.call, asStrangerUser]) {
      for (const url of [log, `${log}/export?format=csv`, `${log}/export?format=json`]) {
        const res = await call("GET", url);
        expect(res.status, `${url}: ${res.text}`).toBe(404);
        expect(res.headers["content-type"]).toContain("application/problem+json");
      }
    }
    // Nor can a cursor of this log page through another.
    const first = (await owner.call("GET", `${log}?limit=1`)).json.nextCursor as string;
    const elsewhere = await stranger.call("GET", `/api/v1/tenants/${stranger.tenantId}/audit-events?cursor=${first}`);
    expect(elsewhere.status).toBe(400);
    expect(JSON.stringify(elsewhere.json)).not.toContain("auditowner");

    const exportsBefore = (await owner.call("GET", `${log}?action=audit.exported`)).json.items.length as number;
    const viewerSignup = await signup(platform.app, "viewer@test.example", "correct horse battery", "Vi", "Vi's");
    const link = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/member-invites`, { role: "viewer" });
    const asViewer = client(platform.app, { cookie: cookieOf(viewerSignup) });
    expect((await asViewer("POST", `/api/v1/member-invites/${link.json.token}/accept`)).status).toBe(200);
    expect((await asViewer("GET", `/api/v1/tenants/${owner.tenantId}/domains`)).status).toBe(200);
    for (const url of [log, `${log}/export?format=csv`]) {
      const res = await asViewer("GET", url);
      expect(res.status, res.text).toBe(403);
      expect(res.json.reason).toBe("needs_admin");
    }
    // Refused exports are not recorded as exports.
    expect((await owner.call("GET", `${log}?action=audit.exported`)).json.items).toHaveLength(exportsBefore);

    // The platform's own log is for operators; an operator also reads a tenant's log (support), not as a token.
    const platformLog = await owner.call("GET", "/api/v1/audit-events");
    expect(platformLog.status).toBe(403);
    await platform.app.core.db.user.update({
      where: { email: "auditstranger@test.example" },
      data: { isOperator: true },
    });
    const support = await asStrangerUser("GET", `${log}?action=room.created`);
    expect(support.status, support.text).toBe(200);
    expect(support.json.items).toHaveLength(2);
    expect((await stranger.call("GET", log)).status).toBe(404);
    const platformExport = await asStrangerUser("GET", "/api/v1/audit-events/export?format=json");
    expect(platformExport.status, platformExport.text).toBe(200);
    const operatorLog = await asStrangerUser("GET", "/api/v1/audit-events");
    expect(operatorLog.status, operatorLog.text).toBe(200);
    expect(operatorLog.json.items[0]).toMatchObject({
      tenantId: null,
      action: "audit.exported",
      actor: { type: "user", name: "auditstranger" },
      resource: { type: "platform" },
    });
    expect((operatorLog.json.items as Entry[]).every((e) => e.tenantId === null)).toBe(true);
  });

  it("names every action of the catalogue once, each with its resource before the dot", async () => {
    const res = await owner.call("GET", "/api/v1/audit-actions");
    expect(res.status).toBe(200);
    expect(res.json.items).toEqual([...AUDIT_ACTIONS]);
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    expect(RECORDED_ACTIONS.filter((a) => !/^[a-z_]+\.[a-z_]+$/.test(a))).toEqual([]);
  });
});
