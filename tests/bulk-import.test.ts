// Bulk onboarding: a members file becomes accounts (passwords given back once) or invite links (emailed where an
// address is given), each bad row refused with its reason, each good row done once, and a re-run changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../packages/core/src/imports/csv.ts";
import { type Call, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { startSmtpSink } from "./helpers/sinks.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

const DOMAIN = "onboard.test";
let platform: Platform;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let call: Call;
let token: string;
let tenantId: string;
let domainId: string;
let instance: { id: string; endpoints: { host: string; c2sPort: number } };
let caFile: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  platform = await startPlatform({ workerEnv: { SMTP_URL: smtp.url, WEB_PUBLIC_URL: "https://chat.example" } });
  ({ call, token, tenantId } = await signupWithToken(platform.app, "onboarder"));
  const created = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=30`, { name: "Club" });
  expect(created.status, created.text).toBe(201);
  instance = created.json.instance;
  const domain = await call("POST", `/api/v1/instances/${instance.id}/domains?wait=30`, {
    name: DOMAIN,
    registration: "invite",
  });
  expect(domain.status, domain.text).toBe(201);
  domainId = domain.json.domain.id;
  ({ file: caFile } = await internalCa(platform));
}, 120_000);

afterAll(async () => {
  await platform?.close();
  await smtp?.close();
});

/** Uploads a members file as the dashboard does: the file itself as the body. */
async function upload(csv: string | Buffer, query: string, as = token, domain = domainId) {
  const res = await platform.app.inject({
    method: "POST",
    url: `/api/v1/domains/${domain}/imports?${query}`,
    headers: { authorization: `Bearer ${as}`, "content-type": "text/csv" },
    payload: csv,
  });
  return { status: res.statusCode, text: res.body, json: JSON.parse(res.body || "{}"), headers: res.headers };
}

async function download(importId: string, as = token) {
  const res = await platform.app.inject({
    method: "POST",
    url: `/api/v1/imports/${importId}/download`,
    headers: { authorization: `Bearer ${as}` },
  });
  return { status: res.statusCode, text: res.body, headers: res.headers };
}

type Row = { line: number; username: string; outcome: string; code?: string; jid?: string; emailed?: boolean };

/** The file: 1,000 members of which 10 are bad, two of each kind; the last two good rows go over the quota. */
function membersFile(): { csv: string; bad: Record<string, number[]>; overQuota: string[] } {
  const lines = ["username,display name,email"];
  const bad: Record<string, number[]> = { malformed: [], invalid_username: [], duplicate: [], taken: [] };
  const put = (text: string, kind?: string) => {
    lines.push(text);
    if (kind) bad[kind]?.push(lines.length);
  };
  for (let i = 0; i < 1000; i++) {
    if (i === 100) put('bro"ken,Broken,', "malformed");
    else if (i === 200) put('"quoted"junk,Junk,', "malformed");
    else if (i === 300) put("bad name,Bad,", "invalid_username");
    else if (i === 400) put("a/b,Slash,", "invalid_username");
    else if (i === 500) put("member1,Again,", "duplicate");
    else if (i === 600) put("Member2,Again,", "duplicate");
    else if (i === 700) put("taken1,Taken,", "taken");
    else if (i === 800) put("taken2,Taken,", "taken");
    else put(`member${i},"Member ${i}, of the club",member${i}@mail.example`);
  }
  // The tenant may hold 2 (taken1, taken2) + 990 accounts: the last two valid rows are over the quota.
  return { csv: `${lines.join("\r\n")}\r\n`, bad, overQuota: ["member998", "member999"] };
}

describe("bulk import of members", () => {
  let importId: string;
  const file = membersFile();

  it("refuses a file it cannot read, naming the field, and the mode it does not know", async () => {
    const empty = await upload("", "mode=accounts");
    expect(empty.status, empty.text).toBe(400);
    expect(empty.json.errors[0]).toMatchObject({ field: "file", code: "required" });
    const noHeader = await upload("name,email\nann,a@b.c\n", "mode=accounts");
    expect(noHeader.status, noHeader.text).toBe(400);
    expect(noHeader.json.errors[0]).toMatchObject({ field: "file" });
    const big = await upload(`username\n${"a".repeat(1024 * 1024)}\n`, "mode=accounts");
    expect(big.status, big.text).toBe(400);
    expect(big.json.errors[0]).toMatchObject({ field: "file", code: "too_large" });
    const latin1 = await upload(Buffer.from("username\nren\xe9\n", "latin1"), "mode=accounts");
    expect(latin1.status, latin1.text).toBe(400);
    expect(latin1.json.errors[0]).toMatchObject({ field: "file", code: "invalid_characters" });
    const mode = await upload("username\nann\n", "mode=everything");
    expect(mode.status, mode.text).toBe(400);
    expect(mode.headers["content-type"]).toContain("application/problem+json");
    expect(await platform.app.core.db.operation.count({ where: { type: "accounts.import" } })).toBe(0);
  });

  it("creates the 990 good rows once, on the server too, and reports the 10 bad ones with their reasons", async () => {
    for (const name of ["taken1", "taken2"]) {
      const res = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, { localpart: name });
      expect(res.status, res.text).toBe(201);
    }
    await platform.app.core.db.tenant.update({ where: { id: tenantId }, data: { accountQuota: 992 } });

    const started = await upload(file.csv, "mode=accounts&fileName=club.csv&wait=50");
    expect(started.status, started.text).toBe(200);
    expect(started.json.operation).toMatchObject({ type: "accounts.import", status: "succeeded", progress: 100 });
    importId = started.json.operation.id;

    const got = await call("GET", `/api/v1/imports/${importId}`);
    expect(got.status, got.text).toBe(200);
    expect(got.json.downloadAvailable).toBe(true);
    const report = got.json.report;
    expect(report.counts).toEqual({ rows: 1000, created: 990, existing: 0, invited: 0, emailed: 0, failed: 10 });
    const failed = (report.rows as Row[]).filter((r) => r.outcome === "failed");
    const byCode = (code: string) => failed.filter((r) => r.code === code);
    for (const [code, lines] of Object.entries(file.bad)) expect(byCode(code).map((r) => r.line)).toEqual(lines);
    expect(byCode("quota_reached").map((r) => r.username)).toEqual(file.overQuota);
    expect(byCode("duplicate").map((r) => r.username)).toEqual(["member1", "member2"]);

    const db = platform.app.core.db;
    const made = await db.account.findMany({ where: { importId }, select: { localpart: true, state: true } });
    expect(made).toHaveLength(990);
    expect(made.every((a) => a.state === "active")).toBe(true);
    expect(made.some((a) => file.overQuota.includes(a.localpart))).toBe(false);
    const onServer = await platform.serverAccounts(instance.id, DOMAIN);
    expect(onServer.filter((a) => a.startsWith("member")).sort()).toEqual(made.map((a) => a.localpart).sort());

    const audit = await db.auditEvent.findFirst({ where: { action: "account.import_started", tenantId } });
    expect(audit?.data).toMatchObject({ domain: DOMAIN, mode: "accounts", count: 1000, refused: 6 });
    expect(audit?.actorTokenId).toBe((await db.apiToken.findFirstOrThrow({ where: { tenantId } })).id);
    expect(await db.auditEvent.count({ where: { action: "account.imported", tenantId } })).toBe(990);
  }, 60_000);

  it("gives the passwords once, and they log in", async () => {
    const first = await download(importId);
    expect(first.status, first.text).toBe(200);
    expect(first.headers["content-type"]).toContain("text/csv");
    expect(first.headers["content-disposition"]).toContain("club-passwords.csv");
    const records = parseCsv(first.text).map((r) => ("fields" in r ? r.fields : []));
    expect(records[0]).toEqual(["username", "address", "password"]);
    expect(records).toHaveLength(991);
    const member7 = records.find((r) => r[0] === "member7");
    expect(member7?.[1]).toBe(`member7@${DOMAIN}`);
    const login = await xmppClient([
      "login",
      `member7@${DOMAIN}`,
      member7?.[2] ?? "",
      instance.endpoints.host,
      String(instance.endpoints.c2sPort),
      caFile,
    ]);
    expect(login, JSON.stringify(login)).toEqual({ code: 0, out: { result: "ok" } });
    const wrong = await xmppClient([
      "login",
      `member7@${DOMAIN}`,
      `${member7?.[2]}x`,
      instance.endpoints.host,
      String(instance.endpoints.c2sPort),
      caFile,
    ]);
    expect(wrong.code).toBe(2);
    // The display name of the file became the account's vCard name and nickname (mod_vcard_legacy shows the vCard 4).
    const card = await xmppClient([
      "vcard",
      instance.endpoints.host,
      String(instance.endpoints.c2sPort),
      caFile,
      `member7@${DOMAIN}`,
      member7?.[2] ?? "",
      `member7@${DOMAIN}`,
    ]);
    expect(card, JSON.stringify(card)).toEqual({
      code: 0,
      out: { result: "ok", fn: "Member 7, of the club", nickname: "Member 7, of the club" },
    });

    const second = await download(importId);
    expect(second.status, second.text).toBe(404);
    expect(JSON.parse(second.text)).toMatchObject({ code: "not_found" });
    const after = await call("GET", `/api/v1/imports/${importId}`);
    expect(after.json.downloadAvailable).toBe(false);
    expect(await platform.app.core.db.platformSecret.count({ where: { name: { startsWith: "import:" } } })).toBe(0);
  });

  it("creates nothing new when the same file is imported again", async () => {
    const db = platform.app.core.db;
    const before = await db.account.count({ where: { domainId } });
    const again = await upload(file.csv, "mode=accounts&wait=50");
    expect(again.status, again.text).toBe(200);
    expect(again.json.operation.status).toBe("succeeded");
    const got = await call("GET", `/api/v1/imports/${again.json.operation.id}`);
    expect(got.json.report.counts).toEqual({
      rows: 1000,
      created: 0,
      existing: 990,
      invited: 0,
      emailed: 0,
      failed: 10,
    });
    expect(got.json.downloadAvailable).toBe(false);
    expect(await db.account.count({ where: { domainId } })).toBe(before);
    expect(await db.account.count({ where: { importId: again.json.operation.id } })).toBe(0);
    expect((await download(again.json.operation.id)).status).toBe(404);
  }, 60_000);

  it("sends one invite link a row in invite mode, by email where there is an address, and lists them once", async () => {
    const csv = "username,email\ncarla,carla@mail.example\ndan,\nerin,Erin@Mail.example\n";
    const started = await upload(csv, "mode=invites&fileName=friends.csv&wait=30");
    expect(started.status, started.text).toBe(200);
    expect(started.json.operation.status).toBe("succeeded");
    const id = started.json.operation.id;
    const got = await call("GET", `/api/v1/imports/${id}`);
    expect(got.json.report.counts).toEqual({ rows: 3, created: 0, existing: 0, invited: 3, emailed: 2, failed: 0 });
    expect((got.json.report.rows as Row[]).map((r) => [r.username, r.outcome, r.emailed])).toEqual([
      ["carla", "invited", true],
      ["dan", "invited", false],
      ["erin", "invited", true],
    ]);
    const listed = await download(id);
    expect(listed.status, listed.text).toBe(200);
    const rows = parseCsv(listed.text).map((r) => ("fields" in r ? r.fields : []));
    expect(rows[0]).toEqual(["username", "email", "link", "emailed"]);
    expect(rows.map((r) => r[0])).toEqual(["username", "carla", "dan", "erin"]);
    for (const r of rows.slice(1)) expect(r[2]).toMatch(/^https:\/\/chat\.example\/join\/[A-Za-z0-9_-]{20,}$/);

    for (const [address, row] of [
      ["carla@mail.example", rows[1]],
      ["erin@mail.example", rows[3]],
    ] as const) {
      const deadline = Date.now() + 10_000;
      let mail = smtp.received.find((m) => m.to.includes(address));
      while (!mail && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        mail = smtp.received.find((m) => m.to.includes(address));
      }
      expect(mail, `a mail to ${address}`).toBeDefined();
      expect(mail?.raw.replace(/=\r?\n/g, "")).toContain(row?.[2]);
    }
    // The links work: the public page knows each token as an active invite of the domain.
    const token = rows[2]?.[2]?.split("/join/")[1];
    const page = await platform.app.inject({ method: "GET", url: `/api/v1/public/invites/${token}` });
    expect(page.statusCode, page.body).toBe(200);
    expect(JSON.parse(page.body)).toMatchObject({ status: "active", domain: DOMAIN });

    // Again: everyone was invited already, nobody is mailed twice.
    const mails = smtp.received.length;
    const again = await upload(csv, "mode=invites&wait=30");
    const second = await call("GET", `/api/v1/imports/${again.json.operation.id}`);
    expect(second.json.report.counts).toMatchObject({ invited: 0, existing: 3, failed: 0 });
    expect(smtp.received.length).toBe(mails);
  }, 60_000);

  it("does not exist for another tenant", async () => {
    const other = await signupWithToken(platform.app, "stranger");
    await platform.app.core.db.tenant.update({ where: { id: tenantId }, data: { accountQuota: 2000 } });
    const mine = await upload("username\nzoe\n", "mode=accounts&wait=30");
    expect(mine.json.operation?.status, mine.text).toBe("succeeded");
    const id = mine.json.operation.id;
    const seen = await other.call("GET", `/api/v1/imports/${id}`);
    expect(seen.status, seen.text).toBe(404);
    expect((await download(id, other.token)).status).toBe(404);
    // Still there for its own tenant.
    const taken = await download(id);
    expect(taken.status, taken.text).toBe(200);
    expect(taken.text).toContain(`zoe@${DOMAIN}`);
    const into = await upload("username\nspy\n", "mode=accounts", other.token);
    expect(into.status, into.text).toBe(404);
    expect(await platform.app.core.db.account.count({ where: { localpart: "spy" } })).toBe(0);
  });
});
