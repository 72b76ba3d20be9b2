/**
 * A small XML reader for client streams: turns the server's text into whole top-level elements (stanzas, stream
 * features, SASL and stream management nonzas) with their namespaces resolved. It reads what XMPP servers send: no
 * DTDs, entity declarations or external references.
 */
import { xmlUnescape } from "../lua.ts";

export interface XmlElement {
  /** The local name: "features" for <stream:features>. */
  name: string;
  /** The resolved namespace. */
  ns: string;
  /** Attributes as written, namespace declarations included. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, unescaped (the text of children is in the children). */
  text: string;
}

export type XmlStreamEvent =
  | { kind: "open"; attrs: Record<string, string> }
  | { kind: "element"; element: XmlElement }
  | { kind: "close" };

/** Entities and character references: the same as the admin socket's text. */
export const xmlUnescapeText = xmlUnescape;

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

interface Open {
  element: XmlElement;
  prefix: string;
  scope: Map<string, string>;
}

function startTag(raw: string, parentScope: Map<string, string>): Open & { selfClosing: boolean } {
  const selfClosing = raw.endsWith("/");
  const body = selfClosing ? raw.slice(0, -1) : raw;
  const qname = body.match(/^[^\s/>]+/)?.[0] ?? "";
  const attrs: Record<string, string> = {};
  for (const m of body.slice(qname.length).matchAll(ATTR)) {
    if (m[1] !== undefined) attrs[m[1]] = xmlUnescapeText(m[2] ?? m[3] ?? "");
  }
  let scope = parentScope;
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "xmlns" || k.startsWith("xmlns:")) {
      if (scope === parentScope) scope = new Map(parentScope);
      scope.set(k === "xmlns" ? "" : k.slice(6), v);
    }
  }
  const colon = qname.indexOf(":");
  const prefix = colon === -1 ? "" : qname.slice(0, colon);
  const name = colon === -1 ? qname : qname.slice(colon + 1);
  return { element: { name, ns: scope.get(prefix) ?? "", attrs, children: [], text: "" }, prefix, scope, selfClosing };
}

/**
 * Reads a stream incrementally. Unframed (TCP): a <stream:stream> header, then its children as elements. Framed
 * (WebSocket, RFC 7395): every top-level element is one.
 */
export class XmlStreamReader {
  private buf = "";
  private stack: Open[] = [];
  private root: Map<string, string> | null = null;

  constructor(private readonly framed = false) {}

  /** Forgets everything: a new stream starts (after STARTTLS or SASL). */
  reset(): void {
    this.buf = "";
    this.stack = [];
    this.root = null;
  }

  feed(chunk: string): XmlStreamEvent[] {
    this.buf += chunk;
    const events: XmlStreamEvent[] = [];
    let pos = 0;
    for (;;) {
      const lt = this.buf.indexOf("<", pos);
      // Text is taken only once the next tag starts, so that an entity split across chunks stays whole.
      if (lt === -1) break;
      if (lt > pos) this.addText(this.buf.slice(pos, lt));
      pos = lt;
      const end = this.tagEnd(lt);
      if (end === -1) break;
      const raw = this.buf.slice(lt + 1, end);
      pos = end + 1;
      if (raw.startsWith("?") || raw.startsWith("!--")) continue;
      if (raw.startsWith("![CDATA[")) {
        this.addText(raw.slice(8, -2), false);
        continue;
      }
      if (raw.startsWith("!")) throw new Error("XML stream: declarations are not accepted");
      if (raw.startsWith("/")) {
        const done = this.stack.pop();
        if (!done) {
          this.root = null;
          events.push({ kind: "close" });
        } else if (this.stack.length === 0) {
          events.push({ kind: "element", element: done.element });
        }
        continue;
      }
      const parent = this.stack[this.stack.length - 1];
      const parentScope = parent?.scope ?? this.root ?? new Map<string, string>();
      const open = startTag(raw, parentScope);
      if (!this.framed && this.root === null) {
        // The stream header: its namespace declarations apply to every stanza.
        this.root = open.scope;
        events.push({ kind: "open", attrs: open.element.attrs });
        continue;
      }
      if (parent) parent.element.children.push(open.element);
      if (open.selfClosing) {
        if (!parent) events.push({ kind: "element", element: open.element });
      } else {
        this.stack.push(open);
      }
    }
    this.buf = this.buf.slice(pos);
    return events;
  }

  private addText(s: string, escaped = true): void {
    const top = this.stack[this.stack.length - 1];
    if (top) top.element.text += escaped ? xmlUnescapeText(s) : s;
  }

  /** The index of the '>' closing the markup at `lt`, outside quotes; -1 while incomplete. */
  private tagEnd(lt: number): number {
    const b = this.buf;
    if (b.startsWith("<!--", lt)) return endOf(b.indexOf("-->", lt), 2);
    if (b.startsWith("<![CDATA[", lt)) return endOf(b.indexOf("]]>", lt), 2);
    if (b.startsWith("<?", lt)) return endOf(b.indexOf("?>", lt), 1);
    let quote = "";
    for (let i = lt + 1; i < b.length; i++) {
      const c = b[i];
      if (quote) {
        if (c === quote) quote = "";
      } else if (c === '"' || c === "'") quote = c;
      else if (c === ">") return i;
    }
    return -1;
  }
}

const endOf = (i: number, extra: number) => (i === -1 ? -1 : i + extra);

/** Parses one complete element (a WebSocket frame, an HTTP body). */
export function parseXml(text: string): XmlElement {
  const events = new XmlStreamReader(true).feed(text);
  const first = events.find((e) => e.kind === "element");
  if (first?.kind !== "element") throw new Error("not a complete XML element");
  return first.element;
}

/** The first child named `name` (in `ns` when given). */
export function xmlChild(el: XmlElement | undefined, name: string, ns?: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name && (ns === undefined || c.ns === ns));
}

/** Every child named `name` (in `ns` when given); every child without a name. */
export function xmlChildren(el: XmlElement | undefined, name?: string, ns?: string): XmlElement[] {
  return (el?.children ?? []).filter(
    (c) => (name === undefined || c.name === name) && (ns === undefined || c.ns === ns),
  );
}

/** Every element below `el` (at any depth) named `name`, in `ns` when given. */
export function xmlDescendants(el: XmlElement, name: string, ns?: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name && (ns === undefined || c.ns === ns)) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

const escAttr = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&apos;");

/** Back to text (for evidence and logs); the namespace declarations are those written. */
export function xmlToString(el: XmlElement, name = el.name): string {
  const attrs = Object.entries(el.attrs)
    .map(([k, v]) => ` ${k}='${escAttr(v)}'`)
    .join("");
  const inner = escAttr(el.text) + el.children.map((c) => xmlToString(c)).join("");
  return inner ? `<${name}${attrs}>${inner}</${name}>` : `<${name}${attrs}/>`;
}
