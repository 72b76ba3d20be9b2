import { createHmac } from "node:crypto";

export interface TurnCredentials {
  /** `<expiry in Unix seconds>:<name>`: coturn reads the expiry from it and refuses it afterwards. */
  username: string;
  password: string;
  expires: Date;
}

/**
 * Time-limited TURN credentials derived from the secret shared with the TURN server (coturn's `use-auth-secret`, the
 * "TURN REST API" scheme that Prosody's mod_turn_external also uses): nothing to store or revoke per user.
 */
export function turnCredentials(secret: string, name: string, ttlSeconds: number, now = Date.now()): TurnCredentials {
  if (!Number.isFinite(ttlSeconds) || !Number.isFinite(now)) throw new TypeError("ttlSeconds and now must be finite");
  // coturn answers 400 to user names with blanks, quotes or backslashes, or holding both "union" and "select".
  if (/[\s\p{Cc}'"\\]/u.test(name) || (/union/i.test(name) && /select/i.test(name))) {
    throw new TypeError(`coturn refuses the TURN user name ${JSON.stringify(name)}`);
  }
  const expiry = Math.floor(now / 1000) + Math.floor(ttlSeconds);
  const username = `${expiry}:${name}`;
  const password = createHmac("sha1", secret).update(username).digest("base64");
  return { username, password, expires: new Date(expiry * 1000) };
}
