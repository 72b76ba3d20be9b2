import { chatApps, type Platform, platforms } from "../lib/clients";
import type { Messages } from "../lib/i18n/en";

const platformLabel = (m: Messages, p: Platform) =>
  ({
    android: m.join.platformAndroid,
    ios: m.join.platformIos,
    windows: m.join.platformWindows,
    linux: m.join.platformLinux,
    mac: m.join.platformMac,
  })[p];

/** Chat apps per system, the visitor's own system first and marked as recommended. */
export function ClientList({ m, mine }: { m: Messages; mine: Platform | null }) {
  const ordered = mine ? [mine, ...platforms.filter((p) => p !== mine)] : platforms;
  return (
    <ul className="space-y-3">
      {ordered.map((p) => (
        <li
          key={p}
          className={`rounded-md border p-3 ${p === mine ? "border-brand-600 bg-brand-50" : "border-zinc-200"}`}
        >
          <p className="text-sm font-medium">
            {platformLabel(m, p)}
            {p === mine ? (
              <span className="ml-2 text-xs font-normal text-brand-800">({m.join.recommended})</span>
            ) : null}
          </p>
          <p className="mt-1 flex flex-wrap gap-x-4 text-sm">
            {chatApps[p].map((app) => (
              <a key={app.name} href={app.url} className="text-brand-700 underline" rel="noopener noreferrer">
                {app.name}
              </a>
            ))}
          </p>
        </li>
      ))}
    </ul>
  );
}
