import { formatBytes, formatDateTime } from "../lib/i18n/format";
import { getI18n } from "../lib/i18n/server";
import { BackUpNowButton, RestoreBackupButton } from "./forms/backups";
import { Pager } from "./pager";
import { Badge, StatusBadge } from "./ui/badge";
import { Card } from "./ui/card";

interface Backup {
  id: string;
  createdAt: string;
  status: string;
  verification: string;
  sizeBytes: number | null;
}

/**
 * The backups of a chat server, or of one domain alone (`domain` names it), newest first: each with its download
 * link for owners and its restore button. `pageQuery`, when given, keeps the page's tab in the link to older ones.
 */
export async function BackupsCard({
  target,
  domain,
  backups,
  isOwner,
  pageQuery,
}: {
  target: { instanceId: string } | { domainId: string };
  domain?: string;
  backups: { items: Backup[]; nextCursor: string | null };
  isOwner: boolean;
  pageQuery?: Record<string, string>;
}) {
  const { m, locale } = await getI18n();
  return (
    <Card title={m.backups.title} actions={<BackUpNowButton {...target} />}>
      <p className="mb-3 text-sm text-zinc-700">{domain ? m.backups.domainLead : m.backups.lead}</p>
      {backups.items.length === 0 ? (
        <p className="text-sm text-zinc-600">{domain ? m.backups.domainEmpty : m.backups.empty}</p>
      ) : (
        <ul className="divide-y divide-zinc-200">
          {backups.items.map((backup) => (
            <li
              key={backup.id}
              data-backup-status={backup.status}
              className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
            >
              <span className="flex flex-wrap items-center gap-2">
                {formatDateTime(locale, backup.createdAt)}
                <StatusBadge status={backup.status} labels={m.status} />
                {backup.verification === "verified" ? <Badge tone="green">{m.backups.verified}</Badge> : null}
                {backup.sizeBytes !== null ? (
                  <span className="text-xs text-zinc-600">{formatBytes(locale, backup.sizeBytes)}</span>
                ) : null}
              </span>
              {backup.status === "succeeded" ? (
                <span className="flex items-center gap-2">
                  {isOwner ? (
                    <a href={`/api/v1/backups/${backup.id}/download`} className="text-brand-700 underline">
                      {m.backups.download}
                    </a>
                  ) : null}
                  <RestoreBackupButton
                    backupId={backup.id}
                    when={formatDateTime(locale, backup.createdAt)}
                    domain={domain}
                  />
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {pageQuery ? <Pager nextCursor={backups.nextCursor} query={pageQuery} /> : null}
    </Card>
  );
}
