// Every operation of /openapi.json is sent bad input, generated from its own schema (path, query and body), by an
// operator who passes every authorisation check, so that the inputs reach validation and the handlers. No answer
// may be a 5xx, and every error must be problem+json. Seeds are fixed: a failure reproduces.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Platform, signupWithToken, startPlatform } from "./helpers/platform.ts";
import { startSmtpSink } from "./helpers/sinks.ts";

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  const?: unknown;
};
type Parameter = { name: string; in: "path" | "query" | "header" | "cookie"; required?: boolean; schema?: Schema };
type Operation = {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Attempt = { where: "path" | "query" | "body"; what: string; url: string; payload?: string; contentType?: string };

const SEED = 20261202;
const methods: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

let platform: Platform;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let cookie: string;
let tenantId: string;

beforeAll(async () => {
  // A platform as run for people: with an SMTP server, so "forgot password" and the like are offered.
  smtp = await startSmtpSink();
  platform = await startPlatform({ inProcessWorker: false, workerEnv: { MAX_WAIT_SECONDS: "1", SMTP_URL: smtp.url } });
  // No worker runs here, so nothing consumes the jobs; the internal CA a worker creates at its start is made now.
  await platform.workerCtx.ca();
  const owner = await signupWithToken(platform.app, "fuzz");
  await platform.app.core.db.user.update({ where: { email: "fuzz@test.example" }, data: { isOperator: true } });
  cookie = owner.cookie;
  tenantId = owner.tenantId;
}, 120_000);

afterAll(async () => {
  await platform?.close();
  await smtp?.close();
});

/** Path values that must never reach a lookup unchanged: controls, broken UTF-8, traversal, injection, huge. */
const badPathValues = [
  "%00",
  "a%00b",
  "%ED%A0%80", // a lone surrogate, as UTF-8 bytes
  "%EF%BF%BF", // U+FFFF
  "%C0%AF", // overlong UTF-8
  "..%2F..%2Fetc%2Fpasswd",
  "'%20OR%201%3D1--",
  "%F0%9F%8F%A1",
  "x".repeat(300),
  "%E2%80%AE", // right-to-left override
  "%1B%5B31m",
];
/** Query values for a declared parameter. */
const badQueryValues = ["%00", "", "x".repeat(5000), "-1", "1e309", "NaN", "%ED%A0%80", "%5Bobject%5D", "0x10"];
/** Values of the wrong kind or out of bounds for a body property of `schema`. */
function badBodyValues(schema: Schema): unknown[] {
  const values: unknown[] = [null, [], {}, true, 12.5, -1, 1e308, "a\u0000b", "a\ud800b", "\uffff", "   ", ""];
  if (schema.maxLength !== undefined) values.push("x".repeat(schema.maxLength + 1));
  values.push("y".repeat(100_000));
  if (schema.maximum !== undefined) values.push(schema.maximum + 1);
  if (schema.minimum !== undefined) values.push(schema.minimum - 1);
  if (schema.type === "array") values.push(["a\u0000"], new Array(5000).fill("x"), [null, {}, []]);
  return values;
}

/** A plausible value for a property, so that an object fails only where the attempt breaks it. */
function plausible(schema: Schema | undefined, name: string): unknown {
  if (!schema) return "x";
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const alt = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (alt) return plausible(alt, name);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return false;
    case "array":
      return [];
    case "object":
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [key, plausible(schema.properties?.[key], key)] as const),
      );
    default:
      if (/email/i.test(name)) return "someone@example.org";
      if (/url/i.test(name)) return "https://example.org/hook";
      return "fuzz-value".slice(0, Math.max(schema.minLength ?? 1, Math.min(schema.maxLength ?? 10, 10)));
  }
}

