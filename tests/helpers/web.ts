import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { repoRoot } from "@xmpp-host/config";
import { freePorts } from "@xmpp-host/runtime/testing";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { type Platform, startPlatform } from "./platform.ts";

/** Screenshots of every page the browser tests visit; kept as test artefacts, never committed. */
export const artefactsDir = path.join(repoRoot, "test-artifacts", "screenshots");

export interface WebStack {
  platform: Platform;
  apiUrl: string;
  webUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
      last = res.status;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms: ${String(last)}`);
}

/**
 * The web app's own server (apps/web/server.mjs) serving the production build on 127.0.0.1:`port`, with `/api/*`
 * forwarded to `apiUrl`. `env` adds or overrides variables (WEB_TRUSTED_PROXIES, WEB_API_BODY_LIMIT_BYTES...).
 */
export function spawnWebServer(opts: { port: number; apiUrl: string; env?: Record<string, string> }): ChildProcess {
  const webDir = path.join(repoRoot, "apps/web");
  if (!existsSync(path.join(webDir, process.env.WEB_DIST_DIR || ".next", "BUILD_ID"))) {
    throw new Error("apps/web is not built: npm test builds it first (npm run build -w @xmpp-host/web)");
  }
  const web = spawn(process.execPath, [path.join(webDir, "server.mjs")], {
    cwd: webDir,
    env: {
      ...process.env,
      API_URL: opts.apiUrl,
      WEB_PORT: String(opts.port),
      WEB_HOST: "127.0.0.1",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  web.stdout?.on("data", () => undefined);
  web.stderr?.on("data", (d: Buffer) => process.stderr.write(`[web] ${d}`));
  return web;
}

/**
 * The whole product as a person meets it: the API listening on a real port with its worker, the built
 * Next.js app in production mode behind its own server in front of it, and Chromium.
 */
export async function startWebStack(
  opts: { workerEnv?: Record<string, string>; webEnv?: Record<string, string> } = {},
): Promise<WebStack> {
  if (!existsSync(path.join(repoRoot, "apps/web", process.env.WEB_DIST_DIR || ".next", "BUILD_ID"))) {
    throw new Error("apps/web is not built: npm test builds it first (npm run build -w @xmpp-host/web)");
  }
  const [webPort] = await freePorts(1);
  const webUrl = `http://127.0.0.1:${webPort}`;
  const platform = await startPlatform({
    workerEnv: { WEB_PUBLIC_URL: webUrl, ...opts.workerEnv },
  });
  await platform.app.listen({ port: 0, host: "127.0.0.1" });
  const apiUrl = `http://127.0.0.1:${(platform.app.server.address() as AddressInfo).port}`;

  let web: ChildProcess | null = null;
  let browser: Browser | null = null;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    web?.kill("SIGTERM");
    await platform.close();
  };
  try {
    web = spawnWebServer({ port: webPort as number, apiUrl, env: opts.webEnv });
    await waitForHttp(`${webUrl}/login`, 60_000);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      headless: true,
      chromiumSandbox: false,
      // Playwright gives each launch a fresh profile directory of its own.
      args: [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  } catch (error) {
    await stop();
    throw error;
  }
  mkdirSync(artefactsDir, { recursive: true });

  return {
    platform,
    apiUrl,
    webUrl,
    browser,
    close: stop,
  };
}

export async function newContext(
  stack: WebStack,
  opts: {
    locale?: string;
    phone?: boolean;
    javaScriptEnabled?: boolean;
    /** Another web server than the stack's own (one behind a trusted proxy, say). */
    baseURL?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<BrowserContext> {
  return stack.browser.newContext({
    baseURL: opts.baseURL ?? stack.webUrl,
    locale: opts.locale ?? "en-GB",
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    extraHTTPHeaders: { "accept-language": opts.locale ?? "en-GB", ...opts.headers },
    ...(opts.phone
      ? {
          viewport: { width: 390, height: 844 },
          isMobile: true,
          hasTouch: true,
          userAgent:
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36",
        }
      : {}),
  });
}

/** A new page of the stack's web app, signed in with a session cookie (`name=value`). */
export async function signedInPage(
  stack: WebStack,
  cookie: string,
  opts: { locale?: string; phone?: boolean } = {},
): Promise<Page> {
  const context = await newContext(stack, { locale: opts.locale ?? "en-GB", phone: opts.phone ?? false });
  const [name, value] = cookie.split("=");
  await context.addCookies([{ name: name ?? "", value: value ?? "", url: stack.webUrl }]);
  return context.newPage();
}

export interface BrowsingRecord {
  /** Every URL the browser asked for, subresources and form posts included. */
  requests: string[];
  /** Each page loaded (the main frame's documents): its method, URL, status and response headers. */
  documents: { method: string; url: string; status: number; headers: Record<string, string> }[];
  /** Subresources answered 404 (a missing icon, script or stylesheet). */
  missing: string[];
  /** What the browser logged about its Content Security Policy: each line is a refused script, style or frame. */
  cspReports: string[];
}

/** Records what a browser context does, for tests that assert on every request or page of a run. */
export function recordBrowsing(context: BrowserContext): BrowsingRecord {
  const record: BrowsingRecord = { requests: [], documents: [], missing: [], cspReports: [] };
  context.on("request", (request) => {
    record.requests.push(request.url());
  });
  context.on("response", (response) => {
    const request = response.request();
    const frame = request.frame();
    if (request.resourceType() === "document" && frame.parentFrame() === null) {
      record.documents.push({
        method: request.method(),
        url: response.url(),
        status: response.status(),
        headers: response.headers(),
      });
    } else if (response.status() === 404) {
      record.missing.push(response.url());
    }
  });
  // Chrome logs every refusal of its policy to the console, whether or not the page runs JavaScript.
  context.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
      record.cspReports.push(`${message.location().url}: ${message.text()}`);
    }
  });
  return record;
}

export interface AxeFinding {
  page: string;
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** The policy's directives by name. */
export function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

/** What is wrong with one answer's security headers; empty when nothing is. */
export function headerProblems(headers: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const csp = directives(headers["content-security-policy"] ?? "");
  const scripts = csp.get("script-src") ?? [];
  if (!scripts.some((s) => /^'nonce-[A-Za-z0-9+/_-]{16,}={0,2}'$/.test(s))) problems.push("no nonce in script-src");
  if (scripts.includes("'unsafe-inline'")) problems.push("script-src allows 'unsafe-inline'");
  if (scripts.includes("'unsafe-eval'")) problems.push("script-src allows 'unsafe-eval'");
  if (csp.get("frame-ancestors")?.join(" ") !== "'none'") problems.push("frame-ancestors is not 'none'");
  if (csp.get("object-src")?.join(" ") !== "'none'") problems.push("object-src is not 'none'");
  if (csp.get("connect-src")?.join(" ") !== "'self'") problems.push("connect-src is not 'self'");
  if (headers["x-frame-options"] !== "DENY") problems.push(`x-frame-options: ${headers["x-frame-options"]}`);
  if (headers["x-content-type-options"] !== "nosniff") problems.push("no nosniff");
  if (headers["referrer-policy"] !== "strict-origin-when-cross-origin") {
    problems.push(`referrer-policy: ${headers["referrer-policy"]}`);
  }
  const permissions = (headers["permissions-policy"] ?? "").split(/,\s*/);
  for (const wanted of ["camera=()", "microphone=()", "geolocation=()", "clipboard-write=(self)"]) {
    if (!permissions.includes(wanted)) problems.push(`permissions-policy lacks ${wanted}`);
  }
  return problems;
}

/**
 * Saves a screenshot of the page and returns axe-core's serious and critical findings on it, so a test
 * can gather every page's findings and assert there are none.
 */
export async function inspectPage(page: Page, name: string): Promise<AxeFinding[]> {
  await page.screenshot({ path: path.join(artefactsDir, `${name}.png`), fullPage: true });
  // Every page a browser test looks at carries the security headers (the same address fetched again, with the
  // page's cookies) and, on a phone, fits the screen's width.
  const again = await page.request.get(page.url(), { maxRedirects: 0, failOnStatusCode: false });
  const problems = headerProblems(again.headers());
  if (problems.length) throw new Error(`${name} (${page.url()}): ${problems.join("; ")}`);
  const width = page.viewportSize()?.width ?? 1280;
  if (width <= 400) {
    const { scrollWidth, innerWidth } = (await page.evaluate(
      "({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })",
    )) as { scrollWidth: number; innerWidth: number };
    if (scrollWidth > innerWidth)
      throw new Error(`${name} scrolls sideways on a phone: ${scrollWidth} > ${innerWidth}`);
  }
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  // A page on which axe checked nothing (blank, or axe not injected) must not pass as "no violations".
  if (result.passes.length === 0) throw new Error(`axe-core checked nothing on ${name}`);
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      page: name,
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
}

/**
 * The JavaScript a first visit to `url` downloads, gzipped as a server would send it: every script the
 * page loads until the network is idle, from a cold cache.
 */
export async function firstLoadJs(
  stack: WebStack,
  url: string,
): Promise<{ files: number; rawBytes: number; gzipBytes: number }> {
  const context = await newContext(stack, { phone: true });
  const page = await context.newPage();
  const bodies: Promise<Buffer>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") bodies.push(response.body());
  });
  await page.goto(url, { waitUntil: "networkidle" });
  const scripts = await Promise.all(bodies);
  await context.close();
  return {
    files: scripts.length,
    rawBytes: scripts.reduce((sum, b) => sum + b.length, 0),
    gzipBytes: scripts.reduce((sum, b) => sum + gzipSync(b).length, 0),
  };
}

/** The page fits the phone's width: nothing to scroll sideways. */
export async function expectNoSideways(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = (await page.evaluate(
    "({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })",
  )) as { scrollWidth: number; innerWidth: number };
  expect(innerWidth).toBe(390);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/**
 * Every English text of the dictionary that French says otherwise: whole texts, and the literal pieces between the
 * {placeholders} of templates, long enough and with letters enough not to match French by chance.
 */
function englishOnly(a: unknown, b: unknown, out: Set<string>): Set<string> {
  if (typeof a === "string" && typeof b === "string") {
    if (a === b) return out;
    for (const piece of a.split(/\{\w+\}/)) {
      const text = piece.trim();
      if (text.length > 3 && /[A-Za-z]{3}/.test(text) && !b.includes(text)) out.add(text);
    }
    return out;
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const key of Object.keys(a)) englishOnly((a as never)[key], (b as never)[key], out);
  }
  return out;
}

function dictionaryTexts(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (value && typeof value === "object") for (const v of Object.values(value)) dictionaryTexts(v, out);
  return out;
}

/**
 * Every English text of the dictionary `en` that the French one, `fr`, says otherwise, and that French uses nowhere
 * (a piece French uses too is no sign of English).
 */
export function englishTexts(en: unknown, fr: unknown): string[] {
  const french = dictionaryTexts(fr);
  return [...englishOnly(en, fr, new Set())].filter((s) => !french.some((f) => f.includes(s)));
}

/** The first of `english` (see englishTexts) that `shown` contains as whole words: undefined when it shows none. */
export function englishIn(shown: string, english: string[]): string | undefined {
  return english.find((s) =>
    new RegExp(`(?<![\\p{L}\\p{N}_.-])${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}_-])`, "u").test(
      shown,
    ),
  );
}
