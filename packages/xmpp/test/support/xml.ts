import parse, { type XmlElement } from "@xmpp/xml/lib/parse.js";

export type { XmlElement };

/** A whole XML document (its declaration skipped) as elements. */
export function parseXml(text: string): XmlElement {
  return parse(text.replace(/^<\?xml[^>]*\?>\s*/, ""));
}

/**
 * The element as text with its attributes sorted, for comparing documents written by different processes (which
 * order attributes as they like); `skip` leaves children out.
 */
export function canonical(el: XmlElement, skip?: (child: XmlElement) => boolean): string {
  const attrs = Object.entries(el.attrs)
    .filter((a): a is [string, string] => a[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => ` ${k}=${JSON.stringify(v)}`)
    .join("");
  const children = el.children
    .map((c) => (typeof c === "string" ? JSON.stringify(c) : skip?.(c) ? "" : canonical(c, skip)))
    .join("");
  return `<${el.name}${attrs}>${children}</${el.name}>`;
}
