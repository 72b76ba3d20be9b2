import { type ChatApp, chatApps, type Platform, platforms, type Store, storeUrl } from "../lib/clients";
import type { Messages } from "../lib/i18n/en";
import { interpolate } from "../lib/i18n/format";
import { buttonClass } from "./ui/button";

const platformLabel = (m: Messages, p: Platform) =>
  ({
    android: m.join.platformAndroid,
    ios: m.join.platformIos,
    windows: m.join.platformWindows,
    linux: m.join.platformLinux,
    mac: m.join.platformMac,
  })[p];

const storeLabel = (m: Messages, store: Store) => m.join.stores[store];

/** Where to get one app, as buttons; `uri` rides along where the store passes it on to the app. */
export function StoreButtons({ m, app, uri }: { m: Messages; app: ChatApp; uri?: string }) {
  return (
    <p className="grid grid-cols-2 gap-2">
      {app.links.map((link) => (
        <a
          key={link.url}
          href={storeUrl(link, uri)}
          data-store={link.store}
          rel="noopener noreferrer"
          className={`${buttonClass("secondary")} h-11 ${app.links.length === 1 ? "col-span-2" : ""}`}
        >
          {storeLabel(m, link.store)}
        </a>
      ))}
    </p>
  );
}

/** One line per app: its name and where to get it. */
function AppLines({ m, apps, uri }: { m: Messages; apps: ChatApp[]; uri?: string }) {
  return (
    <ul className="space-y-1 text-sm">
      {apps.map((app) => (
        <li key={app.name} className="flex flex-wrap gap-x-3">
          <span className="font-medium">{app.name}</span>
          {app.links.map((link) => (
            <a
              key={link.url}
              href={storeUrl(link, uri)}
              data-store={link.store}
              className="text-brand-700 underline"
              rel="noopener noreferrer"
            >
              {storeLabel(m, link.store)}
            </a>
          ))}
        </li>
      ))}
    </ul>
  );
}

/** Where to get the app we lead with on the visitor's system; any app will do when we know none for it. */
export function InstallStep({ m, app, uri }: { m: Messages; app: ChatApp | undefined; uri?: string }) {
  return app ? (
    <div className="space-y-2">
      <p>{interpolate(m.join.install, { app: app.name })}</p>
      <StoreButtons m={m} app={app} uri={uri} />
    </div>
  ) : (
    <p>{m.join.installAny}</p>
  );
}

/** The other apps that also work on the visitor's system, after the one we lead with. */
export function AlsoWorks({ m, mine, uri }: { m: Messages; mine: Platform; uri?: string }) {
  const rest = chatApps[mine].slice(1);
  if (!rest.length) return null;
  return (
    <div className="space-y-1">
      <p className="text-sm text-zinc-700">{m.join.alsoWorks}</p>
      <AppLines m={m} apps={rest} uri={uri} />
    </div>
  );
}

/** Apps for every other system, folded away: most visitors only need their own. */
export function OtherDevices({ m, mine, uri }: { m: Messages; mine: Platform | null; uri?: string }) {
  return (
    <details className="rounded-md border border-zinc-200 bg-white px-3 py-2" data-other-devices>
      <summary className="cursor-pointer py-1 text-sm font-medium text-brand-700">
        {mine ? m.join.otherDevices : m.join.allDevices}
      </summary>
      <ul className="mt-2 space-y-3">
        {platforms
          .filter((p) => p !== mine)
          .map((p) => (
            <li key={p}>
              <p className="text-sm font-semibold">{platformLabel(m, p)}</p>
              <AppLines m={m} apps={chatApps[p]} uri={uri} />
            </li>
          ))}
      </ul>
    </details>
  );
}
