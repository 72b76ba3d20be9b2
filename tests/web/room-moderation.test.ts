// A group chat's moderation page: empty while nobody is in the chat, then the person an independent client (slixmpp)
// brings in, removed and banned behind confirmations (the client sees itself go), the ban lifted; the subject set,
// then shown as the server has it and in the form; and in French.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { interpolate } from "../../apps/web/lib/i18n/format.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { serverWithDomains } from "../helpers/api.ts";
import { XmppSession } from "../helpers/muc-session.ts";
import { signupWithToken } from "../helpers/platform.ts";
import { type AxeFinding, inspectPage, signedInPage, startWebStack, type WebStack } from "../helpers/web.ts";
import { internalCa } from "../helpers/xmpp.ts";

const DOMAIN = "moderation-web.example";
const BOB = `bob@${DOMAIN}`;
const PASSWORD = "copper-meadow-lantern";

let stack: WebStack;
let owner: Awaited<ReturnType<typeof signupWithToken>>;
let domainId: string;
let roomId: string;
let room: string;
let bob: XmppSession;
const findings: AxeFinding[] = [];

beforeAll(async () => {
  stack = await startWebStack({ workerEnv: { HEALTH_PROBE_INTERVAL_MS: "3600000" } });
  owner = await signupWithToken(stack.platform.app, "modweb");
  const { instanceId, domainIds } = await serverWithDomains(owner.call, owner.tenantId, "family", [
    { name: DOMAIN, registration: "closed" },
  ]);
  domainId = domainIds[0] as string;
  const account = await owner.call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
    localpart: "bob",
    password: PASSWORD,
  });
  expect(account.json.operation?.status, account.text).toBe("succeeded");
  const created = await owner.call("POST", `/api/v1/domains/${domainId}/rooms?wait=30`, {
    name: "family",
    title: "Family",
    members: [BOB],
  });
  expect(created.json.operation?.status, created.text).toBe("succeeded");
  roomId = created.json.room.id;
  room = created.json.room.jid;
  const row = await stack.platform.app.core.db.instance.findUniqueOrThrow({ where: { id: instanceId } });
  const caFile = (await internalCa(stack.platform)).file;
  bob = await XmppSession.open({ host: "127.0.0.1", port: Number(row.c2sPort), caFile, jid: BOB, password: PASSWORD });
}, 120_000);

afterAll(async () => {
  await bob?.quit();
  await stack?.close();
});

