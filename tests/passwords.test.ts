// Weak passwords are refused for platform users and for chat accounts, whichever route sets them, and forms can
// show the same verdict as a hint while the password is typed.
import { assessPassword, checkSelfServicePassword } from "@xmpp-host/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, type Platform, signupWithToken, startPlatform } from "./helpers/platform.ts";

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ inProcessWorker: false });
}, 60_000);

afterAll(async () => {
  await platform?.close();
});

describe("platform users", () => {
  it("refuses common passwords and ones made of the user's email or name at sign-up, creating nothing", async () => {
    const anon = client(platform.app);
    const users = await platform.app.core.db.user.count();
    const cases = [
      "aaaaaaaaaa",
      "password12",
      "ann.weaver@example.org",
      "weaver-family-2026",
      "azertyuiop",
      "motdepasse",
      "1234567890",
    ];
    for (const password of cases) {
      const res = await anon("POST", "/api/v1/auth/signup", {
        email: "ann.weaver@example.org",
        password,
        name: "Ann Weaver",
        tenantName: "Weavers",
      });
      expect(res.status, `${password}: ${res.text}`).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json.errors, password).toEqual([
        expect.objectContaining({ field: "password", message: expect.any(String), code: expect.any(String) }),
      ]);
    }
    expect(await platform.app.core.db.user.count()).toBe(users);
    const ok = await anon("POST", "/api/v1/auth/signup", {
      email: "ann.weaver@example.org",
      password: "lantern meadow cobalt",
      name: "Ann Weaver",
      tenantName: "Weavers",
    });
    expect(ok.status, ok.text).toBe(201);
  });
});

describe("chat accounts", () => {
  it("refuses weak passwords and ones SASLprep forbids when an admin creates or resets an account", async () => {
    const owner = await signupWithToken(platform.app, "pwowner");
    const inst = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/instances`, { name: "home" });
    expect(inst.status, inst.text).toBe(202);
    const domain = await owner.call("POST", `/api/v1/instances/${inst.json.instance.id}/domains`, {
      name: "pw.example",
    });
    expect(domain.status, domain.text).toBe(202);
    const domainId = domain.json.domain.id as string;
    const refused: [string, string][] = [
      ["password", "too easy to guess"],
      ["12345678", "too easy to guess"],
      ["nina2026!", "email, name or username"],
      ["pw.example rocks", "email, name or username"],
      ["long enough\u0085phrase", "cannot be used in a chat password"], // a C1 control: SASLprep prohibits it
      ["right\u202eto left words", "cannot be used in a chat password"], // a bidirectional override
    ];
    for (const [password, reason] of refused) {
      const res = await owner.call("POST", `/api/v1/domains/${domainId}/accounts`, { localpart: "nina", password });
      expect(res.status, `${JSON.stringify(password)}: ${res.text}`).toBe(400);
      expect(res.json.errors?.[0]?.field).toBe("password");
      expect(res.json.errors?.[0]?.message).toContain(reason);
    }
    expect(await platform.app.core.db.account.count({ where: { domainId } })).toBe(0);

    const made = await owner.call("POST", `/api/v1/domains/${domainId}/accounts`, {
      localpart: "nina",
      password: "cobalt lantern meadow",
    });
    expect(made.status, made.text).toBe(202);
    const accountId = made.json.account.id as string;
    const reset = await owner.call("POST", `/api/v1/accounts/${accountId}/password`, { password: "nina-nina" });
    expect(reset.status, reset.text).toBe(400);
    expect(reset.json.errors?.[0]).toMatchObject({ field: "password", message: expect.stringContaining("username") });
  });

  it("applies the same rules to people registering through an invite or openly (422, naming the field)", () => {
    for (const [password, reason, code] of [
      ["password1", "too easy to guess", "too_common"],
      ["tomtomtom", "username", "contains_personal_info"],
      ["soleil123", "too easy to guess", "too_common"],
    ] as const) {
      expect(() => checkSelfServicePassword(password, "tom", "family.example"), password).toThrow(
        expect.objectContaining({
          code: "unprocessable",
          fields: [{ field: "password", message: expect.stringContaining(reason), code }],
        }),
      );
    }
    expect(() => checkSelfServicePassword("harbour kite velvet", "tom", "family.example")).not.toThrow();
  });
});

describe("l33t spellings", () => {
  it("refuses common words written with digits and symbols, with the matcher's cost capped", () => {
    const weak = [
      "p@ssw0rd",
      "P@$$w0rd!",
      "s3cr3tp@ss",
      "m0tdep@sse",
      "b0nj0ur123",
      "@dm1n1str@t0r",
      "l3tm31n!!",
      "5up3rm@n",
      "qw3rtyu10p",
      "$0l3il2020",
      "ch0c0l@t",
      "f00tb@ll1",
    ];
    for (const password of weak) {
      expect(assessPassword(password, { minLength: 8 }), password).toMatchObject({ problem: "too_common" });
    }
    expect(assessPassword("v3lvet harb0ur k1te", { minLength: 8 })).toMatchObject({ acceptable: true });
  });
});

describe("the strength hint", () => {
  it("gives forms the verdict the routes apply, with a score from 0 to 4", async () => {
    const anon = client(platform.app);
    const weak = await anon("POST", "/api/v1/auth/password-check", { password: "password12", kind: "platform" });
    expect(weak.status).toBe(200);
    expect(weak.json).toMatchObject({ acceptable: false, problem: "too_common" });
    expect(weak.json.score).toBeLessThan(2);
    const personal = await anon("POST", "/api/v1/auth/password-check", {
      password: "grandma-rose-garden",
      kind: "chat",
      personal: ["rose", "family.example"],
    });
    expect(personal.json).toMatchObject({ acceptable: false, problem: "contains_personal_info" });
    const strong = await anon("POST", "/api/v1/auth/password-check", {
      password: "velvet harbour kite lantern",
      kind: "platform",
    });
    expect(strong.json).toMatchObject({ acceptable: true, problem: null, message: null });
    expect(strong.json.score).toBeGreaterThanOrEqual(3);
    // The hint and the route agree.
    expect(assessPassword("password12", { minLength: 10 }).acceptable).toBe(false);
  });
});
