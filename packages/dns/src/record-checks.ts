/** Each kind of record checked against what was found: addresses, aliases, SRV, TXT and CAA, with fixes in words. */
import type { FixParams, Group, LookupResult, Query, RecordResult } from "./checker.ts";
import { canonicalAddress, fqdn, normalizeName } from "./names.ts";
import {
  type DnsTarget,
  describeRecord,
  type ExpectedRecord,
  nameHint,
  recordLine,
  relativeName,
  VERIFICATION_PREFIX,
} from "./records.ts";
import { formatCaa, parseCaa, parseSrv, type SrvValue } from "./wire.ts";

const UNKNOWN_WORDS: Record<string, string> = {
  ETIMEOUT: "the DNS server did not answer in time",
  ESERVFAIL: "the DNS server reported an internal failure (SERVFAIL)",
  EREFUSED: "the DNS server refused to answer",
  ECONNREFUSED: "the DNS server could not be reached",
  ECANCELLED: "the query was cancelled",
};

function unknownResult(rec: ExpectedRecord, code: string): RecordResult {
  return {
    ...head(rec),
    status: "unknown",
    found: [],
    fix: null,
    detail: `We could not check this record: ${UNKNOWN_WORDS[code] ?? `the lookup failed (${code})`}. This is usually temporary; check again in a few minutes.`,
  };
}

function head(rec: ExpectedRecord) {
  return { id: rec.id, name: rec.name, type: rec.type, expected: [rec.value] };
}

/** What every fix that adds a record says about it. */
function addParams(rec: ExpectedRecord, domain: string): FixParams {
  return {
    type: rec.type,
    name: normalizeName(rec.name),
    value: rec.value,
    rel: relativeName(rec.name, domain),
    line: recordLine(rec),
  };
}

function addFix(rec: ExpectedRecord, domain: string, intro = "Add"): string {
  return `${intro} ${describeRecord(rec)}. ${nameHint(rec, domain)} In zone-file form: ${recordLine(rec)}`;
}

