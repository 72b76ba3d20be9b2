import Link from "next/link";
import { must, serverApi } from "../lib/api/server";
import { interpolate } from "../lib/i18n/format";
import { getI18n } from "../lib/i18n/server";
import { moveTargetLabel } from "../lib/move-targets";
import { MoveDomainForm } from "./forms/domain-move";
import { buttonClass } from "./ui/button";
import { Card } from "./ui/card";

interface Features {
  domainBackups: boolean;
  inBandInvites: boolean;
}

/**
 * "Move to another server", for a tenant's owners and admins: the tenant's other running servers, or what to do when
 * there is none. A free address's shared server is never shown to tenants, so its software is known only by what it
 * can do (the same `features` as the servers of that software).
 */
export async function DomainMoveCard({
  tenantId,
  domain,
  server,
}: {
  tenantId: string;
  domain: { id: string; name: string; instanceId: string | null; features: Features };
  /** The software of the domain's server when it is the tenant's own; null for a free address. */
  server: string | null;
}) {
  const { m } = await getI18n();
  const t = m.moves;
  const own = domain.instanceId === null;
  const title = own ? t.titleOwn : t.title;
  const api = await serverApi();
  const servers = must(
    await api.GET("/api/v1/tenants/{tenantId}/instances", { params: { path: { tenantId }, query: { limit: 200 } } }),
  );
  // Any running server takes the address: between server software, its data is converted on the way.
  const sameSoftware = (s: { server: string; features: Features }) =>
    server
      ? s.server === server
      : s.features.domainBackups === domain.features.domainBackups &&
        s.features.inBandInvites === domain.features.inBandInvites;
  const targets = servers.items
    .filter((s) => s.id !== domain.instanceId && s.status === "running")
    .map((s) => ({ id: s.id, label: moveTargetLabel(m, s.name, s.server, sameSoftware(s)) }));
  return (
    <Card title={title}>
      <div className="space-y-3 text-sm" data-section="move">
        {targets.length ? (
          <p className="text-zinc-700">{interpolate(own ? t.leadOwn : t.lead, { name: domain.name })}</p>
        ) : null}
        {/* Always here, so that a move to the family's only other server still shows its end once there is none. */}
        <MoveDomainForm
          domainId={domain.id}
          name={domain.name}
          targets={targets}
          label={t.target}
          empty={
            <div className="space-y-3" data-move-empty>
              <h3 className="font-semibold">{own ? t.noneOwnTitle : t.noneTitle}</h3>
              <p className="text-zinc-700">{interpolate(own ? t.noneOwn : t.none, { name: domain.name })}</p>
              <Link href={`/t/${tenantId}/instances`} className={buttonClass("secondary", "sm")}>
                {t.createServer}
              </Link>
            </div>
          }
        />
      </div>
    </Card>
  );
}
