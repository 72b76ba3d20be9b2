// The members file of a bulk import: RFC 4180 CSV (quoted fields with "" inside, CRLF or LF line ends, a UTF-8 BOM
// tolerated, empty lines skipped), a header row naming the columns, then one member a row.
import { AppError } from "../errors.ts";
import { isPlatformLocalpart } from "../health/service.ts";
import { normalizeLocalpart } from "../validation.ts";

/** The largest file taken, in bytes, and the most members a file may hold (rows after the header). */
export const IMPORT_LIMITS = { maxBytes: 1024 * 1024, maxRows: 5000, displayNameMax: 200, emailMax: 254 } as const;

/** One record of a CSV file: the physical line it starts on (1-based) and its fields, or why it is malformed. */
export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

/**
 * Splits CSV text into records (RFC 4180). A malformed record (a quote inside an unquoted field, text after a
 * closing quote, a quote never closed) is returned with its error, and reading goes on at the next line.
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: CsvRecord[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let error: string | null = null;
    let field = "";
    let endOfRecord = false;
    while (!endOfRecord) {
      if (src[i] === '"') {
        // A quoted field: up to the closing quote, "" standing for one quote; line ends inside are kept.
        i++;
        let closed = false;
        while (i < n) {
          const c = src[i] as string;
          if (c === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === "\n") line++;
          field += c;
          i++;
        }
        if (!closed) {
          error = "a quoted field is never closed";
          break;
        }
        const next = src[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
          error = "text follows a closing quote";
        }
      } else {
        while (i < n) {
          const c = src[i] as string;
          if (c === "," || c === "\n" || c === "\r") break;
          if (c === '"') error ??= "a quote inside an unquoted field";
          field += c;
          i++;
        }
      }
      if (error) break;
      fields.push(field);
      field = "";
      const c = src[i];
      if (c === ",") {
        i++;
        continue;
      }
      // End of the record: CRLF, LF, a lone CR, or the end of the text.
      if (c === "\r") i++;
      if (src[i] === "\n") i++;
      if (c !== undefined) line++;
      endOfRecord = true;
    }
    if (error) {
      // Skip the rest of the physical line and go on with the next record.
      while (i < n && src[i] !== "\n" && src[i] !== "\r") i++;
      if (src[i] === "\r") i++;
      if (src[i] === "\n") i++;
      if (i <= n) line++;
      out.push({ line: start, error });
      continue;
    }
    // An empty line is no record.
    if (fields.length === 1 && fields[0] === "") continue;
    out.push({ line: start, fields });
  }
  return out;
}

/** Why a row was refused, as the import's report gives it. */
export const importRowCodes = [
  "malformed",
  "invalid_username",
  "reserved",
  "invalid_display_name",
  "invalid_email",
  "duplicate",
  "taken",
  "quota_reached",
  "address_full",
  "failed",
] as const;
export type ImportRowCode = (typeof importRowCodes)[number];

export interface ImportRowError {
  line: number;
  username: string;
  code: ImportRowCode;
  message: string;
}

export interface MemberRow {
  line: number;
  /** The normalised localpart. */
  username: string;
  displayName: string | null;
  email: string | null;
}

const COLUMNS = {
  username: ["username", "user", "localpart"],
  displayName: ["display name", "display_name", "displayname", "name"],
  email: ["email", "e-mail", "mail", "email address"],
} as const;
type Column = keyof typeof COLUMNS;

const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/;

function headerColumns(header: string[]): Record<Column, number> {
  const found: Partial<Record<Column, number>> = {};
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    const column = (Object.keys(COLUMNS) as Column[]).find((c) => (COLUMNS[c] as readonly string[]).includes(name));
    if (!column) {
      throw AppError.field(
        "file",
        `the header names an unknown column "${raw.slice(0, 40)}" (columns: username, display name, email)`,
        "invalid",
        { column: raw.slice(0, 40) },
      );
    }
    if (found[column] !== undefined) throw AppError.field("file", `the header names ${column} twice`, "invalid");
    found[column] = index;
  });
  if (found.username === undefined) throw AppError.field("file", "the header has no username column", "required");
  return { username: found.username, displayName: found.displayName ?? -1, email: found.email ?? -1 };
}

/**
 * The members of a file, each row checked on its own: what is wrong with the file as a whole (too large, not UTF-8,
 * no header, too many rows) is refused as a whole, naming the field `file`; a bad row is listed with its error and
 * the others go ahead. A username repeated in the file is refused on every row after its first.
 */
export function parseMembersFile(bytes: Uint8Array): { rows: MemberRow[]; errors: ImportRowError[] } {
  if (bytes.byteLength === 0) throw AppError.field("file", "is empty", "required");
  if (bytes.byteLength > IMPORT_LIMITS.maxBytes) {
    throw AppError.field("file", `must be at most ${IMPORT_LIMITS.maxBytes} bytes`, "too_large", {
      max: IMPORT_LIMITS.maxBytes,
    });
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw AppError.field("file", "is not UTF-8 text", "invalid_characters");
  }
  const records = parseCsv(text);
  const [header, ...body] = records;
  if (!header) throw AppError.field("file", "has no header row", "required");
  if ("error" in header) throw AppError.field("file", `the header row is malformed: ${header.error}`, "invalid");
  const columns = headerColumns(header.fields);
  if (body.length === 0) throw AppError.field("file", "has no member rows after its header", "required");
  if (body.length > IMPORT_LIMITS.maxRows) {
    throw AppError.field("file", `holds at most ${IMPORT_LIMITS.maxRows} members`, "too_many", {
      max: IMPORT_LIMITS.maxRows,
    });
  }
  const rows: MemberRow[] = [];
  const errors: ImportRowError[] = [];
  const seen = new Map<string, number>();
  const width = header.fields.length;
  for (const record of body) {
    if ("error" in record) {
      errors.push({ line: record.line, username: "", code: "malformed", message: record.error });
      continue;
    }
    const raw = (record.fields[columns.username] ?? "").trim();
    const refuse = (code: ImportRowCode, message: string, username = raw) =>
      errors.push({ line: record.line, username: username.slice(0, 100), code, message });
    if (record.fields.length !== width) {
      refuse("malformed", `has ${record.fields.length} fields where the header has ${width}`);
      continue;
    }
    let username: string;
    try {
      username = normalizeLocalpart("username", raw, 256);
    } catch (err) {
      refuse("invalid_username", err instanceof AppError ? (err.fields[0]?.message ?? err.message) : String(err));
      continue;
    }
    if (isPlatformLocalpart(username)) {
      refuse("reserved", "is reserved for the platform's own checks", username);
      continue;
    }
    const displayName = columns.displayName >= 0 ? (record.fields[columns.displayName] ?? "").trim() : "";
    if (displayName.length > IMPORT_LIMITS.displayNameMax || CONTROL.test(displayName)) {
      refuse(
        "invalid_display_name",
        `the display name must be at most ${IMPORT_LIMITS.displayNameMax} characters, with no control characters`,
        username,
      );
      continue;
    }
    const email = columns.email >= 0 ? (record.fields[columns.email] ?? "").trim().toLowerCase() : "";
    if (email && (email.length > IMPORT_LIMITS.emailMax || !EMAIL.test(email))) {
      refuse("invalid_email", "is not an email address", username);
      continue;
    }
    const first = seen.get(username);
    if (first !== undefined) {
      refuse("duplicate", `repeats the username of line ${first}`, username);
      continue;
    }
    seen.set(username, record.line);
    rows.push({ line: record.line, username, displayName: displayName || null, email: email || null });
  }
  return { rows, errors };
}
