import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { luaString, luaValue, xmlEscape, xmlUnescape } from "../src/lua.ts";
import { isValidHostname, splitBareJid } from "../src/names.ts";
import { SHELL_LIB } from "../src/servers/prosody/shell-lib.ts";
import { XmlStreamParser } from "../src/servers/prosody/xml-stream.ts";

/** Evaluates a Lua expression with the real Lua 5.4 (the interpreter Prosody runs on) and returns its bytes. */
function luaEval(expr: string): Buffer {
  return execFileSync("lua5.4", ["-e", `io.write(${expr})`]);
}

const NASTY = [
  "",
  "plain",
  'double "quotes"',
  "single 'quotes'",
  "back\\slash\\",
  "trailing backslash \\",
  "newline\nand\r\ncarriage",
  "close long bracket ]] and ]=] and [[ open",
  "NUL\0in the middle\0",
  "\0",
  "\x01\x02\x1f\x7f control",
  "digits after escape \x001234",
  "<xml> & entities &amp; </repl-input>",
  'lua .." .. os.exit(1) .. "',
  "unicode é ü 日本 😀 \u2028\u2029",
  "\\x41 \\065 \\u{41} \\z",
  "%s %d %%",
];

describe("luaString", () => {
  it.each(NASTY)("round-trips %j through real Lua byte for byte", (value) => {
    expect(luaEval(luaString(value)).equals(Buffer.from(value, "utf8"))).toBe(true);
  });

  it("produces only printable ASCII that is inert in XML", () => {
    for (const value of NASTY) {
      const lit = luaString(value);
      expect(lit).toMatch(/^"[\x20-\x7e]*"$/);
      expect(lit.slice(1, -1)).not.toMatch(/["<>&\]]/);
      expect(xmlEscape(lit)).toBe(lit);
    }
  });

  it("keeps the literal one token even when concatenated into code", () => {
    const evil = '"); os.exit(1); print("';
    expect(luaEval(`${luaString(evil)} .. "|"`).toString()).toBe(`${evil}|`);
  });

  it("rejects lone surrogates and non-strings", () => {
    expect(() => luaString("a\uD800b")).toThrow(TypeError);
    expect(() => luaString("\uDC00")).toThrow(TypeError);
    expect(() => luaString(42 as unknown as string)).toThrow(TypeError);
  });
});

describe("luaValue", () => {
  it("renders nested tables real Lua can read", () => {
    const expr = luaValue({ a: "x]]", list: [1, 2.5, true, "y\0"], "not ident": { end: false } });
    const out = luaEval(
      `(function(t) return t.a .. "|" .. #t.list .. "|" .. t.list[2] .. "|" .. tostring(t.list[3]) .. "|" .. #t.list[4] .. "|" .. tostring(t["not ident"]["end"]) end)(${expr})`,
    );
    expect(out.toString()).toBe("x]]|4|2.5|true|2|false");
  });

  it("rejects non-finite numbers", () => {
    expect(() => luaValue(Number.NaN)).toThrow(TypeError);
    expect(() => luaValue(Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });
});

describe("the admin shell helpers", () => {
  it("compile with real Lua once their settings are quoted in", () => {
    expect(() => execFileSync("luac5.4", ["-p", "-"], { input: SHELL_LIB.slice(1), stdio: "pipe" })).not.toThrow();
  });
});

describe("XML helpers", () => {
  it("escapes and unescapes", () => {
    expect(xmlEscape("a<b>&c")).toBe("a&lt;b&gt;&amp;c");
    expect(xmlUnescape("&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&unknown;")).toBe("<>&\"'AB&unknown;");
  });

  it("refuses characters XML cannot carry", () => {
    expect(() => xmlEscape("a\0b")).toThrow(TypeError);
    expect(() => xmlEscape("a\x07b")).toThrow(TypeError);
    expect(xmlEscape("tab\tnl\n")).toBe("tab\tnl\n");
  });

  it("parses a stream delivered one character at a time", () => {
    const stream =
      "<?xml version='1.0'?><stream:stream xmlns='xmpp:prosody.im/admin' id=''>" +
      "<repl-output>a &amp;amp; b</repl-output><repl-output/>" +
      "<repl-result type='error'>Error: &lt;x&gt; é😀</repl-result></stream:stream>";
    const p = new XmlStreamParser();
    const events = [...stream].flatMap((ch) => p.feed(ch));
    expect(events).toEqual([
      { kind: "open", attrs: { xmlns: "xmpp:prosody.im/admin", id: "" } },
      { kind: "element", name: "repl-output", attrs: {}, text: "a &amp; b", children: [] },
      { kind: "element", name: "repl-output", attrs: {}, text: "", children: [] },
      { kind: "element", name: "repl-result", attrs: { type: "error" }, text: "Error: <x> é😀", children: [] },
      { kind: "close" },
    ]);
  });
});

describe("names", () => {
  it("accepts canonical DNS names only", () => {
    for (const ok of ["family.test", "groups.family.test", "xn--bcher-kva.example", "a-b.c1", "localhost"]) {
      expect(isValidHostname(ok)).toBe(true);
    }
    for (const bad of [
      "",
      "Family.test",
      "a..b",
      "-a.b",
      "a-.b",
      "a b",
      "a.b.",
      "127.0.0.1",
      "é.test",
      "a_b.c",
      "x".repeat(64),
    ]) {
      expect(isValidHostname(bad)).toBe(false);
    }
  });

  it("splits bare JIDs", () => {
    expect(splitBareJid("bob@family.test")).toEqual({ local: "bob", domain: "family.test" });
    for (const bad of ["bob", "@family.test", "bob@family.test/res", "a@b@family.test", "bob@Bad Host"]) {
      expect(() => splitBareJid(bad)).toThrow(TypeError);
    }
  });
});
