import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { errorCodes, fieldCodes, refusalReasons } from "@xmpp-host/core";
import { alertCodes, alertRules, reasonCodes } from "@xmpp-host/health";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemaFieldCodes, statusCodes } from "../apps/api/src/plugins/errors.ts";
import { asProblem, localizeProblem } from "../apps/web/lib/api/problem.ts";
import { en } from "../apps/web/lib/i18n/en.ts";
import { fr } from "../apps/web/lib/i18n/fr.ts";
import { type Call, client, signup, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";

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

/** A signup by a visitor with no session; a field given as undefined is left out. */
const visitorSignup = (email: string | undefined, password: string, name: string, tenantName: string) => () =>
  signup(platform.app, email, password, name, tenantName);

/** Something the owner's admin token creates in its tenant. */
const ownerCreates = (what: "instances" | "domains", body: Record<string, unknown>) => () =>
  owner.call("POST", `/api/v1/tenants/${owner.tenantId}/${what}`, body);

interface FieldRefusal {
  title: string;
  send: () => ReturnType<Call>;
  /** The status, or "any" for any refusal (400 and above). */
  status: number | "any";
  /** The problem's code, when the case checks it. */
  code?: string;
  field: string;
  /** What the refusal of `field` carries. */
  refusal: Record<string, unknown>;
  /** What its English message says, when the case checks it. */
  message?: RegExp;
}

const fieldRefusals: FieldRefusal[] = [
  {
    title: "name the reason of a short password and its minimum, keeping the English message",
    send: visitorSignup("short@test.example", "short", "Short", "Short family"),
    status: 400,
    code: "validation_failed",
    field: "password",
    refusal: { code: "too_short", params: { min: 10 } },
    message: /10 characters/,
  },
  {
    title: "name a weak password's problem from the password rules",
    send: visitorSignup("weak@test.example", "password12", "Weak", "Weak family"),
    status: "any",
    field: "password",
    refusal: { code: "too_common" },
  },
  {
    title: "name a missing field",
    send: visitorSignup(undefined, "correct horse battery", "Nobody", "No family"),
    status: 400,
    field: "email",
    refusal: { code: "required" },
  },
  {
    title: "name an over-long name and the limit",
    send: ownerCreates("instances", { name: "x".repeat(41) }),
    status: 400,
    field: "name",
    refusal: { code: "too_long", params: { max: 40 } },
  },
  {
    title: "name an unknown key",
    send: ownerCreates("domains", { name: "smiths", colour: 1 }),
    status: 400,
    field: "colour",
    refusal: { code: "unknown_field", params: { name: "colour" } },
  },
  {
    title: "name a taken email",
    send: visitorSignup("codes@test.example", "correct horse battery", "Again", "Again family"),
    status: 409,
    code: "conflict",
    field: "email",
    refusal: { code: "taken" },
  },
  {
    title: "name a reserved free-address name",
    send: ownerCreates("domains", { name: "admin" }),
    status: 422,
    field: "name",
    refusal: { code: "reserved" },
  },
  {
    title: "name control characters refused before any route",
    send: ownerCreates("instances", { name: "a\u0000b" }),
    status: 400,
    field: "name",
    refusal: { code: "invalid_characters" },
  },
];

describe("the API's refusals", () => {
  for (const { title, send, status, code, field, refusal, message } of fieldRefusals) {
    it(title, async () => {
      const res = await send();
      if (status === "any") expect(res.status, res.text).toBeGreaterThanOrEqual(400);
      else expect(res.status, res.text).toBe(status);
      if (code) expect(res.json.code).toBe(code);
      const named = fieldOf(res.json, field);
      expect(named, res.text).toMatchObject(refusal);
      if (message) expect(named?.message).toMatch(message);
    });
  }
});

describe("refusals that name no field", () => {
  it("say which role a change needs, beside the generic code", async () => {
    const viewer = await client(platform.app, { cookie: owner.cookie })("POST", "/api/v1/api-tokens", {
      name: "read only",
      tenantId: owner.tenantId,
      role: "viewer",
    });
    expect(viewer.status, viewer.text).toBe(201);
    const res = await client(platform.app, { token: viewer.json.token })(
      "POST",
      `/api/v1/tenants/${owner.tenantId}/instances`,
      { name: "not mine to make" },
    );
    expect(res.status).toBe(403);
    expect(res.json, res.text).toMatchObject({ code: "forbidden", reason: "needs_admin" });
    // The dashboard says it in French from the reason, not with the API's English detail.
    expect(localizeProblem(asProblem(res.json, res.status), fr, "fr").detail).toBe(
      "Il faut le rôle d’administrateur dans cette organisation.",
    );
  });

  it("say that the support view is read only", async () => {
    const ops = await signupWithToken(platform.app, "codes-ops");
    await platform.app.core.db.user.update({ where: { email: "codes-ops@test.example" }, data: { isOperator: true } });
    const res = await client(platform.app, { cookie: ops.cookie })(
      "POST",
      `/api/v1/tenants/${owner.tenantId}/instances`,
      { name: "support" },
    );
    expect(res.status).toBe(403);
    expect(res.json, res.text).toMatchObject({ code: "forbidden", reason: "support_view_read_only" });
  });

  it("say that a backup cannot be downloaded before it is complete, and that downloads are the owners'", async () => {
    const created = await owner.call("POST", `/api/v1/tenants/${owner.tenantId}/instances`, { name: "codes" });
    expect(created.status, created.text).toBe(202);
    const backup = await platform.app.core.db.backup.create({
      data: {
        tenantId: owner.tenantId,
        instanceId: created.json.instance.id as string,
        status: "failed",
        store: "local",
      },
    });
    // The token is an admin's; downloads need the owner.
    const byAdmin = await owner.call("GET", `/api/v1/backups/${backup.id}/download`);
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.json, byAdmin.text).toMatchObject({ code: "forbidden", reason: "needs_owner" });
    const byOwner = await client(platform.app, { cookie: owner.cookie })(
      "GET",
      `/api/v1/backups/${backup.id}/download`,
    );
    expect(byOwner.status).toBe(409);
    expect(byOwner.json, byOwner.text).toMatchObject({ code: "conflict", reason: "backup_not_ready" });
  });

  it("carry a code of the same vocabulary when Fastify refuses before any route", async () => {
    const res = await platform.app.inject({
      method: "POST",
      url: `/api/v1/tenants/${owner.tenantId}/instances`,
      headers: { authorization: `Bearer ${owner.token}`, "content-type": "text/csv" },
      payload: "name\nx",
    });
    expect(res.statusCode).toBe(415);
    expect(JSON.parse(res.body)).toMatchObject({ status: 415, code: "unsupported_media_type" });
  });
});

