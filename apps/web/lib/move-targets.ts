import type { Messages } from "./i18n/en";
import { interpolate } from "./i18n/format";

/**
 * A server a domain may move to, as the move form's select names it: its name, followed by its software where that
 * differs from the domain's own server's (the data is then converted on the way).
 */
export function moveTargetLabel(m: Messages, name: string, server: string, sameSoftware: boolean): string {
  if (sameSoftware) return name;
  const software = server === "ejabberd" ? m.instances.ejabberd : "Prosody";
  return interpolate(m.moves.otherSoftware, { name, software });
}
