import Link from "next/link";
import { type AuditEntry, auditActor, auditSentence, auditTarget } from "../lib/audit";
import type { Messages } from "../lib/i18n/en";
import { formatDateTime, type Locale } from "../lib/i18n/format";
import { Cell, Table } from "./ui/table";

/**
 * The entries of an audit log, newest first: when, who, the sentence of what they did, and what it was about (a
 * link to that resource's whole history).
 */
export function AuditTable({
  items,
  m,
  locale,
  historyHref,
}: {
  items: AuditEntry[];
  m: Messages;
  locale: Locale;
  historyHref: (resource: AuditEntry["resource"]) => string;
}) {
  const a = m.audit;
  return (
    <Table label={a.title} columns={[a.when, a.who, a.what, a.resource]}>
      {items.map((entry) => (
        <tr key={entry.id} data-audit-action={entry.action}>
          <Cell label={a.when} className="whitespace-nowrap py-2 pr-3 align-top text-zinc-700">
            <time dateTime={String(entry.createdAt)}>{formatDateTime(locale, entry.createdAt)}</time>
          </Cell>
          <Cell label={a.who} className="py-2 pr-3 align-top [overflow-wrap:anywhere]">
            {auditActor(m, entry.actor)}
            {entry.actor.email ? <span className="block text-xs text-zinc-600">{entry.actor.email}</span> : null}
          </Cell>
          <Cell label={a.what} className="py-2 pr-3 align-top [overflow-wrap:anywhere]" data-audit-sentence>
            {auditSentence(m, locale, entry)}
          </Cell>
          <Cell label={a.resource} className="py-2 pr-3 align-top [overflow-wrap:anywhere]">
            <Link
              href={historyHref(entry.resource)}
              className="text-brand-700 underline"
              title={a.historyOf}
              aria-label={`${a.historyOf}: ${auditTarget(m, entry.resource)}`}
            >
              {auditTarget(m, entry.resource)}
            </Link>
          </Cell>
        </tr>
      ))}
    </Table>
  );
}
