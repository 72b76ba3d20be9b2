import type { Messages } from "../lib/i18n/en";
import { formatRelative, interpolate, type Locale } from "../lib/i18n/format";
import { AddBlockForm, RemoveBlockButton, SignupDecision } from "./forms/registration";
import { MainWithAside, PagedList, Rows } from "./list-page";
import { Card, EmptyState } from "./ui/card";
import { Alert } from "./ui/field";

interface Signup {
  id: string;
  jid: string;
  email: string | null;
  ip: string | null;
  createdAt: string;
}
interface Block {
  id: string;
  cidr: string;
  note: string;
}

/** A domain's sign-ups waiting for a decision, and the addresses blocked from signing up. */
export function RegistrationPanels({
  domain,
  signups,
  blocks,
  m,
  locale,
}: {
  domain: { id: string; name: string; registration: string };
  signups: { items: Signup[]; nextCursor: string | null };
  blocks: Block[];
  m: Messages;
  locale: Locale;
}) {
  const aside = (
    <Card title={m.signups.blocksTitle}>
      <div className="space-y-4" data-testid="blocks-panel">
        <p className="text-sm text-zinc-700">{interpolate(m.signups.blocksLead, { domain: domain.name })}</p>
        {blocks.length === 0 ? (
          <EmptyState title={m.signups.blocksEmptyTitle} body={m.signups.blocksEmptyBody} />
        ) : (
          <Rows>
            {blocks.map((b) => (
              <li key={b.id} className="flex flex-wrap items-start justify-between gap-3 py-3" data-block={b.cidr}>
                <div className="min-w-0">
                  <p className="break-all font-mono text-sm">{b.cidr}</p>
                  {b.note ? <p className="text-xs text-zinc-600">{b.note}</p> : null}
                </div>
                <RemoveBlockButton blockId={b.id} cidr={b.cidr} />
              </li>
            ))}
          </Rows>
        )}
        <AddBlockForm domainId={domain.id} />
      </div>
    </Card>
  );
  return (
    <MainWithAside aside={aside} mainClassName="space-y-4">
      <h2 className="text-lg font-semibold">{m.signups.title}</h2>
      {domain.registration === "approval" ? null : <Alert tone="info">{m.signups.notApproval}</Alert>}
      <div data-testid="signups-panel">
        <PagedList texts={m.signups} page={signups} query={{ tab: "signups" }} inCard>
          <Rows>
            {signups.items.map((s) => (
              <li key={s.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <div className="min-w-0">
                  <p className="break-all font-medium">{s.jid}</p>
                  <p className="text-xs text-zinc-600">
                    {interpolate(m.signups.asked, { when: formatRelative(locale, s.createdAt) })}
                    {s.ip ? ` · ${interpolate(m.signups.from, { ip: s.ip })}` : null}
                    {s.email ? ` · ${s.email}` : null}
                  </p>
                </div>
                <SignupDecision signupId={s.id} jid={s.jid} />
              </li>
            ))}
          </Rows>
        </PagedList>
      </div>
    </MainWithAside>
  );
}