/** Where the dashboard words each kind of code, in both languages. */
const tables = {
  codes: [en.problems.codes, fr.problems.codes],
  reasons: [en.problems.reasons, fr.problems.reasons],
  fields: [en.problems.fields, fr.problems.fields],
  health: [en.alerts.reasons, fr.alerts.reasons],
  alerts: [en.alerts.messages, fr.alerts.messages],
  rules: [en.alerts.rules, fr.alerts.rules],
} as const;

/** The codes of `kind` that either dictionary cannot word, or words the same as English, or with other values. */
function unworded(kind: keyof typeof tables, codes: Iterable<string>): string[] {
  const [english, french] = tables[kind] as readonly [Record<string, string>, Record<string, string>];
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((p) => p[1]).sort();
  return [...new Set(codes)].filter((code) => {
    const [a, b] = [english[code], french[code]];
    return !a || !b || a === b || placeholders(a).join() !== placeholders(b).join();
  });
}

const ROOT = path.resolve(import.meta.dirname, "..");
const CODE = /^[a-z]+(?:_[a-z0-9]+)*$/;

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mjs)$/.test(e.name) && !/generated|node_modules/.test(e.parentPath))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** The string literals an expression can evaluate to (a literal, a conditional, a fallback). */
function literals(node: ts.Node | undefined): string[] {
  if (!node) return [];
  if (ts.isStringLiteralLike(node)) return [node.text];
  if (ts.isConditionalExpression(node)) return [...literals(node.whenTrue), ...literals(node.whenFalse)];
  if (ts.isBinaryExpression(node)) return [...literals(node.left), ...literals(node.right)];
  if (ts.isParenthesizedExpression(node)) return literals(node.expression);
  return [];
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === name) return p.initializer;
  }
  return undefined;
}

