import type { ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { freePorts } from "@xmpp-host/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkConnectionCap } from "./helpers/connections.ts";
import { signupWithToken } from "./helpers/platform.ts";
import { providerFileProblems } from "./helpers/provider-file-schema.ts";
import { spawnWebServer, startWebStack, type WebStack, waitForHttp } from "./helpers/web.ts";

const PASSWORD = "correct horse battery";
const LIMIT = 1024 * 1024;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

/**
 * One HTTP request with node:http, so that a test can choose the address it connects from (any 127.0.0.0/8
 * address is this machine) and stream a body without a length.
 */
function send(
  base: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer | Readable; from?: string } = {},
): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      // The path goes out as written (dot segments included), unlike a URL.
      {
        hostname,
        port,
        path,
        method: opts.method ?? "GET",
        headers: opts.headers,
        localAddress: opts.from,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          let json: any = null;
          try {
            json = JSON.parse(text);
          } catch {}
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on("error", reject);
    if (opts.body instanceof Readable) opts.body.pipe(req);
    else req.end(opts.body);
  });
}

/** A POST of `body` to the login route, as JSON, from the address `opts.from`. */
function postLogin(
  webUrl: string,
  body: string | Buffer | Readable,
  opts: { from: string; forwardedFor?: string },
): Promise<Answer> {
  return send(webUrl, "/api/v1/auth/login", {
    method: "POST",
    from: opts.from,
    headers: {
      "content-type": "application/json",
      ...(opts.forwardedFor ? { "x-forwarded-for": opts.forwardedFor } : {}),
    },
    body,
  });
}

function login(
  webUrl: string,
  credentials: { email: string; password: string },
  opts: { from: string; forwardedFor?: string },
): Promise<Answer> {
  return postLogin(webUrl, JSON.stringify(credentials), opts);
}

/** A login body of exactly `size` bytes: a password padded out to it (far over the API's 1024 characters). */
function loginBodyOfSize(size: number): string {
  const empty = JSON.stringify({ email: "carol@test.example", password: "" });
  return JSON.stringify({ email: "carol@test.example", password: "x".repeat(size - empty.length) });
}

let stack: WebStack;

