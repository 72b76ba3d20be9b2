import Link from "next/link";
import { DetailHeader } from "../../../../../../components/detail-header";
import { HealthOverview } from "../../../../../../components/health-overview";
import { StatusBadge } from "../../../../../../components/ui/badge";
import { Card } from "../../../../../../components/ui/card";
import { must, serverApi } from "../../../../../../lib/api/server";
import { reasonText } from "../../../../../../lib/i18n/codes";
import { formatRelative, interpolate } from "../../../../../../lib/i18n/format";
import { getI18n } from "../../../../../../lib/i18n/server";

const ranges = ["1h", "24h", "30d"] as const;
type Range = (typeof ranges)[number];

export default async function InstanceHealthPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantId: string; instanceId: string }>;
  searchParams: Promise<{ range?: string }>;
}) {
  const { tenantId, instanceId } = await params;
  const requested = (await searchParams).range;
  const range: Range = ranges.find((r) => r === requested) ?? "24h";
  const { m, locale } = await getI18n();
  const api = await serverApi();
  const [instance, health] = await Promise.all([
    api.GET("/api/v1/instances/{instanceId}", { params: { path: { instanceId } } }).then(must),
    api.GET("/api/v1/instances/{instanceId}/health", { params: { path: { instanceId }, query: { range } } }).then(must),
  ]);
  return (
    <>
      <DetailHeader
        back={`/t/${tenantId}/instances/${instanceId}`}
        backLabel={instance.name}
        title={interpolate(m.health.title, { name: instance.name })}
        status={health.status}
        lead={
          health.checkedAt
            ? interpolate(m.health.checkedAt, { when: formatRelative(locale, health.checkedAt) })
            : undefined
        }
        actions={
          <nav aria-label={m.health.range} className="flex gap-1">
            {ranges.map((r) => (
              <Link
                key={r}
                href={`?range=${r}`}
                aria-current={r === range ? "page" : undefined}
                className={`rounded-md px-3 py-1 text-sm ${r === range ? "bg-brand-600 text-white" : "border border-zinc-300 bg-white text-zinc-800"}`}
              >
                {m.health.ranges[r]}
              </Link>
            ))}
          </nav>
        }
      />
      <HealthOverview health={health} range={range} m={m} locale={locale}>
        {health.domains.length ? (
          <Card title={m.instances.domains} className="mb-6">
            <ul className="divide-y divide-zinc-200">
              {health.domains.map((d) => (
                <li key={d.id} className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
                  <span>
                    <span className="font-medium">{d.name}</span>
                    {d.reasons.length ? (
                      <span className="block text-xs text-zinc-600">
                        {d.reasons.map((r) => reasonText(m, locale, r)).join(" · ")}
                      </span>
                    ) : null}
                  </span>
                  <StatusBadge status={d.status} labels={m.status} />
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </HealthOverview>
    </>
  );
}
