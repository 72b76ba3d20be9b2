import parse, { type XmlElement } from "@xmpp/xml/lib/parse.js";
import type { MiniSession } from "../../src/client/index.ts";

export type { XmlElement };

/** A whole XML document (its declaration skipped) as elements. */
export function parseXml(text: string): XmlElement {
  return parse(text.replace(/^<\?xml[^>]*\?>\s*/, ""));
}

/** Elements whose children are a set: PEP nodes come in the order of a Lua table, which differs between processes. */
const UNORDERED = new Set(["pubsub"]);

/**
 * The element as text with its attributes sorted, for comparing documents written by different processes (which
 * order attributes, and the children of a few elements, as they like); `skip` leaves children out.
 */
export function canonical(el: XmlElement, skip?: (child: XmlElement) => boolean): string {
  const attrs = Object.entries(el.attrs)
    .filter((a): a is [string, string] => a[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => ` ${k}=${JSON.stringify(v)}`)
    .join("");
  const parts = el.children.map((c) =>
    typeof c === "string" ? JSON.stringify(c) : skip?.(c) ? "" : canonical(c, skip),
  );
  const children = (UNORDERED.has(el.name) ? parts.sort() : parts).join("");
  return `<${el.name}${attrs}>${children}</${el.name}>`;
}

/** The first value of a data form's field (`jabber:x:data`), in the element holding the form. */
export function formValue(holder: XmlElement | undefined, variable: string): string | null | undefined {
  return holder
    ?.getChild("x", "jabber:x:data")
    ?.getChildren("field")
    .find((f) => f.attrs.var === variable)
    ?.getChildText("value");
}

/** The bodies of an archive as a logged-in account reads it by MAM: its own (`to` null), or a room's. */
export async function archivedBodies(session: MiniSession, to: string | null): Promise<(string | undefined)[]> {
  session.send(`<iq type='set' id='mam'${to ? ` to='${to}'` : ""}><query xmlns='urn:xmpp:mam:2'/></iq>`);
  const { consumed } = await session.expect(/<iq[^>]*id=.mam.[\s\S]*?(<\/iq>|\/>)/);
  return [...consumed.matchAll(/<body>([^<]*)<\/body>/g)].map((m) => m[1]);
}