describe("the moderation page of a group chat", () => {
  it("shows an empty chat, then removes and bans the person in it behind confirmations, and lifts the ban", async () => {
    const t = en.moderation;
    const page = await signedInPage(stack, owner.cookie, { locale: "en-GB" });
    await page.goto(`/t/${owner.tenantId}/domains/${domainId}?tab=rooms`);
    await page.getByRole("link", { name: en.rooms.moderate }).click();
    await page.waitForURL(new RegExp(`/rooms/${roomId}$`));
    await page.getByRole("heading", { name: interpolate(t.title, { name: "Family" }) }).waitFor();
    await page.getByText(t.emptyTitle).waitFor();
    await page.getByText(t.noSubject).waitFor();
    findings.push(...(await inspectPage(page, "room-moderation-empty")));

    expect((await bob.join(room, "bob")).event).toBe("joined");
    await page.reload();
    const occupant = page.locator('[data-occupant="bob"]');
    await occupant.getByText(`${t.account}: ${BOB}`).waitFor();
    findings.push(...(await inspectPage(page, "room-moderation-occupant")));

    // Removing asks first; bob's own client then sees the room send him away (307).
    bob.events.splice(0);
    await occupant.getByRole("button", { name: t.kick }).click();
    const kick = page.getByRole("dialog");
    await kick.getByText(interpolate(t.kickBody, { nick: "bob" })).waitFor();
    findings.push(...(await inspectPage(page, "room-moderation-kick")));
    await kick.getByRole("button", { name: t.kick }).click();
    const kicked = await bob.next((e) => e.event === "occupant" && e.nick === "bob" && e.type === "unavailable");
    expect(kicked.codes).toContain(307);
    await page.getByText(t.emptyTitle).waitFor();

    // Banned from the list of members: he is refused when he tries again, and listed as banned.
    expect((await bob.join(room, "bob")).event).toBe("joined");
    await page.reload();
    bob.events.splice(0);
    const member = page.locator(`[data-affiliation="${BOB}"]`);
    await member.getByRole("button", { name: t.ban }).click();
    const ban = page.getByRole("dialog");
    await ban.getByText(interpolate(t.banBody, { jid: BOB })).waitFor();
    await ban.getByRole("button", { name: t.ban }).click();
    const banned = await bob.next((e) => e.event === "occupant" && e.nick === "bob" && e.type === "unavailable");
    expect(banned.codes).toContain(301);
    expect((await bob.join(room, "bob")).event).toBe("join-error");
    await page.reload();
    const outcast = page.getByRole("region", { name: t.banned }).locator(`[data-affiliation="${BOB}"]`);
    await outcast.getByRole("button", { name: t.unban }).click();
    await page.getByRole("region", { name: t.banned }).getByText(t.nobody).waitFor();
    expect((await bob.join(room, "bob")).event).toBe("joined");
    await page.context().close();
  }, 150_000);

  it("sets the subject, then shows the server's subject as text and in the form", async () => {
    const t = en.moderation;
    const page = await signedInPage(stack, owner.cookie, { locale: "en-GB" });
    await page.goto(`/t/${owner.tenantId}/domains/${domainId}/rooms/${roomId}`);
    await page.getByText(t.noSubject).waitFor();
    const field = page.getByLabel(t.subject, { exact: true });
    expect(await field.inputValue()).toBe("");
    bob.events.splice(0);
    await field.fill("Sunday lunch at noon");
    await page.getByRole("button", { name: t.setSubject }).click();
    await bob.next((e) => e.event === "subject" && e.subject === "Sunday lunch at noon");
    const shown = page.getByText(interpolate(t.currentSubject, { subject: "Sunday lunch at noon" }));
    await shown.waitFor();
    // A new visit reads it from the chat server: as text, and in the form.
    await page.goto(`/t/${owner.tenantId}/domains/${domainId}/rooms/${roomId}`);
    await shown.waitFor();
    expect(await field.inputValue()).toBe("Sunday lunch at noon");
    expect(await page.getByText(t.noSubject).count()).toBe(0);
    findings.push(...(await inspectPage(page, "room-moderation-subject")));
    await page.context().close();
  }, 60_000);

  it("speaks French", async () => {
    const page = await signedInPage(stack, owner.cookie, { locale: "fr-FR" });
    await page.goto(`/t/${owner.tenantId}/domains/${domainId}/rooms/${roomId}`);
    await page.getByRole("heading", { name: interpolate(fr.moderation.title, { name: "Family" }) }).waitFor();
    const occupant = page.locator('[data-occupant="bob"]');
    await occupant.getByRole("button", { name: fr.moderation.kick }).waitFor();
    await occupant.getByRole("button", { name: fr.moderation.makeModerator }).waitFor();
    await page.getByText(interpolate(fr.moderation.currentSubject, { subject: "Sunday lunch at noon" })).waitFor();
    const field = page.getByLabel(fr.moderation.subject, { exact: true });
    expect(await field.inputValue()).toBe("Sunday lunch at noon");
    findings.push(...(await inspectPage(page, "room-moderation-fr")));
    // Emptied, the subject is gone: the page says there is none.
    await field.fill("");
    await page.getByRole("button", { name: fr.moderation.setSubject }).click();
    await page.getByText(fr.moderation.noSubject).waitFor();
    await page.context().close();
  });
});

describe("accessibility", () => {
  it("axe-core finds no serious or critical violation on the pages visited", () => {
    expect(findings).toEqual([]);
  });
});
