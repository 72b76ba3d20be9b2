/**
 * Quoting helpers for building Lua source that Prosody evaluates (admin shell commands and config files).
 * Everything user-supplied must go through `luaString` / `luaValue`; nothing is ever concatenated raw.
 */

const SURROGATE = /\p{Cs}/u;

/**
 * A Lua 5.x string literal whose value is exactly the UTF-8 bytes of `value`.
 * The literal itself is printable ASCII without `<`, `>`, `&`, `]`, so it is also inert in XML text,
 * in long brackets and in any line-oriented transport. Bytes outside that set become `\xHH`
 * (two hex digits, so no ambiguity with a following digit, unlike `\ddd`).
 */
export function luaString(value: string): string {
  if (typeof value !== "string") throw new TypeError(`luaString expects a string, got ${typeof value}`);
  // A lone surrogate has no UTF-8 encoding; Buffer would silently turn it into U+FFFD.
  if (SURROGATE.test(value)) throw new TypeError("luaString: string contains a lone surrogate");
  const bytes = Buffer.from(value, "utf8");
  const out: string[] = ['"'];
  for (const b of bytes) {
    const printable = b >= 0x20 && b < 0x7f;
    if (printable && b !== 0x22 && b !== 0x5c && b !== 0x3c && b !== 0x3e && b !== 0x26 && b !== 0x5d) {
      out.push(String.fromCharCode(b));
    } else {
      out.push(`\\x${b.toString(16).padStart(2, "0")}`);
    }
  }
  out.push('"');
  return out.join("");
}

export type LuaValue = string | number | boolean | null | undefined | LuaValue[] | { [key: string]: LuaValue };

const LUA_IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LUA_KEYWORDS = new Set(
  "and break do else elseif end false for function goto if in local nil not or repeat return then true until while".split(
    " ",
  ),
);

/** A Lua expression for a JSON-like value. Arrays become sequences, objects become tables with string keys. */
export function luaValue(value: LuaValue): string {
  if (value === null || value === undefined) return "nil";
  if (typeof value === "string") return luaString(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`luaValue: non-finite number ${value}`);
    return Number.isInteger(value) ? value.toFixed(0) : String(value);
  }
  if (Array.isArray(value)) return `{ ${value.map((v) => `${luaValue(v)};`).join(" ")} }`;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const key = LUA_IDENT.test(k) && !LUA_KEYWORDS.has(k) ? k : `[${luaString(k)}]`;
    parts.push(`${key} = ${luaValue(v)};`);
  }
  return `{ ${parts.join(" ")} }`;
}

// XML 1.0 Char production: anything else cannot be sent in a stream at all, escaped or not.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to match control characters
const XML_INVALID = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Escapes text content for an XML stream; throws on characters XML cannot carry (NUL, most C0, lone surrogates). */
export function xmlEscape(text: string): string {
  if (XML_INVALID.test(text)) throw new TypeError("xmlEscape: text contains characters not allowed in XML");
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function xmlUnescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ent: string) => {
    if (ent.startsWith("#x")) return String.fromCodePoint(Number.parseInt(ent.slice(2), 16));
    if (ent.startsWith("#")) return String.fromCodePoint(Number.parseInt(ent.slice(1), 10));
    return ENTITIES[ent] ?? whole;
  });
}
