import type { ChildProcess } from "node:child_process";
import { freePorts } from "@xmpp-host/runtime/testing";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../apps/web/lib/i18n/en.ts";
import { fr } from "../../apps/web/lib/i18n/fr.ts";
import {
  type BrowsingRecord,
  directives,
  headerProblems,
  newContext,
  recordBrowsing,
  spawnWebServer,
  startWebStack,
  type WebStack,
  waitForHttp,
} from "../helpers/web.ts";

let stack: WebStack;
/** The web app's own server again, this time behind a trusted proxy (loopback), as behind a TLS terminator. */
let proxied: { url: string; process: ChildProcess };
/** Everything the browser did in the tests below, checked as a whole at the end. */
const records: BrowsingRecord[] = [];
const passwords = new Set<string>();

const email = "nadia@example.org";
const password = "quiet harbour lantern 4471";
let tenantId = "";

async function browse(opts: Parameters<typeof newContext>[1] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(stack, opts);
  records.push(recordBrowsing(context));
  return { context, page: await context.newPage() };
}

/** A password must not appear in a URL in any of the forms a form or a script could give it. */
function leaks(url: string): string[] {
  return [...passwords].filter((p) =>
    [p, encodeURIComponent(p), p.replaceAll(" ", "+")].some((form) => url.includes(form)),
  );
}

beforeAll(async () => {
  stack = await startWebStack();
  const [port] = await freePorts(1);
  const url = `http://127.0.0.1:${port}`;
  proxied = {
    url,
    process: spawnWebServer({ port: port as number, apiUrl: stack.apiUrl, env: { WEB_TRUSTED_PROXIES: "loopback" } }),
  };
  await waitForHttp(`${url}/login`, 60_000);
}, 120_000);

afterAll(async () => {
  proxied?.process.kill("SIGTERM");
  await stack?.close();
});

