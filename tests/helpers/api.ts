// Talking to the API as its users do: a JSON client over app.inject, signing up and signing in.
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";

/** A tiny HTTP client over app.inject that speaks JSON and carries a bearer token or cookie. */
export function client(app: FastifyInstance, auth: { token?: string; cookie?: string } = {}) {
  return async function call(method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", url: string, body?: unknown) {
    const res = await app.inject({
      method,
      url,
      headers: {
        ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
        ...(auth.cookie ? { cookie: auth.cookie } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    const isJson = String(res.headers["content-type"] ?? "").includes("json");
    const json = isJson && res.body ? (JSON.parse(res.body) as Record<string, any>) : {};
    return { status: res.statusCode, json, headers: res.headers, text: res.body };
  };
}
export type Call = ReturnType<typeof client>;

/** The session cookie (`name=value`) an answer sets, or "". */
export function cookieOf(res: { headers: Record<string, unknown> }): string {
  const setCookie = res.headers["set-cookie"] as string | string[] | undefined;
  return (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(";")[0] ?? "";
}

/** The signup form sent by a visitor with no session; a field given as undefined is left out of the body. */
export function signup(
  app: FastifyInstance,
  email: string | undefined,
  password: string,
  name: string,
  tenantName: string,
) {
  return client(app)("POST", "/api/v1/auth/signup", { email, password, name, tenantName });
}

/** Signs in as a visitor with no session; the answer carries the session cookie on success (see cookieOf). */
export function signIn(app: FastifyInstance, email: string, password = "correct horse battery") {
  return client(app)("POST", "/api/v1/auth/login", { email, password });
}

/** Signs up a user with a tenant and returns an admin API token for it. */
export async function signupWithToken(app: FastifyInstance, who: string) {
  const res = await signup(app, `${who}@test.example`, "correct horse battery", who, `${who}'s family`);
  if (res.status !== 201) throw new Error(`signup failed: ${res.text}`);
  const cookie = cookieOf(res);
  const tenantId = res.json.tenant.id as string;
  const tok = await client(app, { cookie })("POST", "/api/v1/api-tokens", { name: "test", tenantId });
  if (tok.status !== 201) throw new Error(`token failed: ${tok.text}`);
  return { tenantId, cookie, token: tok.json.token as string, call: client(app, { token: tok.json.token }) };
}

/**
 * Asks every route as `call` and expects each to answer 404 with a problem document; the routes that answer anything
 * else are listed together in one failure.
 */
export async function expectNotFoundOnEach(
  call: Call,
  routes: [method: string, url: string, body?: unknown][],
): Promise<void> {
  const failures: string[] = [];
  for (const [method, url, body] of routes) {
    const res = await call(method as "GET", url, body);
    if (res.status !== 404) failures.push(`${method} ${url} -> ${res.status}`);
    else expect(res.headers["content-type"]).toContain("application/problem+json");
  }
  expect(failures).toEqual([]);
}

/** A chat server with these domains on it, each created and live (anything else fails the test); their ids. */
export async function serverWithDomains(
  call: Call,
  tenantId: string,
  name: string,
  domains: { name: string; registration: "closed" | "invite" | "open" }[],
): Promise<{ instanceId: string; domainIds: string[] }> {
  const instance = await call("POST", `/api/v1/tenants/${tenantId}/instances?wait=30`, { name });
  expect(instance.status, instance.text).toBe(201);
  const domainIds: string[] = [];
  for (const domain of domains) {
    const created = await call("POST", `/api/v1/instances/${instance.json.instance.id}/domains?wait=30`, domain);
    expect(created.status, created.text).toBe(201);
    domainIds.push(created.json.domain.id);
  }
  return { instanceId: instance.json.instance.id, domainIds };
}
