import type { FederationReply } from "../lib/domain-settings";
import type { Messages } from "../lib/i18n/en";
import { formatDateTime, formatNumber, formatRelative, interpolate, type Locale, plural } from "../lib/i18n/format";
import { Cell, Table } from "./ui/table";

/** A server's last federation check, as a domain's federation and its server's health both give it. */
export interface FederationCheckView {
  working: boolean;
  reference: string | null;
  ms: number | null;
  message: string | null;
}

/**
 * "Other servers: working, 23 ms to b.example", or which domain did not answer. The reason a check failed is the
 * server's own (an XMPP error condition or a network error), shown as it came, in brackets.
 */
export function federationText(m: Messages, locale: Locale, check: FederationCheckView): string {
  const reference = check.reference ?? "—";
  if (check.working) {
    return check.ms === null
      ? m.health.federationWorkingNoTime
      : interpolate(m.health.federationWorking, { ms: `${formatNumber(locale, check.ms)} ms`, reference });
  }
  return check.message
    ? interpolate(m.health.federationFailing, { reference, message: check.message })
    : interpolate(m.health.federationFailingNoDetail, { reference });
}

/** A time in the past as "3 minutes ago", with the full date and time for a pointer to find. */
function Ago({ at, locale, never }: { at: string | null; locale: Locale; never: string }) {
  if (!at) return <>{never}</>;
  return (
    <time dateTime={at} title={formatDateTime(locale, at)}>
      {formatRelative(locale, at)}
    </time>
  );
}

/**
 * The domain's server's last federation check. Where it was made from another domain of a shared server, that
 * domain is not named: it belongs to someone else.
 */
export function FederationCheck({
  check,
  domain,
  m,
  locale,
}: {
  check: FederationReply["check"];
  domain: string;
  m: Messages;
  locale: Locale;
}) {
  if (!check) {
    return (
      <p className="rounded-md border border-zinc-200 bg-zinc-50 p-3 text-sm font-medium" data-federation="none">
        {m.health.federationNotChecked}
      </p>
    );
  }
  const when = formatRelative(locale, check.checkedAt);
  return (
    <div
      className={`space-y-1 rounded-md border p-3 text-sm ${check.ok ? "border-zinc-200 bg-zinc-50" : "border-amber-300 bg-amber-50 text-amber-950"}`}
      data-federation={check.ok ? "working" : "failing"}
    >
      <p className="font-medium">
        {federationText(m, locale, {
          working: check.ok,
          reference: check.reference,
          ms: check.ms ?? null,
          message: check.message ?? null,
        })}
      </p>
      <p className="text-xs text-zinc-700">
        {check.from === domain
          ? interpolate(m.health.federationCheckedFrom, { from: check.from, when })
          : interpolate(m.health.federationChecked, { when })}
      </p>
    </div>
  );
}

/** How many domains show at once; the others wait behind a "show more", so that a phone does not scroll for ever. */
const FIRST_PEERS = 10;

/**
 * The other domains the domain's server talked to or blocked lately, the most recent first, with what its policy
 * blocked each way; an empty state that says what the list is for until there is one.
 */
export function FederationPeers({
  federation,
  m,
  locale,
}: {
  federation: Pick<FederationReply, "peers" | "peersTotal">;
  m: Messages;
  locale: Locale;
}) {
  const f = m.settings.federation;
  const { peers, peersTotal } = federation;
  const columns = [f.domain, f.lastSeen, f.blockedIn, f.blockedOut, f.lastBlocked];
  const row = (peer: FederationReply["peers"][number]) => (
    <tr key={peer.domain} data-peer={peer.domain}>
      <Cell label={f.domain} className="break-all py-2 pr-3 font-medium">
        {peer.domain}
      </Cell>
      <Cell label={f.lastSeen} className="whitespace-nowrap py-2 pr-3 text-zinc-700">
        <Ago at={peer.lastSeenAt} locale={locale} never={f.never} />
      </Cell>
      <Cell label={f.blockedIn} className="py-2 pr-3 tabular-nums" data-blocked-in={peer.refusedIncoming}>
        {formatNumber(locale, peer.refusedIncoming)}
      </Cell>
      <Cell label={f.blockedOut} className="py-2 pr-3 tabular-nums" data-blocked-out={peer.refusedOutgoing}>
        {formatNumber(locale, peer.refusedOutgoing)}
      </Cell>
      <Cell label={f.lastBlocked} className="whitespace-nowrap py-2 pr-3 text-zinc-700">
        <Ago at={peer.lastRefusedAt} locale={locale} never={f.never} />
      </Cell>
    </tr>
  );
  return (
    <div className="space-y-3 border-t border-zinc-200 pt-4" data-federation-peers={peersTotal}>
      <h3 className="text-sm font-semibold text-zinc-900">{f.seen}</h3>
      {peers.length === 0 ? (
        <div className="rounded-md border border-dashed border-zinc-300 px-4 py-6 text-center" data-federation-empty>
          <p className="text-sm font-medium text-zinc-900">{f.emptyTitle}</p>
          <p className="mx-auto mt-1 max-w-md text-sm text-zinc-600">{f.emptyBody}</p>
        </div>
      ) : (
        <>
          <p className="text-xs text-zinc-600">{f.seenLead}</p>
          <Table label={f.seen} columns={columns}>
            {peers.slice(0, FIRST_PEERS).map(row)}
          </Table>
          {peers.length > FIRST_PEERS ? (
            <details data-more-peers>
              <summary className="cursor-pointer text-sm font-medium text-brand-700 underline">
                {plural(locale, peers.length - FIRST_PEERS, f.showMore)}
              </summary>
              <div className="mt-3">
                <Table label={f.seenEarlier} columns={columns}>
                  {peers.slice(FIRST_PEERS).map(row)}
                </Table>
              </div>
            </details>
          ) : null}
          {peersTotal > peers.length ? (
            <p className="text-xs text-zinc-600" data-peers-shown>
              {interpolate(f.shownOf, {
                shown: formatNumber(locale, peers.length),
                total: formatNumber(locale, peersTotal),
              })}
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
