import { apiUrl } from "../../../lib/api/server";

/**
 * Forwards /api/* to the API at run time, so the browser talks to one origin and the session cookie is
 * first-party. The caller's address is passed on for the API's per-IP rate limits.
 */
async function forward(request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await params;
  const incoming = new URL(request.url);
  const target = `${apiUrl()}/api/${path.map(encodeURIComponent).join("/")}${incoming.search}`;
  const headers = new Headers();
  for (const name of ["accept", "accept-language", "content-type", "cookie", "authorization", "user-agent"]) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const clientIp = request.headers.get("x-forwarded-for") ?? request.headers.get("x-real-ip");
  if (clientIp) headers.set("x-forwarded-for", clientIp);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const answer = await fetch(target, {
    method: request.method,
    headers,
    body: hasBody ? await request.arrayBuffer() : null,
    redirect: "manual",
    cache: "no-store",
  });
  const out = new Headers();
  for (const [name, value] of answer.headers) {
    if (!["content-encoding", "content-length", "transfer-encoding", "connection", "set-cookie"].includes(name)) {
      out.set(name, value);
    }
  }
  for (const cookie of answer.headers.getSetCookie()) out.append("set-cookie", cookie);
  return new Response(answer.body, { status: answer.status, headers: out });
}

export const GET = forward;
export const POST = forward;
export const PUT = forward;
export const PATCH = forward;
export const DELETE = forward;
export const dynamic = "force-dynamic";
