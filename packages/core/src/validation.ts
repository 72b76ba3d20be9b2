import { isReservedUsername } from "@xmpp-host/xmpp";
import { AppError } from "./errors.ts";
import { requireStrongPassword, XMPP_PASSWORD_MIN, type XmppPasswordRules } from "./passwords.ts";

/** A name people type (an organisation, a person, a token): trimmed, required, bounded. */
export function requiredText(field: string, input: string, max = 100): string {
  const value = (typeof input === "string" ? input : "").trim();
  if (value.length === 0) throw AppError.field(field, "is required", "required");
  if (value.length > max) throw AppError.field(field, `must be at most ${max} characters`, "too_long", { max });
  return value;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A DNS name for an XMPP domain: lowercase letters, digits, hyphens, at least two labels. */
export function normalizeDomainName(field: string, input: string): string {
  const name = input.trim().toLowerCase().replace(/\.$/, "");
  if (name.length === 0) throw AppError.field(field, "is required", "required");
  if (name.length > 253) throw AppError.field(field, "must be at most 253 characters", "too_long", { max: 253 });
  const labels = name.split(".");
  if (labels.length < 2) {
    throw AppError.field(field, "must be a fully qualified domain name such as chat.example.org", "invalid_domain");
  }
  for (const label of labels) {
    if (!LABEL.test(label)) {
      throw AppError.field(
        field,
        `"${label}" is not a valid DNS label (letters, digits and inner hyphens, 1-63 characters)`,
        "invalid_domain",
      );
    }
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? "")) {
    throw AppError.field(field, "must not be an IP address", "invalid_domain");
  }
  return name;
}

// RFC 7622 section 3.3.1: these characters are never allowed in a localpart.
const FORBIDDEN_LOCALPART = /["&'/:<>@\s]/u;
// Control, format, surrogate and unassigned code points are refused by the IdentifierClass.
const DISALLOWED = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u;

/** An XMPP localpart (RFC 7622, UsernameCaseMapped): case-mapped and NFC-normalised. */
export function normalizeLocalpart(field: string, input: string, maxBytes = 1023): string {
  const value = input.normalize("NFC").toLowerCase();
  if (value.length === 0) throw AppError.field(field, "is required", "required");
  if (Buffer.byteLength(value, "utf8") > maxBytes) {
    throw AppError.field(field, `must be at most ${maxBytes} bytes`, "too_long", { max: maxBytes });
  }
  if (FORBIDDEN_LOCALPART.test(value)) {
    throw AppError.field(field, "must not contain spaces or any of \" & ' / : < > @", "invalid_username");
  }
  if (DISALLOWED.test(value)) {
    throw AppError.field(field, "contains a control or unassigned character", "invalid_characters");
  }
  return value;
}

/** A bare JID local@domain, each part validated. */
export function normalizeBareJid(field: string, input: string): string {
  const at = input.lastIndexOf("@");
  if (at <= 0 || input.includes("/"))
    throw AppError.field(field, `"${input}" is not a bare JID (user@domain)`, "invalid_jid");
  return `${normalizeLocalpart(field, input.slice(0, at))}@${normalizeDomainName(field, input.slice(at + 1))}`;
}

/** A username someone picks for themselves: a valid localpart, not reserved, and plain enough to type. */
export function checkSelfServiceUsername(input: string): string {
  let localpart: string;
  try {
    localpart = normalizeLocalpart("username", input.trim(), 64);
  } catch (err) {
    if (err instanceof AppError) {
      const first = err.fields[0];
      throw AppError.unprocessable("username", first?.message ?? err.message, first?.code ?? "invalid", first?.params);
    }
    throw err;
  }
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(localpart)) {
    throw AppError.unprocessable(
      "username",
      "must start with a letter or digit and use only letters, digits, . _ -",
      "invalid_username",
    );
  }
  if (isReservedUsername(localpart)) {
    throw AppError.unprocessable("username", "is reserved", "reserved");
  }
  return localpart;
}

/** A password someone picks for their new XMPP account. */
export function checkSelfServicePassword(
  password: string,
  localpart: string,
  domain: string,
  rules: XmppPasswordRules = true,
): void {
  requireStrongPassword("password", password, {
    minLength: XMPP_PASSWORD_MIN,
    personal: [localpart, domain],
    xmpp: rules,
    as: "422",
  });
}
