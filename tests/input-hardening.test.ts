// Text that no field accepts (NUL and other controls, lone surrogates, non-characters) is refused at the edge with
// a 400 naming the field, before any database or server sees it: these inputs used to answer 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstUncleanField, isCleanText } from "../apps/api/src/plugins/strings.ts";
import { client, type Platform, signupWithToken, startPlatform } from "./helpers/platform.ts";

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ inProcessWorker: false });
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