beforeAll(async () => {
  // A short delay step keeps the per-account throttle's growing delays quick; the limits are the defaults
  // (AUTH_RATE_LIMIT_PER_MINUTE=10 per address, AUTH_LOCK_AFTER_FAILURES=10 per account).
  stack = await startWebStack({ workerEnv: { AUTH_FAILURE_DELAY_MS: "20" } });
  for (const who of ["alice", "bob", "carol"]) await signupWithToken(stack.platform.app, who);
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe("the web app's /api proxy", () => {
  it("counts sign-in attempts against the caller's own address, whatever X-Forwarded-For it sends", async () => {
    const answers: Answer[] = [];
    for (let i = 1; i <= 25; i++) {
      answers.push(
        await login(
          stack.webUrl,
          { email: "alice@test.example", password: `wrong password ${i}` },
          { from: "127.0.0.11", forwardedFor: `203.0.113.${i}` },
        ),
      );
    }
    const statuses = answers.map((a) => a.status);
    // Nine failures; the tenth locks the account; from the eleventh on the address is over its limit.
    expect(statuses).toEqual([...Array(9).fill(401), ...Array(16).fill(429)]);
    // One counter for all 25 attempts, however many addresses they claimed.
    expect(answers.slice(0, 10).map((a) => a.headers["x-ratelimit-remaining"])).toEqual([
      "9",
      "8",
      "7",
      "6",
      "5",
      "4",
      "3",
      "2",
      "1",
      "0",
    ]);
    for (const refused of answers.slice(10)) {
      expect(refused.headers["content-type"]).toContain("application/problem+json");
      expect(refused.json).toMatchObject({ status: 429, code: "rate_limited" });
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    }
  });

  it("limits one address across many accounts and claimed addresses", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 11; i++) {
      const answer = await login(
        stack.webUrl,
        { email: `nobody-${i}@test.example`, password: "wrong password" },
        { from: "127.0.0.12", forwardedFor: `198.51.100.${i}` },
      );
      statuses.push(answer.status);
    }
    // One failure per account locks none of them: only the per-address limit can refuse the eleventh.
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });

  it("keeps a locked account locked from another address, even with the right password", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 10; i++) {
      const answer = await login(
        stack.webUrl,
        { email: "bob@test.example", password: `wrong password ${i}` },
        { from: "127.0.0.13" },
      );
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([...Array(9).fill(401), 429]);

    const locked = await login(
      stack.webUrl,
      { email: "bob@test.example", password: PASSWORD },
      { from: "127.0.0.14", forwardedFor: "192.0.2.77" },
    );
    expect(locked.status).toBe(429);
    expect(locked.json).toMatchObject({ status: 429, code: "rate_limited" });
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    expect(locked.headers["set-cookie"]).toBeUndefined();
    // The new address still has attempts left: it was the account's lock that refused, not the address's limit.
    expect(Number(locked.headers["x-ratelimit-remaining"])).toBeGreaterThan(0);
    const otherAccount = await login(
      stack.webUrl,
      { email: "carol@test.example", password: PASSWORD },
      { from: "127.0.0.14", forwardedFor: "192.0.2.78" },
    );
    expect(otherAccount.status).toBe(200);
  });

  it("passes ordinary requests, cookies and answers through both ways", async () => {
    const signedIn = await login(
      stack.webUrl,
      { email: "carol@test.example", password: PASSWORD },
      { from: "127.0.0.15" },
    );
    expect(signedIn.status).toBe(200);
    expect(signedIn.json.user.email).toBe("carol@test.example");
    const setCookie = signedIn.headers["set-cookie"] ?? [];
    expect(setCookie.join("\n")).toMatch(/xh_session=.*HttpOnly/i);
    const cookie = setCookie[0]?.split(";")[0] ?? "";
    const me = await send(stack.webUrl, "/api/v1/me", { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.json.email).toBe("carol@test.example");
    // Dot segments cannot lead out of /api to the API's other routes.
    const escaped = await send(stack.webUrl, "/api/../openapi.json");
    expect(escaped.status).toBe(404);
    expect(escaped.text).not.toContain('"openapi"');
  });

  it("refuses a 10 MB body itself with 413 problem+json, by its length or while counting", async () => {
    const tenMegabytes = Buffer.alloc(10 * 1024 * 1024, "x");
    const declared = await fetch(`${stack.webUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: tenMegabytes,
    });
    expect(declared.status).toBe(413);
    expect(declared.headers.get("content-type")).toContain("application/problem+json");
    expect(await declared.json()).toMatchObject({
      type: "about:blank",
      title: "Payload too large",
      status: 413,
      code: "payload_too_large",
    });

    // Refused by its Content-Length before the API is asked: the API's per-address limit never counted it.
    const refused = await postLogin(stack.webUrl, tenMegabytes, { from: "127.0.0.16" });
    expect(refused.status).toBe(413);
    const next = await login(stack.webUrl, { email: "carol@test.example", password: PASSWORD }, { from: "127.0.0.16" });
    expect(next.status).toBe(200);
    expect(next.headers["x-ratelimit-remaining"]).toBe("9");

    // No Content-Length: the body is counted as it streams through.
    const chunks = Array.from({ length: 160 }, () => Buffer.alloc(64 * 1024, "x"));
    const streamed = await postLogin(stack.webUrl, Readable.from(chunks), { from: "127.0.0.18" });
    expect(streamed.status).toBe(413);
    expect(streamed.headers["content-type"]).toContain("application/problem+json");
    expect(streamed.json).toMatchObject({ status: 413, code: "payload_too_large" });
  });

  it("passes a body of exactly the limit on to the API, and refuses one byte more", async () => {
    const atLimit = loginBodyOfSize(LIMIT);
    expect(Buffer.byteLength(atLimit)).toBe(LIMIT);
    const reached = await postLogin(stack.webUrl, atLimit, { from: "127.0.0.17" });
    // The API read the whole body and gave its usual answer to a password that is too long.
    expect(reached.status).toBe(400);
    expect(reached.json.code).toBe("validation_failed");
    expect(JSON.stringify(reached.json.errors)).toContain("password");

    const over = await postLogin(stack.webUrl, loginBodyOfSize(LIMIT + 1), { from: "127.0.0.17" });
    expect(over.status).toBe(413);
    expect(over.json).toMatchObject({ status: 413, code: "payload_too_large" });
  });
});

describe("a domain's provider file at /.well-known/xmpp-provider-v2.json", () => {
  it("is served for the domain in the Host header, valid against provider file v2, with the domain's limits", async () => {
    const { call, tenantId } = await signupWithToken(stack.platform.app, "provider");
    const inst = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=30`, { name: "provider" });
    expect(inst.json.operation?.status, inst.text).toBe("succeeded");
    const dom = await call("POST", `/api/v1/instances/${inst.json.instance.id}/domains?wait=30`, {
      name: "providers.example",
    });
    expect(dom.json.operation?.status, dom.text).toBe("succeeded");
    const set = await call("PATCH", `/api/v1/domains/${dom.json.domain.id}/settings?wait=30`, {
      historyRetention: "6m",
      fileRetention: "1w",
      fileQuotaPerDayBytes: 50_000_000,
      websiteUrl: "https://providers.example/about",
    });
    expect(set.json.operation?.status, set.text).toBe("succeeded");

    const file = await send(stack.webUrl, "/.well-known/xmpp-provider-v2.json", {
      headers: { host: "Providers.Example:443" },
    });
    expect(file.status, file.text).toBe(200);
    expect(file.headers["access-control-allow-origin"]).toBe("*");
    expect(providerFileProblems(file.json)).toEqual([]);
    expect(file.json).toMatchObject({
      maximumMessageArchiveManagementStorageTime: 182,
      maximumHttpFileUploadStorageTime: 7,
      // 50 MB a day for 7 days, in the file's decimal megabytes.
      maximumHttpFileUploadTotalSize: 350,
      website: { en: "https://providers.example/about" },
      since: new Date().toISOString().slice(0, 10),
    });

    // History off and files off are "less than a day" and "less than 1 MB", never 0 (which reads "no limit").
    const off = await call("PATCH", `/api/v1/domains/${dom.json.domain.id}/settings?wait=30`, {
      historyEnabled: false,
      filesEnabled: false,
    });
    expect(off.json.operation?.status, off.text).toBe("succeeded");
    const after = await send(stack.webUrl, "/.well-known/xmpp-provider-v2.json", {
      headers: { host: "providers.example" },
    });
    expect(providerFileProblems(after.json)).toEqual([]);
    expect(after.json).toMatchObject({
      maximumMessageArchiveManagementStorageTime: -1,
      maximumHttpFileUploadStorageTime: -1,
      maximumHttpFileUploadTotalSize: -1,
    });

    const unknown = await send(stack.webUrl, "/.well-known/xmpp-provider-v2.json", {
      headers: { host: "nobody.example" },
    });
    expect(unknown.status).toBe(404);
    const notADomain = await send(stack.webUrl, "/.well-known/xmpp-provider-v2.json", {
      headers: { host: "127.0.0.1" },
    });
    expect(notADomain.status).toBe(400);
    expect(notADomain.headers["content-type"]).toContain("application/problem+json");
  });
});