function missingResult(rec: ExpectedRecord, domain: string, found: string[] = [], detail?: string): RecordResult {
  return {
    ...head(rec),
    status: rec.required ? "error" : "warning",
    found,
    fix: `${addFix(rec, domain)}${rec.required ? "" : " This record is recommended, not required."}`,
    fixCode: "add",
    fixParams: { ...addParams(rec, domain), ...(rec.required ? {} : { optional: "1" }) },
    ...(detail ? { detail } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Address records (A/AAAA). A CNAME that leads to the right address is fine: the resolver follows it.
async function aliasNote(name: string, query: Query): Promise<string> {
  const alias = await query(name, "CNAME");
  return alias.kind === "found"
    ? ` ${name} is currently an alias (CNAME) of ${normalizeName(alias.values[0] as string)}; delete that alias first, because a name with an alias cannot have other records.`
    : "";
}

async function aliasTarget(name: string, query: Query): Promise<string> {
  const alias = await query(name, "CNAME");
  return alias.kind === "found" ? normalizeName(alias.values[0] as string) : "";
}

export async function checkAddresses(g: Group, domain: string, query: Query): Promise<RecordResult[]> {
  const res = await query(g.name, g.type);
  if (res.kind === "unknown") return g.records.map((r) => unknownResult(r, res.code));
  const found = res.kind === "found" ? res.values : [];
  const allowed = new Set(g.records.map((r) => canonicalAddress(r.value)));
  const wrong = found.filter((v) => !allowed.has(v));
  const kind = g.type === "A" ? "address record" : "IPv6 address record";
  const out: RecordResult[] = [];
  let extrasReported = false;
  for (const rec of g.records) {
    const want = canonicalAddress(rec.value);
    if (found.includes(want)) {
      out.push({ ...head(rec), status: "ok", found, fix: null });
      continue;
    }
    if (found.length === 0) {
      out.push(missingResult(rec, domain));
      const note = await aliasNote(g.name, query);
      if (note) {
        const last = out.at(-1) as RecordResult;
        last.fix += note;
        last.fixParams = { ...last.fixParams, alias: await aliasTarget(g.name, query) };
      }
      continue;
    }
    // Each wrong value is the one most likely meant to be this record: ask to change it.
    const replace = wrong.shift();
    const note = await aliasNote(g.name, query);
    const alias: FixParams = note ? { alias: await aliasTarget(g.name, query) } : {};
    out.push({
      ...head(rec),
      status: "error",
      found,
      ...(replace
        ? {
            fixCode: "change_address" as const,
            fixParams: { type: g.type, name: g.name, from: replace, to: want, line: recordLine(rec), ...alias },
          }
        : { fixCode: "add" as const, fixParams: { ...addParams(rec, domain), ...alias } }),
      fix: replace
        ? `The ${kind} of ${g.name} points to ${replace}, which is not the platform's server: chat apps and browsers would go to the wrong place. At your DNS provider, edit that record and change its value from ${replace} to ${want}.${note} In zone-file form: ${recordLine(rec)}`
        : `${addFix(rec, domain)}${note}`,
    });
  }
  // Values nobody asked for, next to the right ones: some visitors would reach another server.
  if (wrong.length) {
    for (const r of out) {
      if (r.status !== "ok" || extrasReported) continue;
      extrasReported = true;
      r.status = "warning";
      r.fixCode = "remove_extra_addresses";
      r.fixParams = { type: g.type, name: g.name, values: wrong.join(", "), keep: [...allowed].join(", ") };
      r.fix = `Remove the extra ${kind}${wrong.length > 1 ? "s" : ""} of ${g.name} with the value${wrong.length > 1 ? "s" : ""} ${wrong.join(", ")}: some chat apps and browsers would pick ${wrong.length > 1 ? "them" : "it"} and reach a server that is not the platform's. Keep ${[...allowed].join(", ")}.`;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Service hosts (groups., share.) expected as an alias of the platform's host.

function sameAddresses(a: LookupResult, b: LookupResult): boolean {
  if (a.kind !== "found" || b.kind !== "found") return false;
  const sb = new Set(b.values);
  return a.values.length > 0 && a.values.every((v) => sb.has(v));
}

export async function checkAlias(rec: ExpectedRecord, target: DnsTarget, query: Query): Promise<RecordResult> {
  const domain = normalizeName(target.domain);
  const want = fqdn(rec.value);
  const res = await query(rec.name, "CNAME");
  if (res.kind === "unknown") return unknownResult(rec, res.code);
  if (res.kind === "found" && res.values.includes(want)) {
    return { ...head(rec), status: "ok", found: res.values, fix: null };
  }
  if (res.kind === "missing" && res.code === "ENOTFOUND") return missingResult(rec, domain);

  // Either an alias elsewhere or no alias but other records: does it still reach the platform?
  const [mine, platform] = await Promise.all([query(rec.name, "A"), query(normalizeName(rec.value), "A")]);
  if (mine.kind === "unknown") return unknownResult(rec, mine.code);
  if (platform.kind === "unknown") return unknownResult(rec, platform.code);
  const reaches = sameAddresses(mine, platform);
  const line = recordLine(rec);
  if (res.kind === "found") {
    const current = normalizeName(res.values[0] as string);
    return {
      ...head(rec),
      status: reaches ? "warning" : "error",
      found: res.values,
      fixCode: "retarget_alias",
      fixParams: {
        name: rec.name,
        current,
        target: normalizeName(rec.value),
        line,
        ...(reaches ? { worksForNow: "1" } : {}),
      },
      fix: reaches
        ? `${rec.name} is an alias of ${current}, which reaches the platform today but will break if the platform's address changes. At your DNS provider, change the target of the alias (CNAME) ${rec.name} from ${current} to ${normalizeName(rec.value)}. In zone-file form: ${line}`
        : `${rec.name} is an alias of ${current}, which is not the platform's server. At your DNS provider, change the target of the alias (CNAME) ${rec.name} from ${current} to ${normalizeName(rec.value)}. In zone-file form: ${line}`,
    };
  }
  // No alias, the name exists: address records (or other records) are there instead.
  const addresses = mine.kind === "found" ? mine.values : [];
  if (addresses.length === 0) {
    return missingResult(rec, domain, [], `${rec.name} exists but has no alias (CNAME) and no address.`);
  }
  return {
    ...head(rec),
    status: reaches ? "warning" : "error",
    found: addresses.map((a) => `A ${a}`),
    fixCode: "replace_addresses_with_alias",
    fixParams: { ...addParams(rec, domain), addresses: addresses.join(", "), ...(reaches ? { worksForNow: "1" } : {}) },
    fix: reaches
      ? `${rec.name} has address records (${addresses.join(", ")}) that reach the platform today but will break if the platform's address changes. At your DNS provider, delete the address records of ${rec.name} and ${addFix(rec, domain, "add")}`
      : `${rec.name} has address records (${addresses.join(", ")}) that do not point to the platform's server. At your DNS provider, delete the address records of ${rec.name} and ${addFix(rec, domain, "add")}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// SRV: only target and port matter (case- and trailing-dot-insensitive); priority/weight do not with one record.

function srvWords(s: SrvValue): string {
  return `port ${s.port}, target ${s.target || "."}`;
}

export async function checkSrv(rec: ExpectedRecord, domain: string, query: Query): Promise<RecordResult> {
  const res = await query(rec.name, "SRV");
  if (res.kind === "unknown") return unknownResult(rec, res.code);
  if (res.kind === "missing") return missingResult(rec, domain);
  const want = parseSrv(rec.value);
  const found = res.values.map(parseSrv);
  const matches = found.filter((f) => f.port === want.port && f.target === want.target);
  const line = recordLine(rec);
  const what = `The service record (SRV) ${rec.name}`;

  if (matches.length > 0) {
    const others = found.filter((f) => !(f.port === want.port && f.target === want.target));
    if (others.length > 0) {
      const best = Math.min(...matches.map((m) => m.priority));
      const ahead = others.some((o) => o.priority < best);
      return {
        ...head(rec),
        status: "warning",
        found: res.values,
        fixCode: "remove_extra_srv",
        fixParams: { name: rec.name, others: others.map(srvWords).join("; "), line, ...(ahead ? { ahead: "1" } : {}) },
        fix:
          `Remove the extra service record${others.length > 1 ? "s" : ""} named ${rec.name} with ${others.map(srvWords).join("; ")}: ` +
          `chat apps and servers pick one of these records at random or by priority, and ${others.length > 1 ? "those" : "that one"} ${ahead ? "even comes first (lower priority number), so most of them" : "some of them"} would fail to connect. Keep only: ${line}`,
      };
    }
    const m = matches[0] as SrvValue;
    const odd = m.priority !== want.priority || m.weight !== want.weight;
    return {
      ...head(rec),
      status: "ok",
      found: res.values,
      fix: null,
      ...(odd
        ? {
            detail: `Priority ${m.priority} and weight ${m.weight} differ from the suggested ${want.priority} and ${want.weight}; with a single record that makes no difference.`,
          }
        : {}),
    };
  }

  // Target "." alone means "this service is deliberately not offered here" (RFC 2782).
  if (found.length === 1 && found[0]?.target === "") {
    return {
      ...head(rec),
      status: "error",
      found: res.values,
      fixCode: "srv_not_offered",
      fixParams: { name: rec.name, domain, target: want.target, port: want.port, line },
      fix: `${what} says that this service is not offered for ${domain} (its target is "."). At your DNS provider, change its target to ${want.target} and its port to ${want.port}. In zone-file form: ${line}`,
    };
  }
  const sameTarget = found.find((f) => f.target === want.target);
  const samePort = found.find((f) => f.port === want.port);
  const candidate = sameTarget ?? samePort ?? (found[0] as SrvValue);
  const rest = found.filter((f) => f !== candidate);
  let change: string;
  if (candidate === sameTarget) {
    change = `${what} sends connections to port ${candidate.port}, but the platform listens on port ${want.port}. At your DNS provider, edit that record and change its port from ${candidate.port} to ${want.port}.`;
  } else if (candidate === samePort) {
    change = `${what} points to the server ${candidate.target || "."}, but it must point to ${want.target}. At your DNS provider, edit that record and change its target from ${candidate.target || "."} to ${want.target}.`;
  } else {
    change = `${what} points to ${candidate.target || "."} on port ${candidate.port}, but it must point to ${want.target} on port ${want.port}. At your DNS provider, edit that record and change its target from ${candidate.target || "."} to ${want.target} and its port from ${candidate.port} to ${want.port}.`;
  }
  const cleanup = rest.length
    ? ` Also remove the other service record${rest.length > 1 ? "s" : ""} named ${rec.name} (${rest.map(srvWords).join("; ")}).`
    : "";
  return {
    ...head(rec),
    status: "error",
    found: res.values,
    fixCode: "srv_change",
    fixParams: {
      name: rec.name,
      fromTarget: candidate.target || ".",
      fromPort: candidate.port,
      target: want.target,
      port: want.port,
      line,
      ...(rest.length ? { others: rest.map(srvWords).join("; ") } : {}),
    },
    fix: `${change}${cleanup} In zone-file form: ${line}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// TXT ownership proof.

/** People paste values with quotes around them; those still prove control. */
function cleanTxt(v: string): string {
  return v
    .trim()
    .replace(/^"(.*)"$/s, "$1")
    .trim();
}

export async function checkTxt(rec: ExpectedRecord, domain: string, query: Query): Promise<RecordResult> {
  const res = await query(rec.name, "TXT");
  if (res.kind === "unknown") return unknownResult(rec, res.code);
  if (res.kind === "missing") return missingResult(rec, domain);
  const matches = res.values.filter((v) => cleanTxt(v) === rec.value);
  const others = res.values.filter((v) => cleanTxt(v) !== rec.value);
  if (matches.length > 0) {
    if (others.length === 0) return { ...head(rec), status: "ok", found: res.values, fix: null };
    return {
      ...head(rec),
      status: "warning",
      found: res.values,
      fixCode: "remove_other_txt",
      fixParams: { name: rec.name, others: others.map((o) => `"${o}"`).join(", "), value: rec.value, domain },
      fix: `Remove the other text record${others.length > 1 ? "s" : ""} named ${rec.name} (${others.map((o) => `"${o}"`).join(", ")}): only the value ${rec.value} belongs there, and an old code could let whoever holds it claim ${domain}.`,
    };
  }
  const old = others.find((v) => cleanTxt(v).startsWith(VERIFICATION_PREFIX));
  if (old) {
    return {
      ...head(rec),
      status: "error",
      found: res.values,
      fixCode: "wrong_verification_code",
      fixParams: {
        name: rec.name,
        code: cleanTxt(old).slice(VERIFICATION_PREFIX.length),
        domain,
        value: rec.value,
        line: recordLine(rec),
      },
      fix: `The text record (TXT) ${rec.name} contains the code ${cleanTxt(old).slice(VERIFICATION_PREFIX.length)}, which is not the code for ${domain}. At your DNS provider, edit that record and change its value to ${rec.value} (copy it exactly). In zone-file form: ${recordLine(rec)}`,
    };
  }
  return missingResult(rec, domain, res.values, `${rec.name} has text records, but none with the verification code.`);
}

// ---------------------------------------------------------------------------------------------------------------
// CAA (RFC 8659): the relevant set is the first non-empty one found climbing from the domain toward the top.

const KNOWN_CAA_TAGS = new Set(["issue", "issuewild", "iodef", "contactemail", "contactphone"]);

export async function checkCaa(g: Group, domain: string, query: Query): Promise<RecordResult[]> {
  const labels = domain.split(".");
  let owner: string | null = null;
  let values: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    const name = labels.slice(i).join(".");
    const res = await query(name, "CAA");
    if (res.kind === "unknown") return g.records.map((r) => unknownResult(r, res.code));
    if (res.kind === "found") {
      owner = name;
      values = res.values;
      break;
    }
  }
  if (owner === null) {
    return g.records.map((r) => ({
      ...head(r),
      status: "ok" as const,
      found: [],
      fix: null,
      detail: `${domain} has no CAA records, so every certificate authority may issue certificates for it; nothing to do.`,
    }));
  }
  const parsed = values.map(parseCaa);
  const where = owner === domain ? domain : `${owner} (which also applies to ${domain})`;
  const criticalUnknown = parsed.find((c) => c.flags & 128 && !KNOWN_CAA_TAGS.has(c.tag));
  const issuers = parsed.filter((c) => c.tag === "issue").map((c) => normalizeName(c.value.split(";")[0] ?? ""));
  return g.records.map((rec) => {
    const want = parseCaa(rec.value).value;
    const line = recordLine({ ...rec, name: owner as string });
    if (criticalUnknown) {
      return {
        ...head(rec),
        status: "error" as const,
        found: values,
        fixCode: "caa_critical" as const,
        fixParams: { owner: owner as string, domain, entry: formatCaa(criticalUnknown) } as FixParams,
        fix: `The CAA records of ${where} contain a critical entry "${formatCaa(criticalUnknown)}" that certificate authorities do not understand, so none of them may issue certificates. Remove it at your DNS provider.`,
      };
    }
    // Without any "issue" entry, issuance of normal certificates is not restricted.
    if (issuers.length === 0 || issuers.includes(want)) {
      return {
        ...head(rec),
        status: "ok" as const,
        found: values,
        fix: null,
        ...(owner !== domain ? { detail: `The CAA records are set on ${owner} and apply to ${domain}.` } : {}),
      };
    }
    const allowedNames = issuers.filter((i) => i !== "");
    return {
      ...head(rec),
      status: "error" as const,
      found: values,
      fixCode: "caa_disallowed" as const,
      fixParams: {
        ...addParams({ ...rec, name: owner as string }, domain),
        owner: owner as string,
        domain,
        allowed: allowedNames.join(", "),
        ca: want,
      } as FixParams,
      fix:
        `The CAA records of ${where} only allow ${allowedNames.length ? allowedNames.join(", ") : "no certificate authority"} to issue certificates, so ${want}, which issues the platform's certificates, would refuse. ` +
        `At your DNS provider, add ${describeRecord({ ...rec, name: owner as string })}. In zone-file form: ${line}`,
    };
  });
}
