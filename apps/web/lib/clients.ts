/** Chat apps we recommend, per system, with where to get them; the first of each list is the one we lead with. */
export type Platform = "android" | "ios" | "windows" | "linux" | "mac";
export type Store = "googlePlay" | "fdroid" | "appStore" | "download";

export interface ChatApp {
  name: string;
  /** `referrer`: the store hands the link's referrer to the app once installed. */
  links: { store: Store; url: string; referrer?: boolean }[];
}

const conversations: ChatApp = {
  name: "Conversations",
  links: [
    {
      store: "googlePlay",
      url: "https://play.google.com/store/apps/details?id=eu.siacs.conversations",
      referrer: true,
    },
    { store: "fdroid", url: "https://f-droid.org/packages/eu.siacs.conversations/" },
  ],
};
const gajim: ChatApp = { name: "Gajim", links: [{ store: "download", url: "https://gajim.org/download/" }] };

export const chatApps: Record<Platform, ChatApp[]> = {
  android: [
    conversations,
    { name: "Monocles chat", links: [{ store: "fdroid", url: "https://f-droid.org/packages/de.monocles.chat/" }] },
  ],
  ios: [
    {
      name: "Monal",
      links: [{ store: "appStore", url: "https://apps.apple.com/app/monal-free-xmpp-chat/id317711500" }],
    },
    { name: "Siskin IM", links: [{ store: "appStore", url: "https://apps.apple.com/app/siskin-im/id1153516838" }] },
  ],
  windows: [gajim],
  linux: [gajim, { name: "Dino", links: [{ store: "download", url: "https://dino.im/#download" }] }],
  mac: [
    { name: "Monal", links: [{ store: "appStore", url: "https://apps.apple.com/app/id1637078500" }] },
    { name: "Beagle IM", links: [{ store: "appStore", url: "https://apps.apple.com/app/beagle-im/id1445349494" }] },
  ],
};

export const platforms: Platform[] = ["android", "ios", "windows", "linux", "mac"];

export const isPhone = (p: Platform | null): p is "android" | "ios" => p === "android" || p === "ios";

/**
 * The store link, carrying the invite when the store can hand it over: Conversations installed from Google Play
 * reads the install referrer and opens the XEP-0401 URI by itself (as with Prosody's own invite pages).
 */
export function storeUrl(link: ChatApp["links"][number], uri?: string): string {
  return uri && link.referrer ? `${link.url}&referrer=${encodeURIComponent(uri)}` : link.url;
}

/** A best guess from the User-Agent; null when it says nothing useful. */
export function platformOf(userAgent: string | null | undefined): Platform | null {
  const ua = userAgent ?? "";
  if (/android/i.test(ua)) return "android";
  if (/iphone|ipad|ipod/i.test(ua)) return "ios";
  if (/windows/i.test(ua)) return "windows";
  if (/macintosh|mac os x/i.test(ua)) return "mac";
  if (/linux|x11/i.test(ua)) return "linux";
  return null;
}
