import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, type Platform, signupWithToken, startPlatform } from "./helpers/platform.ts";

/** Refusals carry a code and its values beside the English words, so that the dashboard can translate them. */
let platform: Platform;
let owner: Awaited<ReturnType<typeof signupWithToken>>;

beforeAll(async () => {
  platform = await startPlatform({ workerEnv: { PLATFORM_BASE_DOMAIN: "chat.test", PLATFORM_HOST: "xmpp.chat.test" } });
  owner = await signupWithToken(platform.app, "codes");
}, 60_000);

afterAll(async () => {
  await platform?.close();
});

function fieldOf(json: Record<string, any>, field: string) {
  return (json.errors as { field: string; code?: string; params?: Record<string, unknown>; message: string }[]).find(
    (e) => e.field === field,
  );
}

describe("the API's refusals", () => {
  it("name the reason of a short password and its minimum, keeping the English message", async () => {
    const res = await client(platform.app)("POST", "/api/v1/auth/signup", {
      email: "short@test.example",
      password: "short",
      name: "Short",
      tenantName: "Short family",
    });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe("validation_failed");
    const password = fieldOf(res.json, "password");
    expect(password, res.text).toMatchObject({ code: "too_short", params: { min: 10 } });
    expect(password?.message).toMatch(/10 characters/);
  });

  it("name a weak password's problem from the password rules", async () => {
    const res = await client(platform.app)("POST", "/api/v1/auth/signup", {
      email: "weak@test.example",
      password: "password12",
      name: "Weak",
      tenantName: "Weak family",
    });
    expect(res.status, res.text).toBeGreaterThanOrEqual(400);
    expect(fieldOf(res.json, "password"), res.text).toMatchObject({ code: "too_common" });
  });

  it("name a missing field", async () => {
    const res = await client(platform.app)("POST", "/api/v1/auth/signup", {
      password: "correct horse battery",
      name: "Nobody",
      tenantName: "No family",
    });
    expect(res.status).toBe(400);
    expect(fieldOf(res.json, "email"), res.text).toMatchObject({ code: "required" });
  });

  it("name an over-long name and the limit", async () => {
    const res = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/instances`, { name: "x".repeat(41) });
    expect(res.status).toBe(400);
    expect(fieldOf(res.json, "name"), res.text).toMatchObject({ code: "too_long", params: { max: 40 } });
  });

  it("name an unknown key", async () => {
    const res = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/domains`, { name: "smiths", colour: 1 });
    expect(res.status).toBe(400);
    expect(fieldOf(res.json, "colour"), res.text).toMatchObject({ code: "unknown_field", params: { name: "colour" } });
  });

  it("name a taken email", async () => {
    const res = await client(platform.app)("POST", "/api/v1/auth/signup", {
      email: "codes@test.example",
      password: "correct horse battery",
      name: "Again",
      tenantName: "Again family",
    });
    expect(res.status).toBe(409);
    expect(res.json.code).toBe("conflict");
    expect(fieldOf(res.json, "email"), res.text).toMatchObject({ code: "taken" });
  });

  it("name a reserved free-address name", async () => {
    const res = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/domains`, { name: "admin" });
    expect(res.status).toBe(422);
    expect(fieldOf(res.json, "name"), res.text).toMatchObject({ code: "reserved" });
  });

  it("name control characters refused before any route", async () => {
    const res = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/instances`, { name: "a\u0000b" });
    expect(res.status).toBe(400);
    expect(fieldOf(res.json, "name"), res.text).toMatchObject({ code: "invalid_characters" });
  });
});