function attemptsFor(path: string, op: Operation): Attempt[] {
  const attempts: Attempt[] = [];
  const pathParams = (op.parameters ?? []).filter((p) => p.in === "path");
  const queryParams = (op.parameters ?? []).filter((p) => p.in === "query");
  const bodySchema = op.requestBody?.content?.["application/json"]?.schema;
  const fill = (overrides: Record<string, string> = {}) =>
    path.replace(
      /\{(\w+)\}/g,
      (_, name: string) => overrides[name] ?? (name === "tenantId" ? tenantId : "cfuzz0none0such0id0000000"),
    );
  const validBody = bodySchema ? JSON.stringify(plausible(bodySchema, "")) : undefined;
  const withBody = (a: Omit<Attempt, "payload" | "contentType">): Attempt =>
    validBody ? { ...a, payload: validBody, contentType: "application/json" } : a;

  for (const p of pathParams) {
    for (const v of badPathValues)
      attempts.push(withBody({ where: "path", what: `${p.name}=${v.slice(0, 20)}`, url: fill({ [p.name]: v }) }));
  }
  for (const p of queryParams) {
    for (const v of badQueryValues) {
      attempts.push(withBody({ where: "query", what: `${p.name}=${v.slice(0, 20)}`, url: `${fill()}?${p.name}=${v}` }));
    }
  }
  const generic = ["__proto__%5Bpolluted%5D=1", "constructor=1", "a=%00", "limit=1&limit=2", `x=${"q".repeat(3000)}`];
  for (const q of generic) attempts.push(withBody({ where: "query", what: q.slice(0, 30), url: `${fill()}?${q}` }));

  // Bodies: malformed JSON, wrong top-level kinds and media types even where no body is expected.
  const rawBodies: [string, string, string][] = [
    ["truncated JSON", "{", "application/json"],
    ["array", "[]", "application/json"],
    ["string", '"text"', "application/json"],
    ["null", "null", "application/json"],
    ["number", "1", "application/json"],
    ["deep nesting", `${"[".repeat(5000)}${"]".repeat(5000)}`, "application/json"],
    ["proto pollution", '{"__proto__":{"isOperator":true},"constructor":{"prototype":{"x":1}}}', "application/json"],
    ["plain text", "hello", "text/plain"],
    ["form", "a=1&b=2", "application/x-www-form-urlencoded"],
    ["escaped lone surrogate key", '{"\\ud800":1}', "application/json"],
  ];
  if (!bodySchema) rawBodies.splice(5); // one body of each kind is enough where none is read
  for (const [what, payload, contentType] of rawBodies) {
    attempts.push({ where: "body", what, url: fill(), payload, contentType });
  }
  if (bodySchema?.properties) {
    const base = plausible(bodySchema, "") as Record<string, unknown>;
    for (const [key, schema] of Object.entries(bodySchema.properties)) {
      for (const value of badBodyValues(schema)) {
        attempts.push({
          where: "body",
          what: `${key}=${JSON.stringify(value)?.slice(0, 20)}`,
          url: fill(),
          payload: JSON.stringify({ ...base, [key]: value }),
          contentType: "application/json",
        });
      }
    }
    for (const key of bodySchema.required ?? []) {
      const { [key]: _, ...rest } = base;
      attempts.push({
        where: "body",
        what: `missing ${key}`,
        url: fill(),
        payload: JSON.stringify(rest),
        contentType: "application/json",
      });
    }
    attempts.push({
      where: "body",
      what: "unknown key",
      url: fill(),
      payload: JSON.stringify({ ...base, notAField: 1 }),
      contentType: "application/json",
    });
    // Random objects over the schema's own keys, and random JSON, from fixed seeds.
    const keys = Object.keys(bodySchema.properties);
    const objects = fc.sample(fc.dictionary(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 })), {
      seed: SEED,
      numRuns: 12,
    });
    for (const [i, value] of objects.entries()) {
      attempts.push({
        where: "body",
        what: `generated object ${i}`,
        url: fill(),
        payload: JSON.stringify(value),
        contentType: "application/json",
      });
    }
  }
  const texts = fc.sample(fc.string({ unit: "binary", maxLength: 40 }), { seed: SEED + path.length, numRuns: 8 });
  for (const [i, text] of texts.entries()) {
    const target = pathParams[0]
      ? fill({ [pathParams[0].name]: encodeURIComponent(text) || "%00" })
      : `${fill()}?cursor=${encodeURIComponent(text)}`;
    attempts.push(withBody({ where: pathParams[0] ? "path" : "query", what: `generated text ${i}`, url: target }));
  }
  // Random query strings fill up operations that take little input, so each still gets its share.
  const pairs = fc.sample(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 30 })), {
    seed: SEED + attempts.length,
    numRuns: Math.max(8, 32 - attempts.length),
  });
  for (const [i, [key, value]] of pairs.entries()) {
    const query = `${encodeURIComponent(key) || "k"}=${encodeURIComponent(value)}`;
    attempts.push(withBody({ where: "query", what: `generated query ${i}`, url: `${fill()}?${query}` }));
  }
  return attempts;
}

