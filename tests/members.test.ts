// Adding someone to a tenant invites them: the person accepts, or nothing happens. The answer is the same whether or
// not the address belongs to a user, and the invitation reaches the address by email.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, cookieOf, signup, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { startSmtpSink } from "./helpers/sinks.ts";

let platform: Platform;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  platform = await startPlatform({
    workerEnv: { SMTP_URL: smtp.url, MEMBER_INVITES_PER_HOUR: "4", WEB_PUBLIC_URL: "https://chat.example" },
  });
}, 60_000);

afterAll(async () => {
  await platform?.close();
  await smtp?.close();
});

async function mailTo(address: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = smtp.received.find((m) => m.to.includes(address));
    if (mail) return { ...mail, text: mail.raw.replace(/=\r?\n/g, "") };
    if (Date.now() > deadline) throw new Error(`no mail reached ${address}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("members are invited, not added", () => {
  it("answers alike for a known and an unknown address, adds nobody, and emails each a link to accept", async () => {
    const owner = await signupWithToken(platform.app, "teamowner");
    const known = await signupWithToken(platform.app, "known");
    const db = platform.app.core.db;
    const memberships = await db.membership.count({ where: { tenantId: owner.tenantId } });

    const toKnown = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/members`, {
      email: "Known@test.example",
      role: "admin",
    });
    const toUnknown = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/members`, {
      email: "stranger@test.example",
      role: "admin",
    });
    expect(toKnown.status, toKnown.text).toBe(202);
    expect(toUnknown.status, toUnknown.text).toBe(202);
    expect(Object.keys(toKnown.json).sort()).toEqual(Object.keys(toUnknown.json).sort());
    expect(toKnown.json).toMatchObject({ email: "known@test.example", role: "admin", status: "active" });
    expect(toUnknown.json).toMatchObject({ email: "stranger@test.example", role: "admin", status: "active" });
    // Nothing about the known user leaks: no name, no user id.
    expect(JSON.stringify(toKnown.json)).not.toContain("known's family");
    expect(toKnown.json).not.toHaveProperty("name");
    expect(toKnown.json).not.toHaveProperty("userId");
    expect(await db.membership.count({ where: { tenantId: owner.tenantId } })).toBe(memberships);

    const mail = await mailTo("known@test.example");
    expect(mail.text).toContain(toKnown.json.url);
    expect(mail.text).toMatch(/invites you/);
    expect(mail.text).toMatch(/vous invite/);
    expect(toKnown.json.url).toMatch(/^https:\/\/chat\.example\/accept\//);
    await mailTo("stranger@test.example");

    // Only the invited address may accept; the known user then joins with the role.
    const intruder = await signupWithToken(platform.app, "intruder");
    const asIntruder = client(platform.app, { cookie: intruder.cookie });
    const refused = await asIntruder("POST", `/api/v1/member-invites/${toKnown.json.token}/accept`);
    expect(refused.status, refused.text).toBe(403);
    expect(await db.membership.count({ where: { tenantId: owner.tenantId } })).toBe(memberships);
    const asKnown = client(platform.app, { cookie: known.cookie });
    const accepted = await asKnown("POST", `/api/v1/member-invites/${toKnown.json.token}/accept`);
    expect(accepted.status, accepted.text).toBe(200);
    const members = await owner.call("GET", `/api/v1/tenants/${owner.tenantId}/members`);
    expect(members.json.items.map((m: { email: string; role: string }) => [m.email, m.role])).toContainEqual([
      "known@test.example",
      "admin",
    ]);

    // The stranger signs up with the invited address later, and accepts.
    const stranger = await signup(
      platform.app,
      "stranger@test.example",
      "velvet harbour kite",
      "Stranger",
      "Own space",
    );
    expect(stranger.status, stranger.text).toBe(201);
    const cookie = cookieOf(stranger);
    const joined = await client(platform.app, { cookie })(
      "POST",
      `/api/v1/member-invites/${toUnknown.json.token}/accept`,
    );
    expect(joined.status, joined.text).toBe(200);
    expect(joined.json.role).toBe("admin");
  });

  it("refuses an address already a member, and limits invitations per inviting user", async () => {
    const owner = await signupWithToken(platform.app, "busyowner");
    const again = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/members`, {
      email: "busyowner@test.example",
      role: "viewer",
    });
    expect(again.status, again.text).toBe(409);
    expect(again.json.errors?.[0]?.field).toBe("email");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/members`, {
        email: `guest${i}@test.example`,
        role: "viewer",
      });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    }
    // The refused duplicate counted too: 4 per hour in this test.
    expect(statuses).toEqual([202, 202, 202, 429, 429, 429]);
    const invites = await platform.app.core.db.memberInvite.count({ where: { tenantId: owner.tenantId } });
    expect(invites).toBe(3);
  });
});
