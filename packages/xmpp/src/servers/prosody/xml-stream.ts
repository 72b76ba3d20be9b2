import { xmlUnescape } from "../../lua.ts";

/**
 * Just enough of an XML stream reader for Prosody's admin socket: a stream header, then flat
 * top-level elements (`repl-output`, `repl-result`, `stream:error`) whose text is entity-escaped.
 * Prosody's serializer never emits CDATA, comments or `>` inside attribute values.
 */
export type XmlStreamEvent =
  | { kind: "open"; attrs: Record<string, string> }
  | { kind: "element"; name: string; attrs: Record<string, string>; text: string; children: string[] }
  | { kind: "close" };

interface OpenElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: string[];
}

const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttrs(src: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of src.matchAll(ATTR)) {
    const name = m[1];
    if (name !== undefined) attrs[name] = xmlUnescape(m[2] ?? m[3] ?? "");
  }
  return attrs;
}

export class XmlStreamParser {
  private buf = "";
  private opened = false;
  private readonly stack: OpenElement[] = [];

  feed(chunk: string): XmlStreamEvent[] {
    this.buf += chunk;
    const events: XmlStreamEvent[] = [];
    let pos = 0;
    for (;;) {
      const lt = this.buf.indexOf("<", pos);
      // Text is only consumed once the next tag starts, so an entity split across chunks stays whole.
      if (lt === -1) break;
      if (lt > pos) {
        const top = this.stack[this.stack.length - 1];
        if (top) top.text += xmlUnescape(this.buf.slice(pos, lt));
        else if (this.buf.slice(pos, lt).trim() !== "") throw new Error("XML stream: text outside any element");
        pos = lt;
      }
      const gt = this.buf.indexOf(">", lt);
      if (gt === -1) break; // incomplete tag, wait for more data
      const tag = this.buf.slice(lt + 1, gt);
      pos = gt + 1;
      if (tag.startsWith("?") || tag.startsWith("!")) continue;
      if (tag.startsWith("/")) {
        const name = tag.slice(1).trim();
        if (this.stack.length === 0) {
          if (name !== "stream:stream") throw new Error(`XML stream: unexpected </${name}>`);
          events.push({ kind: "close" });
          this.opened = false;
          continue;
        }
        const el = this.stack.pop();
        if (!el || el.name !== name) throw new Error(`XML stream: mismatched </${name}>`);
        this.finish(el, events);
        continue;
      }
      const selfClosing = tag.endsWith("/");
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const nameEnd = body.search(/\s|$/);
      const name = body.slice(0, nameEnd);
      const attrs = parseAttrs(body.slice(nameEnd));
      if (!this.opened) {
        if (name !== "stream:stream") throw new Error(`XML stream: expected stream header, got <${name}>`);
        this.opened = true;
        events.push({ kind: "open", attrs });
        continue;
      }
      const el: OpenElement = { name, attrs, text: "", children: [] };
      if (selfClosing) this.finish(el, events);
      else this.stack.push(el);
    }
    this.buf = this.buf.slice(pos);
    return events;
  }

  private finish(el: OpenElement, events: XmlStreamEvent[]): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent) {
      parent.children.push(el.name);
      if (el.text) parent.text += el.text;
      return;
    }
    events.push({ kind: "element", name: el.name, attrs: el.attrs, text: el.text, children: el.children });
  }
}
