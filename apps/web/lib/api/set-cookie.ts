/** A cookie as `cookies().set()` takes it. */
export interface ParsedCookie {
  name: string;
  value: string;
  path?: string;
  expires?: Date;
  maxAge?: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: "lax" | "strict" | "none";
}

/**
 * One Set-Cookie header of an API answer, so that a server action can hand the cookie on to the browser with the
 * same attributes. Domain is dropped: the browser gets the cookie from this web app's origin, not the API's.
 */
export function parseSetCookie(header: string): ParsedCookie | null {
  const [pair = "", ...attributes] = header.split(";");
  const eq = pair.indexOf("=");
  if (eq <= 0) return null;
  const raw = pair.slice(eq + 1).trim();
  let value = raw;
  try {
    // Next encodes the value again when it writes the header.
    value = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded: taken as it is.
  }
  const cookie: ParsedCookie = { name: pair.slice(0, eq).trim(), value, httpOnly: false, secure: false };
  for (const attribute of attributes) {
    const [key = "", ...rest] = attribute.split("=");
    const arg = rest.join("=").trim();
    switch (key.trim().toLowerCase()) {
      case "path":
        cookie.path = arg;
        break;
      case "expires": {
        const date = new Date(arg);
        if (!Number.isNaN(date.getTime())) cookie.expires = date;
        break;
      }
      case "max-age": {
        const seconds = Number(arg);
        if (arg !== "" && Number.isInteger(seconds)) cookie.maxAge = seconds;
        break;
      }
      case "httponly":
        cookie.httpOnly = true;
        break;
      case "secure":
        cookie.secure = true;
        break;
      case "samesite": {
        const mode = arg.toLowerCase();
        if (mode === "lax" || mode === "strict" || mode === "none") cookie.sameSite = mode;
        break;
      }
    }
  }
  return cookie;
}
