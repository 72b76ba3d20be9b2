import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import createClient from "openapi-fetch";
import { cache } from "react";
import { webEnv } from "../env";
import type { paths } from "./generated/schema";

export function apiUrl(): string {
  return webEnv().API_URL;
}

/** The typed API client for server components, acting as the signed-in person (their cookie is forwarded). */
export async function serverApi() {
  const cookie = (await cookies()).toString();
  const h = await headers();
  const forwarded = h.get("x-forwarded-for");
  return createClient<paths>({
    baseUrl: apiUrl(),
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(forwarded ? { "x-forwarded-for": forwarded } : {}),
    },
    fetch: (request) => fetch(request, { cache: "no-store" }),
  });
}

/**
 * The data of an API answer, or the page a person should see instead: the login page when their session
 * is gone, the not-found page for something that is not theirs or cannot exist.
 */
export function must<T>(result: { data?: T; error?: unknown; response: Response }): T {
  const status = result.response.status;
  if (status === 401) redirect("/login");
  // 400: an id or cursor in the address that cannot exist (a mistyped link); there is no such page either.
  if (status === 404 || status === 403 || status === 400) notFound();
  if (result.data === undefined) {
    throw new Error(`API answered ${status} for ${result.response.url}`);
  }
  return result.data;
}

/**
 * The signed-in person with their organisations, read once per request: the tenant layout and its pages
 * both need it.
 */
export const currentUser = cache(async () => must(await (await serverApi()).GET("/api/v1/me")));

/**
 * The signed-in person's role in a tenant: "viewer" for an operator's read-only support view of a tenant they are
 * not a member of.
 */
export function roleIn(user: { tenants: { id: string; role: string }[] }, tenantId: string): string {
  return user.tenants.find((t) => t.id === tenantId)?.role ?? "viewer";
}

/** Invite links and API tokens are secrets: only a tenant's owners and admins see them (the API refuses the rest). */
export function seesSecrets(role: string): boolean {
  return role === "owner" || role === "admin";
}
