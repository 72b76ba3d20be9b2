// Choosing the server software in the dashboard, and an ejabberd server saying what it cannot do: on its page, and on
// the invite page, which then offers the web form alone. In English and French, on a wide screen and a phone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import { signupWithToken } from "../helpers/platform.ts";
import { type AxeFinding, inspectPage, newContext, startWebStack, type WebStack } from "../helpers/web.ts";
import { writeCa, xmppClient } from "../helpers/xmpp.ts";

let stack: WebStack;
const findings: AxeFinding[] = [];

beforeAll(async () => {
  stack = await startWebStack();
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const flows = [
  { locale: "en-GB", m: en, who: "ejuser", domain: "ejabberd-en.example" },
  { locale: "fr-FR", m: fr, who: "ejutilisateur", domain: "ejabberd-fr.example" },
] as const;

describe.each(flows)("an ejabberd server in the dashboard ($locale)", ({ locale, m, who, domain }) => {
  it("is chosen with one sentence of explanation, and its page names what it cannot do", async () => {
    const owner = await signupWithToken(stack.platform.app, who);
    const context = await newContext(stack, { locale });
    const [name, value] = owner.cookie.split("=");
    await context.addCookies([{ name: name ?? "", value: value ?? "", url: stack.webUrl }]);
    const page = await context.newPage();

    await page.goto(`/t/${owner.tenantId}/instances`);
    await page.getByText(m.instances.softwareHint).waitFor();
    const software = page.getByLabel(m.instances.software);
    expect(await software.inputValue()).toBe("prosody");
    await page.getByLabel(m.instances.name).fill("Club");
    await software.selectOption("ejabberd");
    await page.getByRole("button", { name: m.instances.create }).click();
    await page.waitForURL(/\/instances\/[^/]+$/, { timeout: 60_000 });
    await page.getByText(m.status.running, { exact: true }).first().waitFor({ timeout: 60_000 });
    const limits = page.getByTestId("server-limits");
    await limits.getByText(m.instances.noInBandInvites).waitFor();
    await limits.getByText(m.instances.noDomainBackups).waitFor();
    findings.push(...(await inspectPage(page, `${locale}-ejabberd-instance`)));

    const instance = await stack.platform.app.core.db.instance.findFirstOrThrow({
      where: { tenantId: owner.tenantId },
    });
    expect(instance.server).toBe("ejabberd");
    // Its admin password is kept sealed, never in clear.
    expect(instance.adminSecretEncrypted).toMatch(/^v1\./);

    // A domain and an invite, opened on a phone: no button hands it to an app; the web form signs the person up.
    const added = await owner.call("POST", `/api/v1/instances/${instance.id}/domains?wait=60`, {
      name: domain,
      registration: "invite",
    });
    expect(added.status, added.text).toBe(201);
    // The address's own pages say the same where it matters: its backups and its invites.
    const domainPage = `/t/${owner.tenantId}/domains/${added.json.domain.id}`;
    await page.goto(`${domainPage}?tab=backups`);
    await page.getByTestId("whole-server-backups").getByText(m.backups.wholeServerOnly).waitFor();
    expect(await page.getByRole("button", { name: m.backups.now }).count()).toBe(0);
    // All of the address's data still comes out as one file, for its owners.
    expect(await page.locator("[data-export-link]").getAttribute("href")).toBe(
      `/api/v1/domains/${added.json.domain.id}/export`,
    );
    await page.getByRole("link", { name: m.backups.serverBackups }).click();
    await page.waitForURL(new RegExp(`/instances/${instance.id}$`));
    await page.goto(`${domainPage}?tab=invites`);
    await page.getByText(m.instances.noInBandInvites).waitFor();
    findings.push(...(await inspectPage(page, `${locale}-ejabberd-domain-invites`)));

    const invite = await owner.call("POST", `/api/v1/domains/${added.json.domain.id}/invites?wait=30`, {});
    expect(invite.json.invite.uri).toBeNull();
    const phone = await newContext(stack, { locale, phone: true });
    const guest = await phone.newPage();
    await guest.goto(`/join/${invite.json.invite.token}`);
    await guest.getByTestId("web-only").getByText(m.join.webOnly).waitFor();
    expect(await guest.locator("a[href^='xmpp:']").count()).toBe(0);
    findings.push(...(await inspectPage(guest, `${locale}-ejabberd-join`)));
    await guest.getByLabel(m.join.username).fill("newcomer");
    await guest.getByLabel(m.join.password).fill("sunny balcony evening");
    await guest.getByRole("button", { name: m.join.submit }).click();
    await guest.getByTestId("join-success").waitFor({ timeout: 60_000 });
    await phone.close();
    await context.close();

    const caFile = writeCa(stack.platform.dataRoot, await (await fetch(`${stack.apiUrl}/api/v1/ca.pem`)).text());
    const login = await xmppClient([
      "login",
      `newcomer@${domain}`,
      "sunny balcony evening",
      "127.0.0.1",
      String(instance.c2sPort),
      caFile,
    ]);
    expect(login).toEqual({ code: 0, out: { result: "ok" } });
  }, 180_000);
});

describe("accessibility", () => {
  it("axe-core finds no serious or critical violation on the pages visited", () => {
    expect(findings).toEqual([]);
  });
});