describe("the reproductions", () => {
  async function raw(method: Method, url: string, payload?: string, auth = true) {
    const res = await platform.app.inject({
      method,
      url,
      headers: {
        ...(auth ? { cookie } : {}),
        ...(payload !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(payload !== undefined ? { payload } : {}),
    });
    return { status: res.statusCode, type: String(res.headers["content-type"]), json: JSON.parse(res.body || "{}") };
  }

  it("refuses each reported input with a 400 naming the field", async () => {
    const cases: [Method, string, string | undefined, boolean, string][] = [
      ["POST", "/api/v1/auth/login", '{"email":"a\\u0000b@x.org","password":"x"}', false, "email"],
      ["GET", "/api/v1/public/domains/%00", undefined, false, "domain"],
      ["GET", "/api/v1/tenants?cursor=%00", undefined, true, "cursor"],
      ["GET", "/api/v1/tenants?cursor=abc%20def", undefined, true, "cursor"],
      ["GET", "/api/v1/instances/%00", undefined, true, "instanceId"],
      ["GET", "/api/v1/instances/not%20an%20id", undefined, true, "instanceId"],
      ["PATCH", "/api/v1/instances/abc", '{"name":"a\\u0000b"}', true, "name"],
      ["POST", "/api/v1/tenants", '{"name":"a\\ud800b"}', true, "name"],
      ["POST", "/api/v1/tenants", '{"name":"   "}', true, "name"],
      ["POST", "/api/v1/tenants", '{"name":"Family","quota":5}', true, "quota"],
      ["GET", "/api/v1/tenants?limit=1e309", undefined, true, "limit"],
    ];
    for (const [method, url, payload, auth, field] of cases) {
      const res = await raw(method, url, payload, auth);
      expect(res.status, `${method} ${url} ${payload}: ${JSON.stringify(res.json)}`).toBe(400);
      expect(res.type).toContain("application/problem+json");
      expect(res.json.errors?.[0]?.field, `${method} ${url}`).toBe(field);
    }
  });

  it("answers Fastify's own refusals as problem+json too: unknown route, body too large, media type", async () => {
    const cases: [Method, string, string | undefined, string | undefined, number][] = [
      ["GET", "/api/v1/no-such-route", undefined, undefined, 404],
      ["POST", "/api/v1/tenants", JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }), "application/json", 413],
      ["POST", "/api/v1/tenants", "<xml/>", "application/xml", 415],
      ["POST", "/api/v1/tenants", '{"name":', "application/json", 400],
    ];
    for (const [method, url, payload, type, status] of cases) {
      const res = await platform.app.inject({
        method,
        url,
        headers: { cookie, ...(type ? { "content-type": type } : {}) },
        ...(payload !== undefined ? { payload } : {}),
      });
      expect(res.statusCode, `${method} ${url} ${type}`).toBe(status);
      expect(String(res.headers["content-type"])).toContain("application/problem+json");
      expect(res.json()).toMatchObject({ status });
    }
  });

  it("answers 404 to an operator naming a tenant that does not exist, storing nothing", async () => {
    const tokens = await platform.app.core.db.apiToken.count();
    const res = await raw("POST", "/api/v1/api-tokens", '{"name":"ops","tenantId":"nosuchtenant"}');
    expect(res.status, JSON.stringify(res.json)).toBe(404);
    expect(res.type).toContain("application/problem+json");
    expect(await platform.app.core.db.apiToken.count()).toBe(tokens);
  });

  it("refuses 90,000 unknown keys in one body, and a NUL in a chat password, creating nothing", async () => {
    const db = platform.app.core.db;
    const tenantsBefore = await db.tenant.count();
    const many = JSON.stringify(
      Object.fromEntries([
        ["name", "Many keys"],
        ...Array.from({ length: 90_000 }, (_, i) => [`k${i.toString(36)}`, 0]),
      ]),
    );
    const res = await raw("POST", "/api/v1/tenants", many);
    expect(res.status, JSON.stringify(res.json).slice(0, 200)).toBe(400);
    expect(res.json.errors?.[0]?.field).toMatch(/^k[0-9a-z]+$/);
    expect(await db.tenant.count()).toBe(tenantsBefore);

    const domain = await db.domain.findFirst({ where: { tenantId } });
    const url = domain ? `/api/v1/domains/${domain.id}/accounts` : `/api/v1/domains/cfuzz0none/accounts`;
    const nul = await raw("POST", url, '{"localpart":"ann","password":"long enough\\u0000password"}');
    expect(nul.status).toBe(400);
    expect(nul.json.errors?.[0]?.field).toBe("password");
    expect(await db.account.count({ where: { localpart: "ann" } })).toBe(0);
  });
});

