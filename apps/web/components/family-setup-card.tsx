import Link from "next/link";
import { serverApi } from "../lib/api/server";
import { getI18n } from "../lib/i18n/server";
import { FamilySetupForm, type FamilySetupProps } from "./forms/family-setup";
import { Card } from "./ui/card";

/** The family flow's starting point: shown on the overview until the tenant has an address. */
export async function FamilySetupCard(props: FamilySetupProps) {
  const { m } = await getI18n();
  return (
    <Card title={m.family.title}>
      <p className="mb-4 text-sm text-zinc-700">{m.family.lead}</p>
      <FamilySetupForm {...props} />
    </Card>
  );
}

/**
 * What is left of the first steps (an address, the admin's own chat account, a group chat, an invite), each with a
 * link to where it is done; it disappears once all four are.
 */
export async function SetupChecklist({ tenantId, domainId }: { tenantId: string; domainId: string }) {
  const { m } = await getI18n();
  const api = await serverApi();
  const one = { params: { path: { domainId }, query: { limit: 1 } } };
  const [accounts, rooms, invites] = await Promise.all([
    api.GET("/api/v1/domains/{domainId}/accounts", one),
    api.GET("/api/v1/domains/{domainId}/rooms", one),
    api.GET("/api/v1/domains/{domainId}/invites", one),
  ]);
  const steps = [
    { key: "address", done: true, href: `/t/${tenantId}/domains` },
    { key: "account", done: Boolean(accounts.data?.items.length), href: `/t/${tenantId}/domains/${domainId}` },
    { key: "room", done: Boolean(rooms.data?.items.length), href: `/t/${tenantId}/domains/${domainId}?tab=rooms` },
    {
      key: "invite",
      done: Boolean(invites.data?.items.length),
      href: `/t/${tenantId}/domains/${domainId}?tab=invites`,
    },
  ] as const;
  if (steps.every((s) => s.done)) return null;
  return (
    <Card title={m.family.checklistTitle}>
      <ol className="space-y-2 text-sm" data-testid="setup-checklist">
        {steps.map((s) => (
          <li key={s.key} className="flex flex-wrap items-center justify-between gap-2" data-done={s.done}>
            <span className={s.done ? "text-green-800" : ""}>
              {s.done ? "✓ " : "○ "}
              {m.family.checklist[s.key]}
            </span>
            {s.done ? null : (
              <Link href={s.href} className="text-brand-700 underline">
                {m.family.checklistGo}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}
