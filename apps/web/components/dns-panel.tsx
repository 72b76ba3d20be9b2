import type { Messages } from "../lib/i18n/en";
import { formatDate, formatDateTime, type Locale } from "../lib/i18n/format";
import { CheckDnsButton } from "./forms/dns-check";
import { StatusBadge } from "./ui/badge";
import { Card } from "./ui/card";
import { TableHead } from "./ui/table";

interface DnsView {
  status: "ok" | "warning" | "error" | "unknown" | null;
  checkedAt: string | null;
  records: {
    id: string;
    name: string;
    type: string;
    status: "ok" | "warning" | "error" | "unknown";
    expected: string[];
    found: string[];
    fix: string | null;
  }[];
  zoneSnippet: string;
  /** The platform publishes the records itself (free addresses): nothing for the person to copy. */
  managedByPlatform: boolean;
}

interface CertificateView {
  current: { issuer: string; names: string[]; notAfter: string; nextRenewalAt: string; source: string } | null;
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
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <TableHead columns={[m.dns.record, m.dns.expected, m.dns.found, m.status.ok]} />
            <tbody className="divide-y divide-zinc-200 align-top">
              {dns.records.map((r) => (
                <tr key={r.id}>
                  <td className="py-2 pr-3 font-mono text-xs">
                    {r.type} {r.name}
                  </td>
                  <td className="py-2 pr-3 font-mono text-xs">{r.expected.join(", ") || "—"}</td>
                  <td className="py-2 pr-3 font-mono text-xs">
                    {r.found.join(", ") || "—"}
                    {r.fix ? <p className="mt-1 font-sans text-red-800">{r.fix}</p> : null}
                  </td>
                  <td className="py-2 pr-3">
                    <StatusBadge status={r.status} labels={m.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {dns.managedByPlatform ? (
          <p className="mt-4 text-sm text-zinc-700">{m.freeAddress.dnsManaged}</p>
        ) : (
          <>
            <h3 className="mb-1 mt-4 text-sm font-semibold">{m.dns.zone}</h3>
            <pre className="whitespace-pre-wrap break-all rounded-md bg-zinc-900 p-3 text-xs text-zinc-50">
              {dns.zoneSnippet}
            </pre>
          </>
        )}
      </Card>
      <Card title={m.domains.certificate}>
        {cert ? (
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="text-zinc-600">{m.dns.issuer}</dt>
              <dd>{cert.issuer}</dd>
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
