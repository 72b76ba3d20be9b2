import Link from "next/link";
import { interpolate } from "../lib/i18n/format";
import { getI18n } from "../lib/i18n/server";
import { FreeAddressForm } from "./forms/free-address";
import { buttonClass } from "./ui/button";
import { Card } from "./ui/card";

/** "Get a free address": the simple way to a chat address, hosted by the platform. */
export async function FreeAddressCard({ tenantId, baseDomain }: { tenantId: string; baseDomain: string }) {
  const { m } = await getI18n();
  return (
    <Card title={m.freeAddress.title}>
      <p className="mb-3 text-sm text-zinc-700">{interpolate(m.freeAddress.lead, { base: baseDomain })}</p>
      <FreeAddressForm tenantId={tenantId} baseDomain={baseDomain} />
    </Card>
  );
}

/** The advanced way: a domain the tenant owns, on a chat server of its own. */
export async function OwnDomainCard({ tenantId }: { tenantId: string }) {
  const { m } = await getI18n();
  return (
    <Card title={m.freeAddress.advancedTitle}>
      <p className="mb-3 text-sm text-zinc-700">{m.freeAddress.advancedBody}</p>
      <Link href={`/t/${tenantId}/instances`} className={buttonClass("secondary", "sm")}>
        {m.freeAddress.advancedAction}
      </Link>
    </Card>
  );
}