describe("sign-up and sign-in forms", () => {
  it("sign up, a refused sign-up, a wrong password and a sign-in all work with JavaScript off", async () => {
    const weak = "password12";
    const wrong = "not my password at all";
    for (const p of [weak, wrong, password]) passwords.add(p);

    const signup = await browse({ javaScriptEnabled: false });
    let page = signup.page;
    await page.goto("/signup");
    await page.getByLabel(en.auth.name).fill("Nadia");
    await page.getByLabel(en.auth.tenantName).fill("Les Nojs");
    await page.getByLabel(en.auth.email).fill(email);
    await page.getByLabel(en.auth.password).fill(weak);
    await page.getByRole("button", { name: en.auth.signup }).click();
    // Refused by the API's password rules: the form again, with the error and what was typed, but no password.
    await page.locator("#password-error").waitFor();
    expect(new URL(page.url()).pathname).toBe("/signup");
    expect(await page.getByLabel(en.auth.name).inputValue()).toBe("Nadia");
    expect(await page.getByLabel(en.auth.tenantName).inputValue()).toBe("Les Nojs");
    expect(await page.getByLabel(en.auth.email).inputValue()).toBe(email);
    expect(await page.getByLabel(en.auth.password).inputValue()).toBe("");
    expect(await page.content()).not.toContain(weak);

    await page.getByLabel(en.auth.password).fill(password);
    await page.getByRole("button", { name: en.auth.signup }).click();
    await page.waitForURL(/\/t\/[^/]+$/);
    tenantId = new URL(page.url()).pathname.split("/")[2] ?? "";
    await page.getByRole("heading", { name: en.overview.emptyTitle }).waitFor();
    // The API's session cookie reached the browser with its attributes.
    const session = (await signup.context.cookies()).find((c) => c.name === "xh_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect((session?.expires ?? 0) * 1000).toBeGreaterThan(Date.now() + 3600_000);
    await signup.context.close();

    const signin = await browse({ javaScriptEnabled: false });
    page = signin.page;
    await page.goto(`/login?next=${encodeURIComponent(`/t/${tenantId}/members`)}`);
    await page.getByLabel(en.auth.email).fill(email);
    await page.getByLabel(en.auth.password).fill(wrong);
    await page.getByRole("button", { name: en.auth.login }).click();
    await page.getByRole("alert").getByText(en.auth.badCredentials).waitFor();
    expect(await page.getByLabel(en.auth.email).inputValue()).toBe(email);
    expect(await page.getByLabel(en.auth.password).inputValue()).toBe("");
    await page.getByLabel(en.auth.password).fill(password);
    await page.getByRole("button", { name: en.auth.login }).click();
    // ?next= is followed.
    await page.waitForURL((url) => url.pathname === `/t/${tenantId}/members`);
    await page.getByText(email).first().waitFor();
    await signin.context.close();

    // The forms were posted by the browser itself (no script ran), as pages, never with the password in a URL.
    for (const record of records.slice(-2)) {
      expect(record.documents.filter((d) => d.method === "POST").length).toBeGreaterThanOrEqual(2);
      expect(record.requests.flatMap(leaks)).toEqual([]);
    }
  }, 120_000);

  it("with JavaScript the forms submit in place, show a wrong password and follow ?next=", async () => {
    const wrong = "still not the password";
    passwords.add(wrong);
    const { context, page } = await browse();
    const record = records.at(-1) as BrowsingRecord;
    await page.goto(`/login?next=${encodeURIComponent(`/t/${tenantId}/members`)}`);
    await page.getByLabel(en.auth.email).fill(email);
    await page.getByLabel(en.auth.password).fill(wrong);
    await page.getByRole("button", { name: en.auth.login }).click();
    await page.getByRole("alert").getByText(en.auth.badCredentials).waitFor();
    expect(await page.getByLabel(en.auth.email).inputValue()).toBe(email);
    await page.getByLabel(en.auth.password).fill(password);
    await page.getByRole("button", { name: en.auth.login }).click();
    await page.waitForURL((url) => url.pathname === `/t/${tenantId}/members`);
    await page.getByText(email).first().waitFor();
    // Submitted by the page's script, not as a page load.
    expect(record.documents.filter((d) => d.method === "POST")).toEqual([]);
    expect(record.requests.flatMap(leaks)).toEqual([]);
    await context.close();
  }, 60_000);

  it("counts sign-in attempts per visitor address when the form is posted without JavaScript", async () => {
    // Behind a trusted proxy the visitor's address comes from X-Forwarded-For; the API must see it, not the
    // web app's own, or one visitor's attempts would lock everyone out.
    const octet = () => 1 + Math.floor(Math.random() * 250);
    const first = await browse({
      javaScriptEnabled: false,
      baseURL: proxied.url,
      headers: { "x-forwarded-for": `203.0.113.${octet()}` },
    });
    const attempt = "wrong-but-long-enough";
    passwords.add(attempt);
    await first.page.goto("/login");
    const messages: string[] = [];
    for (let i = 0; i < 11; i++) {
      await first.page.getByLabel(en.auth.email).fill(`stranger${i}@example.org`);
      await first.page.getByLabel(en.auth.password).fill(attempt);
      const answered = first.page.waitForResponse(
        (r) => r.request().method() === "POST" && r.request().resourceType() === "document",
      );
      await first.page.getByRole("button", { name: en.auth.login }).click();
      await answered;
      await first.page.waitForLoadState();
      messages.push((await first.page.getByRole("alert").first().textContent()) ?? "");
    }
    // 10 a minute per address (AUTH_RATE_LIMIT_PER_MINUTE).
    expect(messages).toEqual([...Array(10).fill(en.auth.badCredentials), en.auth.tooMany]);
    await first.context.close();

    const second = await browse({
      javaScriptEnabled: false,
      baseURL: proxied.url,
      headers: { "x-forwarded-for": `198.51.100.${octet()}` },
    });
    await second.page.goto("/login");
    await second.page.getByLabel(en.auth.email).fill(email);
    await second.page.getByLabel(en.auth.password).fill(password);
    await second.page.getByRole("button", { name: en.auth.login }).click();
    await second.page.waitForURL(/\/t\/[^/]+$/);
    await second.context.close();
  }, 120_000);
});

describe("security headers", () => {
  it("are on every page, which still hydrates with no policy violation, and no icon or asset is missing", async () => {
    await stack.platform.app.core.db.user.update({ where: { email }, data: { isOperator: true } });
    const { context, page } = await browse();
    const record = records.at(-1) as BrowsingRecord;
    const icons = new Set<string>(["/favicon.ico"]);
    async function visit(path: string): Promise<void> {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      for (const link of await page
        .locator("link[rel~='icon'], link[rel='apple-touch-icon'], link[rel='manifest']")
        .all()) {
        icons.add((await link.getAttribute("href")) ?? "");
      }
    }

    await visit("/signup");
    // Hydrated, and allowed to call the API: the strength hint comes from it as one types.
    await page.getByLabel(en.auth.password).fill("password12");
    await page.getByTestId("password-strength").getByText(en.passwordStrength.problems.too_common).waitFor();
    await visit("/login");
    await page.getByLabel(en.auth.email).fill(email);
    await page.getByLabel(en.auth.password).fill(password);
    await page.getByRole("button", { name: en.auth.login }).click();
    await page.waitForURL(/\/t\/[^/]+$/);
    await visit(`/t/${tenantId}`);
    // The language switcher is a client component: it works only if the page hydrated.
    await page.getByLabel(en.app.language).selectOption("fr");
    await page.locator("html[lang='fr']").waitFor();
    await page.getByLabel(fr.app.language).selectOption("en");
    await page.locator("html[lang='en']").waitFor();
    await visit(`/t/${tenantId}/members`);
    await visit("/join/no-such-invite-token-at-all-000000");
    await page.getByRole("heading", { name: en.join.unknownTitle }).waitFor();
    await visit("/fleet");
    await page.locator("main").waitFor();
    await visit("/no-such-page");
    await context.close();

    const pages = record.documents.map((d) => new URL(d.url).pathname);
    for (const path of ["/signup", "/login", `/t/${tenantId}`, `/t/${tenantId}/members`, "/fleet", "/no-such-page"]) {
      expect(pages).toContain(path);
    }
    expect(record.documents.map((d) => ({ url: d.url, problems: headerProblems(d.headers) }))).toEqual(
      record.documents.map((d) => ({ url: d.url, problems: [] })),
    );
    expect(record.cspReports).toEqual([]);
    expect(record.missing).toEqual([]);

    // The favicon, the icons the pages name and the manifest's own icons all exist.
    icons.delete("");
    expect([...icons].some((href) => href.startsWith("/manifest"))).toBe(true);
    const manifestHref = [...icons].find((href) => href.startsWith("/manifest")) as string;
    const manifest = (await (await fetch(new URL(manifestHref, stack.webUrl))).json()) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      theme_color: string;
      icons: { src: string; sizes: string }[];
    };
    expect(manifest).toMatchObject({ name: en.app.name, start_url: "/", display: "standalone" });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    for (const icon of manifest.icons) icons.add(icon.src);
    for (const href of icons) {
      const res = await fetch(new URL(href, stack.webUrl));
      expect({ href, status: res.status }).toEqual({ href, status: 200 });
      if (!href.startsWith("/manifest")) expect(res.headers.get("content-type")).toMatch(/^image\//);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  }, 120_000);

  it("puts each request's own nonce on every script of the page", async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${stack.webUrl}/login`);
      const csp = directives(res.headers.get("content-security-policy") ?? "");
      const nonce = (csp.get("script-src") ?? []).find((s) => s.startsWith("'nonce-"))?.slice(7, -1) ?? "";
      expect(nonce).not.toBe("");
      nonces.push(nonce);
      const scripts = (await res.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.filter((tag) => !tag.includes(` nonce="${nonce}"`))).toEqual([]);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
    // Static files carry the headers too.
    const icon = await fetch(`${stack.webUrl}/favicon.ico`);
    expect(headerProblems(Object.fromEntries(icon.headers))).toEqual([]);
  });

  it("are enforced: an injected inline handler does not run and the browser reports it", async () => {
    const context = await newContext(stack);
    const record = recordBrowsing(context);
    const page = await context.newPage();
    await page.goto("/login");
    // A string, run in the page (this project's type-check has no DOM types).
    await page.evaluate(`document.body.setAttribute("onclick", "document.title = 'injected'"); document.body.click()`);
    await expect.poll(() => record.cspReports.length).toBeGreaterThan(0);
    expect(await page.title()).not.toBe("injected");
    await context.close();
  });

  it("add HSTS only when a trusted proxy says the visit came over HTTPS", async () => {
    const https = { "x-forwarded-proto": "https" };
    const behindProxy = await fetch(`${proxied.url}/login`, { headers: https });
    expect(behindProxy.headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect(directives(behindProxy.headers.get("content-security-policy") ?? "").has("upgrade-insecure-requests")).toBe(
      true,
    );
    expect(
      (await fetch(`${proxied.url}/favicon.ico`, { headers: https })).headers.get("strict-transport-security"),
    ).toBe("max-age=31536000");
    // Plain HTTP behind the proxy, and anyone's claim where no proxy is trusted, get none.
    const plain = await fetch(`${proxied.url}/login`, { headers: { "x-forwarded-proto": "http" } });
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    const claimed = await fetch(`${stack.webUrl}/login`, { headers: https });
    expect(claimed.headers.get("strict-transport-security")).toBeNull();
    expect(directives(claimed.headers.get("content-security-policy") ?? "").has("upgrade-insecure-requests")).toBe(
      false,
    );
    expect(headerProblems(Object.fromEntries(claimed.headers))).toEqual([]);
  });
});

describe("across the run", () => {
  it("no page lacked the headers, no policy was violated, nothing was missing, no password was in a URL", () => {
    const documents = records.flatMap((r) => r.documents);
    expect(documents.length).toBeGreaterThan(15);
    expect(documents.flatMap((d) => headerProblems(d.headers).map((p) => `${d.url}: ${p}`))).toEqual([]);
    expect(records.flatMap((r) => r.cspReports)).toEqual([]);
    expect(records.flatMap((r) => r.missing)).toEqual([]);
    expect(passwords.size).toBeGreaterThanOrEqual(4);
    expect(records.flatMap((r) => r.requests.flatMap(leaks))).toEqual([]);
  });
});
