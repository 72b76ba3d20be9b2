import { describe, expect, it } from "vitest";
import { AppError } from "../src/errors.ts";
import { IMPORT_LIMITS, parseCsv, parseMembersFile } from "../src/imports/csv.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

function refusal(fn: () => unknown): { field: string | undefined; code: string | undefined } {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { field: err.fields[0]?.field, code: err.fields[0]?.code };
  }
  throw new Error("expected a refusal");
}

describe("parseCsv (RFC 4180)", () => {
  it("reads quoted fields with commas, doubled quotes and line ends inside, with CRLF and LF records", () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\nplain,,last\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["x, y", 'say "hi"', "two\r\nlines"] },
      { line: 4, fields: ["plain", "", "last"] },
    ]);
  });

  it("drops a UTF-8 byte order mark and skips empty lines, counting them in the line numbers", () => {
    expect(parseCsv("\uFEFFusername\n\nalice\r\n\r\nbob")).toEqual([
      { line: 1, fields: ["username"] },
      { line: 3, fields: ["alice"] },
      { line: 5, fields: ["bob"] },
    ]);
  });

  it("takes a last record without a line end, and a lone CR as a line end", () => {
    expect(parseCsv("a\rb")).toEqual([
      { line: 1, fields: ["a"] },
      { line: 2, fields: ["b"] },
    ]);
  });

  it("reports a malformed record and goes on with the next line", () => {
    expect(parseCsv('ok,1\nbad"quote,2\n"closed"junk,3\nfine,4\n"never closed,5\n')).toEqual([
      { line: 1, fields: ["ok", "1"] },
      { line: 2, error: "a quote inside an unquoted field" },
      { line: 3, error: "text follows a closing quote" },
      { line: 4, fields: ["fine", "4"] },
      { line: 5, error: "a quoted field is never closed" },
    ]);
  });
});

describe("parseMembersFile", () => {
  it("reads the columns by their header names, in any order, and normalises usernames", () => {
    const file = 'Email,Display name,Username\r\nann@example.org,"Ann, the First",Ann\r\n,Bob,bob\r\n';
    expect(parseMembersFile(bytes(file))).toEqual({
      rows: [
        { line: 2, username: "ann", displayName: "Ann, the First", email: "ann@example.org" },
        { line: 3, username: "bob", displayName: "Bob", email: null },
      ],
      errors: [],
    });
  });

  it("refuses bad rows one by one: malformed, wrong width, invalid or reserved name, bad email, repeated name", () => {
    const file = [
      "username,display name,email",
      "good,Good,",
      'broken"row,x,',
      "short,only-two",
      "bad name,Bad,",
      "xh-probe,Probe,",
      "mail,Mail,not-an-address",
      "GOOD,Again,",
    ].join("\n");
    const { rows, errors } = parseMembersFile(bytes(file));
    expect(rows.map((r) => r.username)).toEqual(["good"]);
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [3, "malformed"],
      [4, "malformed"],
      [5, "invalid_username"],
      [6, "reserved"],
      [7, "invalid_email"],
      [8, "duplicate"],
    ]);
    expect(errors.at(-1)?.message).toContain("line 2");
  });

  it("refuses a whole file that is empty, too large, not UTF-8, headerless or too long, naming the field", () => {
    expect(refusal(() => parseMembersFile(bytes("")))).toEqual({ field: "file", code: "required" });
    expect(refusal(() => parseMembersFile(new Uint8Array(IMPORT_LIMITS.maxBytes + 1).fill(97)))).toEqual({
      field: "file",
      code: "too_large",
    });
    expect(refusal(() => parseMembersFile(new Uint8Array([0x75, 0x0a, 0xff, 0xfe])))).toEqual({
      field: "file",
      code: "invalid_characters",
    });
    expect(refusal(() => parseMembersFile(bytes("name,email\nann,a@b.c\n")))).toEqual({
      field: "file",
      code: "required",
    });
    expect(refusal(() => parseMembersFile(bytes("username,age\nann,3\n")))).toEqual({
      field: "file",
      code: "invalid",
    });
    expect(refusal(() => parseMembersFile(bytes("username\n")))).toEqual({ field: "file", code: "required" });
    const tooMany = `username\n${Array.from({ length: IMPORT_LIMITS.maxRows + 1 }, (_, i) => `u${i}`).join("\n")}`;
    expect(refusal(() => parseMembersFile(bytes(tooMany)))).toEqual({ field: "file", code: "too_many" });
    const most = `username\n${Array.from({ length: IMPORT_LIMITS.maxRows }, (_, i) => `u${i}`).join("\n")}`;
    expect(parseMembersFile(bytes(most)).rows).toHaveLength(IMPORT_LIMITS.maxRows);
  });
});
