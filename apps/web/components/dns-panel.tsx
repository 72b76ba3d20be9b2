import type { Messages } from "../lib/i18n/en";
import { formatDate, formatDateTime, interpolate, type Locale } from "../lib/i18n/format";
import { DnsWatch } from "./dns-watch";
import { CheckDnsButton } from "./forms/dns-check";
import { StatusBadge } from "./ui/badge";
import { Card } from "./ui/card";
import { Cell, Table } from "./ui/table";

type Params = Record<string, string | number>;

interface DnsView {
  /** The domain. */
  name: string;
  expected: { id: string; name: string; type: string; value: string; required: boolean; line: string }[];
  status: "ok" | "warning" | "error" | "unknown" | null;
  checkedAt: string | null;
  /** Set while the platform re-checks failing records after "Check now". */
  watchingUntil: string | null;
  records: {
    id: string;
    name: string;
    type: string;
    status: "ok" | "warning" | "error" | "unknown";
    expected: string[];
    found: string[];
    fix: string | null;
    fixCode?: string;
    fixParams?: Params;
    /** Who answered: the domain's own name servers, or a resolver (which may cache) when they could not. */
    source?: "authoritative" | "resolver";
    fallbackReason?: string;
  }[];
  zoneSnippet: string;
  /** The platform publishes the records itself (free addresses): nothing for the person to copy. */
  managedByPlatform: boolean;
}

interface CertificateView {
  current: { issuer: string; names: string[]; notAfter: string; nextRenewalAt: string; source: string } | null;
}

function pick(table: object, key: string | undefined): string | undefined {
  return key ? (table as Record<string, string | undefined>)[key] : undefined;
}

/**
 * The checker's advice in the reader's language, from its code and values; its English words only for a code
 * this dashboard does not know (or a check stored before codes existed).
 */
export function fixText(r: DnsView["records"][number], m: Messages): string | null {
  const template = pick(m.dns.fixes, r.fixCode);
  if (!template || !r.fixParams) return r.fix;
  const p = r.fixParams;
  const notes = m.dns.fixNotes;
  const hint = p.rel === undefined ? "" : p.rel === "@" ? notes.hintApex : interpolate(notes.hint, { rel: p.rel });
  const extra = [
    p.worksForNow ? notes.worksForNow : "",
    p.alias ? interpolate(notes.alias, p) : "",
    r.fixCode === "srv_change" && p.others ? interpolate(notes.otherSrv, p) : "",
    p.optional ? notes.optional : "",
  ].filter(Boolean);
  return [interpolate(template, { ...p, hint }), ...extra].join(" ");
}

/** The zone snippet with its comments in the reader's language: what each record is for, and whether it is needed. */
export function zoneSnippet(dns: DnsView, m: Messages): string {
  const lines = [`; ${m.dns.zoneHeader}`];
  for (const r of dns.expected) {
    // "groups-a-2" is an address record of the groups host; "caa-2" the second CAA record.
    const kind = r.id.replace(/-\d+$/, "").replace(/^(groups|share|irc)-(?=a$|aaaa$)/, "");
    const purpose = pick(m.dns.purposes, kind);
    const words = purpose ? interpolate(purpose, { name: r.name, value: r.value, domain: dns.name }) : r.type;
    lines.push("", `; ${words} (${r.required ? m.dns.required : m.dns.recommended})`, r.line);
  }
  return `${lines.join("\n")}\n`;
}

/** Expected records beside what the last check found, a fix for each one that is wrong, and the certificate. */
export function DnsPanel({
  domainId,
  dns,
  certificates,
  m,
  locale,
}: {
  domainId: string;
  dns: DnsView;
  certificates: CertificateView;
  m: Messages;
  locale: Locale;
}) {
  const cert = certificates.current;
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <Card
        className="lg:col-span-2"
        title={
          <span className="flex items-center gap-2">
            {m.domains.dns} {dns.status ? <StatusBadge status={dns.status} labels={m.status} /> : null}
          </span>
        }
        actions={<CheckDnsButton domainId={domainId} />}
      >
        <p className="mb-3 text-xs text-zinc-600">
          {m.dns.checkedAt} {formatDateTime(locale, dns.checkedAt)}
        </p>
        <DnsWatch until={dns.watchingUntil} />
        <Table
          label={m.domains.dns}
          columns={[m.dns.record, m.dns.expected, m.dns.found, m.status.ok]}
          bodyClassName="align-top"
        >
          {dns.records.map((r) => (
            <tr key={r.id}>
              <Cell label={m.dns.record} className="py-2 pr-3 font-mono text-xs">
                {r.type} {r.name}
              </Cell>
              <Cell label={m.dns.expected} className="py-2 pr-3 font-mono text-xs">
                {r.expected.join(", ") || "—"}
              </Cell>
              <Cell label={m.dns.found} className="py-2 pr-3 font-mono text-xs">
                {r.found.join(", ") || "—"}
                {r.fix ? <p className="mt-1 font-sans text-red-800">{fixText(r, m)}</p> : null}
                {r.fallbackReason && r.status !== "ok" && !dns.managedByPlatform ? (
                  <p className="mt-1 font-sans text-zinc-600">{m.dns.fromResolver}</p>
                ) : null}
              </Cell>
              <Cell label={m.status.ok} className="py-2 pr-3">
                <StatusBadge status={r.status} labels={m.status} />
              </Cell>
            </tr>
          ))}
        </Table>
        {dns.managedByPlatform ? (
          <p className="mt-4 text-sm text-zinc-700">{m.freeAddress.dnsManaged}</p>
        ) : (
          <>
            <h3 className="mb-1 mt-4 text-sm font-semibold">{m.dns.zone}</h3>
            <pre className="whitespace-pre-wrap break-all rounded-md bg-zinc-900 p-3 text-xs text-zinc-50">
              {zoneSnippet(dns, m)}
            </pre>
          </>
        )}
      </Card>
      <Card title={m.domains.certificate}>
        {cert ? (
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="text-zinc-600">{m.dns.issuer}</dt>
              <dd>{cert.source === "internal" ? m.dns.issuerPlatform : cert.issuer}</dd>
            </div>
            <div>
              <dt className="text-zinc-600">{m.dns.names}</dt>
              <dd className="break-all font-mono text-xs">{cert.names.join(", ")}</dd>
            </div>
            <div>
              <dt className="text-zinc-600">{m.dns.expires}</dt>
              <dd>{formatDate(locale, cert.notAfter)}</dd>
            </div>
            <div>
              <dt className="text-zinc-600">{m.dns.renews}</dt>
              <dd>{formatDate(locale, cert.nextRenewalAt)}</dd>
            </div>
          </dl>
        ) : (
          <p className="text-sm text-zinc-600">{m.dns.noCertificate}</p>
        )}
      </Card>
    </div>
  );
}