/** Field refusals written out ({ field, message, code }), in an array or an object's `fields`. */
function fieldCodesIn(node: ts.Node | undefined): string[] {
  if (!node) return [];
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.flatMap((e) => (ts.isObjectLiteralExpression(e) ? literals(property(e, "code")) : []));
  }
  if (ts.isObjectLiteralExpression(node)) return fieldCodesIn(property(node, "fields") ?? property(node, "errors"));
  return [];
}

/**
 * Every code the sources can answer with, read from their syntax: AppError's code, reason and field codes, the
 * problem documents written by hand ({ status, code, reason, errors }), and the web server's own refusals.
 */
function codesInSources(files: string[]) {
  const found = { codes: [] as string[], reasons: [] as string[], fields: [] as string[] };
  for (const file of files) {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && node.expression.getText() === "AppError") {
        const [code, , details] = node.arguments ?? [];
        found.codes.push(...literals(code));
        if (details && ts.isObjectLiteralExpression(details))
          found.reasons.push(...literals(property(details, "reason")));
        found.fields.push(...fieldCodesIn(details));
      } else if (ts.isCallExpression(node)) {
        const callee = node.expression.getText();
        if (callee === "AppError.field" || callee === "AppError.unprocessable") {
          found.fields.push(...literals(node.arguments[2]));
        } else if (callee === "problemBody" || (file.endsWith(".mjs") && /^(refuse|fail|problem)$/.test(callee))) {
          // The code is the last literal that reads like one (the others are statuses and English details).
          const codes = node.arguments.flatMap((a) => literals(a)).filter((s) => CODE.test(s));
          if (codes.length) found.codes.push(codes[codes.length - 1] as string);
        }
      } else if (ts.isObjectLiteralExpression(node) && property(node, "status") && property(node, "code")) {
        found.codes.push(...literals(property(node, "code")));
        found.reasons.push(...literals(property(node, "reason")));
        found.fields.push(...fieldCodesIn(node));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe("every code the API can answer", () => {
  const files = [
    ...sources("packages/core/src"),
    ...sources("apps/api/src"),
    "apps/web/api-proxy.mjs",
    "apps/web/lib/auth-actions.ts",
  ];
  const found = codesInSources(files);

  it("is found in the sources by the scan", () => {
    expect(found.codes).toEqual(expect.arrayContaining(["conflict", "forbidden", "unauthorized", "bad_gateway"]));
    expect(found.reasons).toEqual(expect.arrayContaining(["needs_admin", "backup_not_ready", "token_invalid"]));
    expect(found.fields).toEqual(expect.arrayContaining(["taken", "quota_reached", "invalid_jid"]));
  });

  it("has words in English and in French in the dashboard", () => {
    expect(unworded("codes", [...errorCodes, ...Object.values(statusCodes), ...found.codes])).toEqual([]);
    expect(unworded("reasons", [...refusalReasons, ...found.reasons])).toEqual([]);
    expect(unworded("fields", [...fieldCodes, ...schemaFieldCodes, ...found.fields])).toEqual([]);
  });

  it("of health and alerts has words in English and in French in the dashboard", () => {
    expect(unworded("health", reasonCodes)).toEqual([]);
    expect(unworded("alerts", alertCodes)).toEqual([]);
    expect(unworded("rules", alertRules)).toEqual([]);
  });

  it("fails for a code the dictionaries lack", () => {
    expect(unworded("codes", ["no_such_code"])).toEqual(["no_such_code"]);
    expect(unworded("reasons", ["needs_admin"])).toEqual([]);
  });
});
