"use client";
import createClient from "openapi-fetch";
import type { paths } from "./generated/schema";

/** The browser's typed API client. Requests go to this web app's /api proxy, so the session cookie is first-party. */
export const api = createClient<paths>({ baseUrl: "" });
