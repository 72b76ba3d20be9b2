"use client";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useI18n } from "../lib/i18n/client";

export interface HealthPoint {
  at: string;
  onlineUsers: number | null;
  loginMs: number | null;
  memoryBytes: number | null;
  messagesPerMinute: number | null;
}

type Series = "onlineUsers" | "loginMs" | "memoryMb" | "messagesPerMinute";

/** What stands in for a chart with nothing to draw: empty axes would look broken. */
function NoData() {
  const { m } = useI18n();
  return (
    <div data-no-data className="flex h-full flex-col items-center justify-center px-4 text-center">
      <p className="font-medium text-zinc-800">{m.health.empty}</p>
      <p className="mt-1 max-w-sm text-sm text-zinc-600">{m.health.emptyHint}</p>
    </div>
  );
}

/**
 * The four charts of an instance's health; one line each, over the chosen period. Before the first measurement
 * one panel says so; a chart whose measure was never taken says so in its own place.
 */
export function HealthCharts({ points, range }: { points: HealthPoint[]; range: "1h" | "24h" | "30d" }) {
  const { m, locale } = useI18n();
  if (points.length === 0) {
    return (
      <div className="h-48 rounded-lg border border-dashed border-zinc-300 bg-white">
        <NoData />
      </div>
    );
  }
  const time = new Intl.DateTimeFormat(
    locale,
    range === "30d"
      ? { day: "numeric", month: "short" }
      : range === "1h"
        ? { timeStyle: "medium" }
        : { timeStyle: "short" },
  );
  const data = points.map((p) => ({
    t: new Date(p.at).getTime(),
    onlineUsers: p.onlineUsers,
    loginMs: p.loginMs === null ? null : Math.round(p.loginMs),
    memoryMb: p.memoryBytes === null ? null : Math.round((p.memoryBytes / 1048576) * 10) / 10,
    messagesPerMinute: p.messagesPerMinute,
  }));
  const charts: { key: Series; title: string; color: string }[] = [
    { key: "onlineUsers", title: m.health.onlineUsers, color: "#1d5fd1" },
    { key: "loginMs", title: m.health.loginMs, color: "#b45309" },
    { key: "memoryMb", title: m.health.memory, color: "#047857" },
    { key: "messagesPerMinute", title: m.health.messages, color: "#7c3aed" },
  ];
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {charts.map((chart) => (
        <figure
          key={chart.key}
          className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm"
          data-chart={chart.key}
        >
          <figcaption className="mb-2 text-sm font-semibold">{chart.title}</figcaption>
          {data.every((point) => point[chart.key] === null) ? (
            <div className="h-48">
              <NoData />
            </div>
          ) : (
            <div className="h-48" role="img" aria-label={chart.title}>
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={data} margin={{ top: 5, right: 10, bottom: 5, left: 0 }}>
                  <CartesianGrid stroke="#e4e4e7" strokeDasharray="3 3" />
                  <XAxis
                    dataKey="t"
                    type="number"
                    scale="time"
                    domain={["dataMin", "dataMax"]}
                    tickFormatter={(v: number) => time.format(new Date(v))}
                    tick={{ fontSize: 11, fill: "#3f3f46" }}
                  />
                  <YAxis width={40} tick={{ fontSize: 11, fill: "#3f3f46" }} allowDecimals={chart.key === "memoryMb"} />
                  <Tooltip labelFormatter={(v) => time.format(new Date(Number(v)))} />
                  <Line
                    type="monotone"
                    dataKey={chart.key}
                    stroke={chart.color}
                    strokeWidth={2}
                    dot={false}
                    connectNulls
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
          )}
        </figure>
      ))}
    </div>
  );
}
