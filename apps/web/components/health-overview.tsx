import type { ReactNode } from "react";
import type { operations } from "../lib/api/generated/schema";
import { reasonText } from "../lib/i18n/codes";
import type { Messages } from "../lib/i18n/en";
import { formatNumber, interpolate, type Locale } from "../lib/i18n/format";
import { federationText } from "./federation-panel";
import { HealthCharts } from "./health-charts";
import { Card } from "./ui/card";

type InstanceHealth = operations["getInstanceHealth"]["responses"][200]["content"]["application/json"];

/**
 * A chat server's health as its page and the operators' page of a shared server show it: why it is not healthy,
 * `children` (its addresses, say), whether calls work and other servers answer, the latest figures and the charts
 * over `range`.
 */
export function HealthOverview({
  health,
  range,
  m,
  locale,
  children,
}: {
  health: InstanceHealth;
  range: "1h" | "24h" | "30d";
  m: Messages;
  locale: Locale;
  children?: ReactNode;
}) {
  const latest = health.latest;
  // Before the first check the charts' "no data yet" says it in plainer words.
  const reasons = health.reasons.filter((r) => r.code !== "not_probed_yet");
  const figures: [string, string][] = [
    [
      m.health.uptime,
      health.uptime30d === null
        ? "—"
        : formatNumber(locale, health.uptime30d, { style: "percent", maximumFractionDigits: 2 }),
    ],
    [m.health.onlineUsers, latest?.onlineUsers == null ? "—" : formatNumber(locale, latest.onlineUsers)],
    [m.health.loginMs, latest?.loginMs == null ? "—" : formatNumber(locale, Math.round(latest.loginMs))],
    [
      m.health.memory,
      latest?.memoryBytes == null
        ? "—"
        : formatNumber(locale, latest.memoryBytes / 1048576, { maximumFractionDigits: 1 }),
    ],
  ];
  const calls = health.calls;
  const cause = calls?.code ? m.alerts.causes[calls.code] : null;
  const federation = health.federation;
  return (
    <>
      {reasons.length ? (
        <Card title={m.health.reasons} className="mb-6">
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {reasons.map((r) => (
              <li key={r.code}>{reasonText(m, locale, r)}</li>
            ))}
          </ul>
        </Card>
      ) : null}
      {children}
      {/* Nothing when the platform offers no calls. */}
      {calls ? (
        <p
          className={`mb-6 rounded-lg border bg-white p-4 text-sm font-medium shadow-sm ${calls.status === "working" ? "border-zinc-200" : "border-amber-300 text-amber-950"}`}
          data-calls={calls.status}
        >
          {calls.status === "working"
            ? m.health.callsWorking
            : cause
              ? interpolate(m.health.callsFailing, { reason: cause })
              : m.health.callsFailingNoDetail}
        </p>
      ) : null}
      {/* Nothing before the first check, or where there is no other domain to try. */}
      {federation ? (
        <p
          className={`mb-6 rounded-lg border bg-white p-4 text-sm font-medium shadow-sm ${federation.status === "working" ? "border-zinc-200" : "border-amber-300 text-amber-950"}`}
          data-federation={federation.status}
        >
          {federationText(m, locale, { ...federation, working: federation.status === "working" })}
        </p>
      ) : null}
      <dl className="mb-6 grid grid-cols-2 gap-4 md:grid-cols-4">
        {figures.map(([label, value]) => (
          <div key={label} className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm">
            <dt className="text-xs text-zinc-600">{label}</dt>
            <dd className="text-2xl font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      <HealthCharts points={health.series.map((p) => ({ ...p, at: String(p.at) }))} range={range} />
    </>
  );
}
