import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, signup, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";

let platform: Platform;

beforeAll(async () => {
  // A short delay step keeps the per-account throttle's growing delays quick here.
  platform = await startPlatform({ inProcessWorker: false, workerEnv: { AUTH_FAILURE_DELAY_MS: "20" } });
});

afterAll(async () => {
  await platform?.close();
});

describe("auth", () => {
  it("stores only hashes of passwords, sessions and API tokens", async () => {
    const { token, cookie } = await signupWithToken(platform.app, "hashes");
    const db = platform.app.core.db;
    const user = await db.user.findUniqueOrThrow({ where: { email: "hashes@test.example" } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const tokens = await db.apiToken.findMany();
    expect(JSON.stringify(tokens)).not.toContain(token);
    const sessions = await db.session.findMany();
    expect(JSON.stringify(sessions)).not.toContain(cookie.split("=")[1]);
  });

  it("logs in with a session cookie that is HttpOnly, and logs out", async () => {
    const anon = client(platform.app);
    const login = await anon("POST", "/api/v1/auth/login", {
      email: "hashes@test.example",
      password: "correct horse battery",
    });
    expect(login.status).toBe(200);
    const setCookie = String(login.headers["set-cookie"]);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(";")[0] ?? "";
    const me = await client(platform.app, { cookie })("GET", "/api/v1/me");
    expect(me.json.email).toBe("hashes@test.example");
    expect((await client(platform.app, { cookie })("POST", "/api/v1/auth/logout")).status).toBe(204);
    expect((await client(platform.app, { cookie })("GET", "/api/v1/me")).status).toBe(401);
  });

  it("lists a tenant's API tokens without their values, and revokes one at once", async () => {
    const owner = await signupWithToken(platform.app, "tokens");
    const other = await signupWithToken(platform.app, "tokens-other");
    const asOwner = client(platform.app, { cookie: owner.cookie });
    const extra = await asOwner("POST", "/api/v1/api-tokens", { name: "backup script", tenantId: owner.tenantId });
    expect(extra.status).toBe(201);

    const list = await asOwner("GET", `/api/v1/tenants/${owner.tenantId}/api-tokens`);
    expect(list.status).toBe(200);
    expect(list.json.items.map((t: { name: string }) => t.name).sort()).toEqual(["backup script", "test"]);
    expect(list.text).not.toContain(extra.json.token);
    expect(list.text).not.toContain(owner.token);

    // Another tenant can neither see nor revoke it.
    expect((await other.call("GET", `/api/v1/tenants/${owner.tenantId}/api-tokens`)).status).toBe(404);
    expect((await other.call("DELETE", `/api/v1/api-tokens/${extra.json.id}`)).status).toBe(404);

    const asExtra = client(platform.app, { token: extra.json.token });
    expect((await asExtra("GET", "/api/v1/me")).status).toBe(200);
    expect((await asOwner("DELETE", `/api/v1/api-tokens/${extra.json.id}`)).status).toBe(204);
    expect((await asExtra("GET", "/api/v1/me")).status).toBe(401);
    expect((await asOwner("GET", `/api/v1/tenants/${owner.tenantId}/api-tokens`)).json.items).toHaveLength(1);
  });

  it("refuses a wrong password and an unknown token", async () => {
    const wrong = await client(platform.app)("POST", "/api/v1/auth/login", {
      email: "hashes@test.example",
      password: "wrong password!",
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers["content-type"]).toContain("application/problem+json");
    const bad = await client(platform.app, { token: "xht_not-a-token" })("GET", "/api/v1/me");
    expect(bad.status).toBe(401);
  });

  it("refuses a duplicate signup naming the email field", async () => {
    const res = await signup(platform.app, "HASHES@test.example", "another long password", "x", "y");
    expect(res.status).toBe(409);
    expect(res.json.errors).toEqual([{ field: "email", message: "is already registered", code: "taken" }]);
  });

  it("rate-limits login attempts per IP", async () => {
    const anon = client(platform.app);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await anon("POST", "/api/v1/auth/login", { email: `nobody-${i}@test.example`, password: "whatever-123" }))
          .status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses).toContain(429);
    const limited = await anon("POST", "/api/v1/auth/login", {
      email: "hashes@test.example",
      password: "correct horse battery",
    });
    expect(limited.status).toBe(429);
    expect(limited.headers["content-type"]).toContain("application/problem+json");
  });

  it("counts a client by its own address when it is not a trusted proxy, whatever X-Forwarded-For claims", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await platform.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        remoteAddress: "203.0.113.7",
        headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${i}` },
        payload: JSON.stringify({ email: `someone-${i}@test.example`, password: "whatever-123" }),
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
  });

  it("locks an account after 10 failed sign-ins in a row from any address, known or not, and says until when", async () => {
    await signupWithToken(platform.app, "locked");
    const attempt = (email: string, password: string, i: number) =>
      platform.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        // From the web app (a trusted loopback proxy) on behalf of a different visitor each time: the per-IP limit
        // never sees the same address twice, so only the per-account throttle can stop this.
        remoteAddress: "127.0.0.1",
        headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${i}` },
        payload: JSON.stringify({ email, password }),
      });
    for (const email of ["locked@test.example", "ghost@test.example"]) {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await attempt(email, "wrong-password-1", i)).statusCode);
      expect(statuses.slice(0, 9)).toEqual(Array(9).fill(401));
      // Locked by the 10th attempt, the same way whether the account exists or not.
      expect(statuses.slice(9)).toEqual([429, 429, 429]);
    }
    const right = await attempt("locked@test.example", "correct horse battery", 99);
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(right.body).code).toBe("rate_limited");
    // Another account is not affected.
    expect((await attempt("hashes@test.example", "correct horse battery", 100)).statusCode).toBe(200);
  });
});