describe("the /api proxy in front of a stand-in API", () => {
  let echo: http.Server;
  let web: ChildProcess | null = null;
  let webUrl: string;

  beforeAll(async () => {
    // Answers with what it was sent, so the headers the proxy passes on can be read; /api/hang never answers.
    echo = http.createServer((req, res) => {
      if (req.url === "/api/hang") return;
      let bodyBytes = 0;
      req.on("data", (c: Buffer) => {
        bodyBytes += c.length;
      });
      req.on("end", () => {
        res.setHeader("set-cookie", ["first=1; Path=/", "second=2; Path=/"]);
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ url: req.url, method: req.method, headers: req.headers, bodyBytes }));
      });
    });
    await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
    const [port] = await freePorts(1);
    webUrl = `http://127.0.0.1:${port}`;
    web = spawnWebServer({
      port: port as number,
      apiUrl: `http://127.0.0.1:${(echo.address() as AddressInfo).port}`,
      env: { WEB_TRUSTED_PROXIES: "127.0.0.1, ::1", WEB_API_TIMEOUT_MS: "1500", WEB_MAX_CONNECTIONS_PER_IP: "5" },
    });
    await waitForHttp(`${webUrl}/api/ready`, 60_000);
  }, 120_000);

  afterAll(async () => {
    web?.kill("SIGTERM");
    echo?.closeAllConnections();
    echo?.close();
  });

  it("appends the peer to X-Forwarded-For only when the peer is a trusted proxy", async () => {
    const fromTrusted = await send(webUrl, "/api/v1/echo?x=1", {
      headers: { "x-forwarded-for": "203.0.113.9" },
      from: "127.0.0.1",
    });
    expect(fromTrusted.status).toBe(200);
    expect(fromTrusted.json.url).toBe("/api/v1/echo?x=1");
    expect(fromTrusted.json.headers["x-forwarded-for"]).toBe("203.0.113.9, 127.0.0.1");

    const fromOther = await send(webUrl, "/api/v1/echo", {
      headers: { "x-forwarded-for": "203.0.113.9" },
      from: "127.0.0.2",
    });
    expect(fromOther.json.headers["x-forwarded-for"]).toBe("127.0.0.2");

    const withoutHeader = await send(webUrl, "/api/v1/echo", { from: "127.0.0.1" });
    expect(withoutHeader.json.headers["x-forwarded-for"]).toBe("127.0.0.1");
  });

  it("passes on only the allowed request headers, the body, and every Set-Cookie", async () => {
    const answer = await send(webUrl, "/api/v1/echo", {
      method: "PUT",
      headers: {
        "content-type": "application/json",
        cookie: "xh_session=abc",
        authorization: "Bearer t",
        "x-real-ip": "203.0.113.10",
        forwarded: "for=203.0.113.11",
        "x-internal": "secret",
      },
      body: JSON.stringify({ hello: "world" }),
    });
    expect(answer.json.method).toBe("PUT");
    expect(answer.json.bodyBytes).toBe(JSON.stringify({ hello: "world" }).length);
    const sent = answer.json.headers;
    expect(sent.cookie).toBe("xh_session=abc");
    expect(sent.authorization).toBe("Bearer t");
    expect(sent["x-real-ip"]).toBeUndefined();
    expect(sent.forwarded).toBeUndefined();
    expect(sent["x-internal"]).toBeUndefined();
    expect(answer.headers["set-cookie"]).toEqual(["first=1; Path=/", "second=2; Path=/"]);
  });

  it("caps the open connections of one visitor address at 5 here, exempting trusted proxies", async () => {
    const port = Number(new URL(webUrl).port);
    await checkConnectionCap(port);
  });

  it("answers 504 problem+json when the API does not answer in time", async () => {
    const started = Date.now();
    const answer = await send(webUrl, "/api/hang");
    expect(answer.status).toBe(504);
    expect(answer.headers["content-type"]).toContain("application/problem+json");
    expect(answer.json).toMatchObject({ status: 504, code: "gateway_timeout" });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("answers 502 problem+json when the API cannot be reached", async () => {
    echo.closeAllConnections();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
    const answer = await send(webUrl, "/api/v1/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(answer.status).toBe(502);
    expect(answer.headers["content-type"]).toContain("application/problem+json");
    expect(answer.json).toMatchObject({ type: "about:blank", title: "Bad gateway", status: 502, code: "bad_gateway" });
  });
});
