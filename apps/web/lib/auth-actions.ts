"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { asProblem, type Problem } from "./api/problem";
import { serverApi } from "./api/server";
import { parseSetCookie } from "./api/set-cookie";

/** What the sign-in and sign-up forms show again after a refusal: the problem and what was typed, never the password. */
export interface AuthFormState {
  problem: Problem | null;
  email: string;
  name: string;
  tenantName: string;
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** Only a path of this site: `//host` and `/\host` are other sites to a browser. */
function localPath(value: string): string {
  return value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/";
}

type AuthResult = { error?: unknown; response: Response };

/**
 * Hands the API's answer on: its session cookie to the browser with the same attributes, then the page asked for;
 * or the form again with the problem. The API is called from here with the visitor's cookie and X-Forwarded-For
 * (lib/api/server.ts), so its per-address limits count the visitor, not this server.
 */
async function finish(call: () => Promise<AuthResult>, kept: Omit<AuthFormState, "problem">, next: string) {
  let result: AuthResult;
  try {
    result = await call();
  } catch {
    return { ...kept, problem: { status: 502, code: "api_unreachable" } } satisfies AuthFormState;
  }
  if (!result.response.ok) {
    const { status, title, detail, code, reason, params, errors } = asProblem(result.error, result.response.status);
    return { ...kept, problem: { status, title, detail, code, reason, params, errors } } satisfies AuthFormState;
  }
  const jar = await cookies();
  for (const header of result.response.headers.getSetCookie()) {
    const cookie = parseSetCookie(header);
    if (cookie) jar.set(cookie);
  }
  redirect(localPath(next));
}

export async function signIn(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = text(form, "email");
  const password = text(form, "password");
  const api = await serverApi();
  return finish(
    () => api.POST("/api/v1/auth/login", { body: { email, password } }),
    { email, name: "", tenantName: "" },
    text(form, "next"),
  );
}

export async function signUp(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const body = {
    email: text(form, "email"),
    password: text(form, "password"),
    name: text(form, "name"),
    tenantName: text(form, "tenantName"),
  };
  const api = await serverApi();
  return finish(
    () => api.POST("/api/v1/auth/signup", { body }),
    { email: body.email, name: body.name, tenantName: body.tenantName },
    text(form, "next"),
  );
}