describe("schema-driven fuzzing of every operation", () => {
  it("answers every bad input without a 5xx, and every error as problem+json", async () => {
    const spec = (await platform.app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<string, Partial<Record<Lowercase<Method>, Operation>>>;
    };
    const failures: string[] = [];
    const rows: { operation: string; attempts: number; statuses: Record<number, number> }[] = [];
    let total = 0;
    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      methods.flatMap((m) => {
        const op = item[m.toLowerCase() as Lowercase<Method>];
        return op ? [{ path, method: m, op }] : [];
      }),
    );
    // Destructive operations go last (signing out very last), so that the operator's session and tenant serve the
    // others first.
    const last = (o: { method: Method; op: Operation }) =>
      Number(o.method === "DELETE") + 2 * Number(o.op.operationId === "logout");
    operations.sort((a, b) => last(a) - last(b));
    for (const { path, method, op } of operations) {
      const attempts = attemptsFor(path, op);
      const statuses: Record<number, number> = {};
      for (const a of attempts) {
        const res = await platform.app.inject({
          method,
          url: a.url,
          headers: { cookie, ...(a.contentType ? { "content-type": a.contentType } : {}) },
          ...(a.payload !== undefined ? { payload: a.payload } : {}),
        });
        total++;
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        const type = String(res.headers["content-type"] ?? "");
        if (res.statusCode >= 500 || (res.statusCode >= 400 && !type.includes("application/problem+json"))) {
          failures.push(
            `${method} ${path} [${a.where}: ${a.what}] -> ${res.statusCode} ${type} ${res.body.slice(0, 200)}`,
          );
        }
      }
      rows.push({ operation: `${op.operationId} (${method} ${path})`, attempts: attempts.length, statuses });
      expect(attempts.length, `${op.operationId} gets at least 30 bad inputs`).toBeGreaterThanOrEqual(30);
    }
    const byStatus: Record<number, number> = {};
    for (const r of rows)
      for (const [s, n] of Object.entries(r.statuses)) byStatus[Number(s)] = (byStatus[Number(s)] ?? 0) + n;
    console.log(
      [
        `fuzzing: ${rows.length} operations, ${total} requests, seed ${SEED}`,
        `statuses: ${Object.entries(byStatus)
          .map(([s, n]) => `${s}×${n}`)
          .join(" ")}`,
        `5xx or non-problem errors: ${failures.length}`,
        ...rows.map((r) => `  ${r.attempts.toString().padStart(4)}  ${r.operation}`),
      ].join("\n"),
    );
    expect(rows.length).toBeGreaterThanOrEqual(70);
    expect(failures).toEqual([]);
  }, 600_000);
});
