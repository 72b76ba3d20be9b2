"use server";
import { asProblem, type Problem } from "./api/problem";
import { serverApi } from "./api/server";

/** What the join form shows after a submission: the problem and the name typed (never the password), or the account. */
export interface JoinFormState {
  problem: Problem | null;
  username: string;
  /** `statusPath`: a sign-up waiting for approval, followed on that page; no account yet. */
  done: { jid: string; rooms: string[]; ready: boolean; statusPath?: string } | null;
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/**
 * Creates a chat account from an invite or on an open domain, from this server: the form then works before and
 * without JavaScript, which a phone on a slow network often has not loaded yet. The API is called with the
 * visitor's X-Forwarded-For (lib/api/server.ts), so its per-address registration limits count the visitor.
 */
export async function joinChat(_previous: JoinFormState, form: FormData): Promise<JoinFormState> {
  // Chat addresses are case-insensitive; the form lowers what is typed, and so does this, for forms sent without it.
  const username = text(form, "username").trim().toLowerCase();
  const body = { username, password: text(form, "password") };
  const api = await serverApi();
  if (text(form, "kind") === "signup") return askToJoin(api, username, body, form);
  let result: { data?: { jid: string; rooms?: string[] }; error?: unknown; response: Response };
  try {
    result =
      text(form, "kind") === "invite"
        ? await api.POST("/api/v1/public/invites/{token}/register", {
            params: { path: { token: text(form, "token") } },
            body,
          })
        : await api.POST("/api/v1/public/domains/{domain}/register", {
            params: { path: { domain: text(form, "domain") } },
            body,
          });
  } catch {
    return { username, done: null, problem: { status: 502, code: "api_unreachable" } };
  }
  if (!result.response.ok || !result.data) {
    const { status, title, detail, code, errors } = asProblem(result.error, result.response.status);
    return { username, done: null, problem: { status, title, detail, code, errors } };
  }
  return {
    username,
    problem: null,
    done: { jid: result.data.jid, rooms: result.data.rooms ?? [], ready: result.response.status === 201 },
  };
}

/** A sign-up on a domain whose admins approve each one: nothing to sign in to yet, a page to follow it instead. */
async function askToJoin(
  api: Awaited<ReturnType<typeof serverApi>>,
  username: string,
  body: { username: string; password: string },
  form: FormData,
): Promise<JoinFormState> {
  const email = text(form, "email").trim();
  let result: { data?: { jid: string; token: string }; error?: unknown; response: Response };
  try {
    result = await api.POST("/api/v1/public/domains/{domain}/signups", {
      params: { path: { domain: text(form, "domain") } },
      body: { ...body, ...(email ? { email } : {}) },
    });
  } catch {
    return { username, done: null, problem: { status: 502, code: "api_unreachable" } };
  }
  if (!result.response.ok || !result.data) {
    const { status, title, detail, code, errors } = asProblem(result.error, result.response.status);
    return { username, done: null, problem: { status, title, detail, code, errors } };
  }
  return {
    username,
    problem: null,
    done: { jid: result.data.jid, rooms: [], ready: false, statusPath: `/register/status/${result.data.token}` },
  };
}
