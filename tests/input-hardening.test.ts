// Text that no field accepts (NUL and other controls, lone surrogates, non-characters) is refused at the edge with
// a 400 naming the field, before any database or server sees it: these inputs used to answer 500.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstUncleanField, isCleanText } from "../apps/api/src/plugins/strings.ts";
import { checkConnectionCap, fateOfOneMore } from "./helpers/connections.ts";
import { client, type Platform, signupWithToken, startPlatform } from "./helpers/platform.ts";

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({
    inProcessWorker: false,
    // 127.0.0.1 is the trusted proxy here; other loopback addresses stand for clients.
    workerEnv: { API_REQUEST_TIMEOUT_MS: "1500", API_MAX_CONNECTIONS_PER_IP: "5", TRUST_PROXY: "127.0.0.1" },
  });
}, 60_000);

afterAll(async () => {
  await platform?.close();
});

/** Sends a raw JSON text, so that escapes such as \ud800 reach the server exactly as written. */
async function raw(method: "POST" | "PATCH", url: string, json: string, cookie?: string) {
  const res = await platform.app.inject({
    method,
    url,
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    payload: json,
  });
  return { status: res.statusCode, type: String(res.headers["content-type"]), json: JSON.parse(res.body || "{}") };
}

describe("text at the edge", () => {
  it("tells clean text from text no field accepts", () => {
    for (const ok of ["Family", "Famille Dupré", "家族", "Family 🏡", "two\nlines\tand\r\n", ""]) {
      expect(isCleanText(ok), JSON.stringify(ok)).toBe(true);
    }
    for (const bad of [
      "a\u0000b",
      "a\u0007",
      "\u001b[31m",
      "a\u007f",
      "a\ud800b",
      "a\udc00",
      "x\ud83c",
      "\ufdd0",
      "\uffff",
      "\u{1fffe}",
    ]) {
      expect(isCleanText(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(firstUncleanField({ a: "ok", members: ["x@y.z", "x\u0000@y.z"] })).toBe("members[1]");
    expect(firstUncleanField({ nested: { "k\u0000": 1 } })).toBe("nested.k\u0000");
    expect(firstUncleanField({ a: ["fine", { b: "fine" }] })).toBeNull();
  });

  it("answers 400 problem+json naming the field to each reproduction, signed in or not", async () => {
    const anon = client(platform.app);
    const { cookie } = await signupWithToken(platform.app, "edge");
    const user = client(platform.app, { cookie });
    const expect400 = (res: { status: number; json: Record<string, any>; headers?: unknown }, field: string) => {
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(res.json).toMatchObject({ status: 400, code: "validation_failed", errors: [{ field }] });
    };
    expect400(await raw("POST", "/api/v1/auth/login", '{"email":"a\\u0000b@x.org","password":"x"}'), "email");
    expect400(await anon("GET", "/api/v1/public/domains/%00"), "domain");
    expect400(await user("GET", "/api/v1/tenants?cursor=%00"), "cursor");
    expect400(await user("GET", "/api/v1/instances/%00"), "instanceId");
    expect400(await raw("PATCH", "/api/v1/instances/abc", '{"name":"a\\u0000b"}', cookie), "name");
    expect400(await raw("POST", "/api/v1/tenants", '{"name":"a\\ud800b"}', cookie), "name");
    const typed = await raw("POST", "/api/v1/tenants", '{"name":"a\\ud800b"}', cookie);
    expect(typed.type).toContain("application/problem+json");
    // The same requests with clean text go through to the routes.
    expect((await raw("PATCH", "/api/v1/instances/abc", '{"name":"ab"}', cookie)).status).toBe(404);
    const made = await raw("POST", "/api/v1/tenants", '{"name":"Family \\ud83c\\udfe1"}', cookie);
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    expect(made.json.name ?? made.json.tenant?.name).toBe("Family 🏡");
  });
});

describe("names", () => {
  it("trims names, and refuses one that is empty once trimmed, creating nothing", async () => {
    const db = platform.app.core.db;
    const before = { users: await db.user.count(), tenants: await db.tenant.count() };
    const anon = client(platform.app);
    const signup = (name: string, tenantName: string) =>
      anon("POST", "/api/v1/auth/signup", {
        email: "blank@test.example",
        password: "correct horse battery",
        name,
        tenantName,
      });
    for (const [name, tenantName, field] of [
      ["   ", "Family", "name"],
      ["Ann", " \t ", "tenantName"],
    ] as const) {
      const res = await signup(name, tenantName);
      expect(res.status, res.text).toBe(400);
      expect(res.json.errors).toEqual([{ field, message: "is required", code: "required" }]);
    }
    const { cookie } = await signupWithToken(platform.app, "names");
    const blank = await client(platform.app, { cookie })("POST", "/api/v1/tenants", { name: "  " });
    expect(blank.status).toBe(400);
    expect(blank.json.errors).toEqual([{ field: "name", message: "is required", code: "required" }]);
    expect(await db.user.count()).toBe(before.users + 1);
    expect(await db.tenant.count()).toBe(before.tenants + 1);
    const trimmed = await client(platform.app, { cookie })("POST", "/api/v1/tenants", { name: "  The Smiths  " });
    expect(trimmed.status, trimmed.text).toBe(201);
    expect(trimmed.json.name ?? trimmed.json.tenant?.name).toBe("The Smiths");
  });
});

describe("answers and connections", () => {
  it("marks every answer nosniff, and answers that carry a signed-in user's data no-store", async () => {
    const { cookie } = await signupWithToken(platform.app, "headers");
    const mine = await client(platform.app, { cookie })("GET", "/api/v1/me");
    expect(mine.status).toBe(200);
    expect(mine.headers["x-content-type-options"]).toBe("nosniff");
    expect(mine.headers["cache-control"]).toBe("no-store");
    const pub = await client(platform.app)("GET", "/api/v1/platform");
    expect(pub.headers["x-content-type-options"]).toBe("nosniff");
    expect(pub.headers["cache-control"]).toBeUndefined();
    const problem = await client(platform.app)("GET", "/api/v1/nowhere");
    expect(problem.status).toBe(404);
    expect(problem.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("closes a connection whose body is trickled in for longer than the request timeout (1.5 s here)", async () => {
    const address = await platform.app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = new URL(address);
    const socket = net.connect({ host: "127.0.0.1", port: Number(port) });
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    let answer = "";
    socket.on("data", (d: Buffer) => {
      answer += d.toString();
    });
    const closed = new Promise<number>((resolve) => socket.once("close", () => resolve(Date.now())));
    const started = Date.now();
    socket.write(
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{",
    );
    // One byte every 200 ms would take 40 s to finish the body.
    const trickle = setInterval(() => {
      if (!socket.destroyed) socket.write(" ");
    }, 200);
    try {
      const at = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 10_000))]);
      expect(at, "the server kept the connection open").toBeGreaterThan(0);
      expect(at - started).toBeLessThan(6_000);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(answer).toContain("Content-Type: application/problem+json");
    } finally {
      clearInterval(trickle);
      socket.destroy();
    }
  });

  it("caps the open connections of one client address at 5 here, exempting the trusted proxy", async () => {
    if (!platform.app.server.listening) await platform.app.listen({ host: "127.0.0.1", port: 0 });
    const port = (platform.app.server.address() as net.AddressInfo).port;
    await checkConnectionCap(port, async (held) => {
      // A closed connection frees its place.
      held.pop()?.destroy();
      await new Promise((r) => setTimeout(r, 100));
      expect(await fateOfOneMore(port, "127.0.0.9")).toBe("answered");
    });
  });

  it("answers errors raised before any route as problem+json: a path segment too long, headers too large", async () => {
    const long = await platform.app.inject({ method: "GET", url: `/api/v1/instances/${"a".repeat(300)}` });
    expect(long.statusCode).toBe(414);
    expect(long.headers["content-type"]).toContain("application/problem+json");
    expect(JSON.parse(long.body)).toMatchObject({ status: 414, code: "uri_too_long" });

    const address = platform.app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    expect(port).toBeGreaterThan(0);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect({ host: "127.0.0.1", port });
      let text = "";
      socket.on("data", (d: Buffer) => {
        text += d.toString();
      });
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
      socket.write(`GET /api/v1/platform HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(40_000)}\r\n\r\n`);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 431/);
    expect(answer).toContain("Content-Type: application/problem+json");
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toMatchObject({
      status: 431,
      code: "headers_too_large",
    });
  });
});
