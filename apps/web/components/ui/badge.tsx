import type { ReactNode } from "react";

const tones = {
  green: "bg-green-100 text-green-900",
  amber: "bg-amber-100 text-amber-900",
  red: "bg-red-100 text-red-900",
  zinc: "bg-zinc-100 text-zinc-800",
  blue: "bg-brand-100 text-brand-800",
} as const;

export type Tone = keyof typeof tones;

const toneOfStatus: Record<string, Tone> = {
  running: "green",
  succeeded: "green",
  active: "green",
  ok: "green",
  healthy: "green",
  resolved: "green",
  queued: "blue",
  pending: "blue",
  provisioning: "blue",
  starting: "blue",
  stopping: "amber",
  degraded: "amber",
  expired: "amber",
  used_up: "zinc",
  stopped: "zinc",
  revoked: "zinc",
  unknown: "zinc",
  failed: "red",
  error: "red",
  down: "red",
  open: "red",
  deleting: "amber",
  available: "green",
  setting_up: "blue",
  unavailable: "red",
};

export function Badge({ tone = "zinc", children }: { tone?: Tone; children: ReactNode }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>
      {children}
    </span>
  );
}

/** A status word with its colour; the label comes from the dictionary. */
export function StatusBadge({ status, labels }: { status: string; labels: Record<string, string> }) {
  return <Badge tone={toneOfStatus[status] ?? "zinc"}>{labels[status] ?? status}</Badge>;
}
