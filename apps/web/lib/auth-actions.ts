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
  /** Set when the password was right and a code from the authenticator app (or a recovery code) is awaited. */
  challenge?: string;
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
  } catch (err) {
    if (err instanceof SecondStep) return { ...kept, problem: null, challenge: err.challenge } satisfies AuthFormState;
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
    async () => {
      const result = await api.POST("/api/v1/auth/login", { body: { email, password } });
      // Two-step sign-in: no session yet, the second step asks for a code.
      if (result.response.status === 202 && result.data && "challenge" in result.data) {
        throw new SecondStep(result.data.challenge);
      }
      return result;
    },
    { email, name: "", tenantName: "" },
    text(form, "next"),
  );
}

class SecondStep {
  constructor(readonly challenge: string) {}
}

/** The second step of a sign-in: a code from the authenticator app, or one of the recovery codes. */
export async function signInSecondStep(previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const challenge = text(form, "challenge");
  const code = text(form, "code").replace(/\s+/g, "");
  const api = await serverApi();
  const body = /^\d{6}$/.test(code) ? { challenge, code } : { challenge, recoveryCode: code.trim() };
  const state = await finish(
    () => api.POST("/api/v1/auth/login/second-factor", { body }),
    { email: previous.email, name: "", tenantName: "" },
    text(form, "next"),
  );
  // A wrong code keeps the challenge (it allows a few tries); an expired one sends the person back to the password.
  return { ...state, ...(state.problem?.status === 401 || state.problem?.status === 400 ? { challenge } : {}) };
}

/** "Forgot password": the API answers the same whether or not the address has an account. */
export async function requestPasswordReset(_previous: ResetRequestState, form: FormData): Promise<ResetRequestState> {
  const email = text(form, "email");
  const api = await serverApi();
  try {
    const { error, response } = await api.POST("/api/v1/auth/password-reset", { body: { email } });
    if (!response.ok) {
      const { status, title, detail, code, reason, params, errors } = asProblem(error, response.status);
      return { sent: false, email, problem: { status, title, detail, code, reason, params, errors } };
    }
  } catch {
    return { sent: false, email, problem: { status: 502, code: "api_unreachable" } };
  }
  return { sent: true, email, problem: null };
}

export interface ResetRequestState {
  sent: boolean;
  email: string;
  problem: Problem | null;
}

export interface NewPasswordState {
  done: boolean;
  problem: Problem | null;
}

/** Sets a new password with the link from the email. */
export async function setPasswordWithLink(_previous: NewPasswordState, form: FormData): Promise<NewPasswordState> {
  const token = text(form, "token");
  const password = text(form, "password");
  const api = await serverApi();
  try {
    const { error, response } = await api.POST("/api/v1/auth/password-reset/{token}", {
      params: { path: { token } },
      body: { password },
    });
    if (!response.ok) {
      const { status, title, detail, code, reason, params, errors } = asProblem(error, response.status);
      return { done: false, problem: { status, title, detail, code, reason, params, errors } };
    }
  } catch {
    return { done: false, problem: { status: 502, code: "api_unreachable" } };
  }
  return { done: true, problem: null };
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
