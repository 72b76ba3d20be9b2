"use server";
import { asProblem, type Problem } from "./api/problem";
import { serverApi } from "./api/server";

/** What the reset form shows after a submission: the problem (never the password), or the address it is done for. */
export interface ResetFormState {
  problem: Problem | null;
  done: { jid: string; ready: boolean } | null;
}

/**
 * Sets a chat account's new password through a reset link, from this server: the form works before and without
 * JavaScript, and the password only travels in a POST body. The API is called with the visitor's X-Forwarded-For
 * (lib/api/server.ts), so its per-address limit counts the visitor.
 */
export async function resetChatPassword(_previous: ResetFormState, form: FormData): Promise<ResetFormState> {
  const token = form.get("token");
  const password = form.get("password");
  const api = await serverApi();
  let result: { data?: { jid: string }; error?: unknown; response: Response };
  try {
    result = await api.POST("/api/v1/public/reset-links/{token}", {
      params: { path: { token: typeof token === "string" ? token : "" } },
      body: { password: typeof password === "string" ? password : "" },
    });
  } catch {
    return { done: null, problem: { status: 502, code: "api_unreachable" } };
  }
  if (!result.response.ok || !result.data) {
    const { status, title, detail, code, reason, errors } = asProblem(result.error, result.response.status);
    return { done: null, problem: { status, title, detail, code, reason, errors } };
  }
  return { problem: null, done: { jid: result.data.jid, ready: result.response.status === 200 } };
}
