/** Chat apps we recommend, per system; the invite page puts the visitor's own system first. */
export type Platform = "android" | "ios" | "windows" | "linux" | "mac";

export const chatApps: Record<Platform, { name: string; url: string }[]> = {
  android: [
    { name: "Conversations", url: "https://conversations.im/" },
    { name: "Monocles chat", url: "https://f-droid.org/packages/de.monocles.chat/" },
  ],
  ios: [
    { name: "Monal", url: "https://monal-im.org/" },
    { name: "Siskin IM", url: "https://siskin.im/" },
  ],
  windows: [{ name: "Gajim", url: "https://gajim.org/" }],
  linux: [
    { name: "Gajim", url: "https://gajim.org/" },
    { name: "Dino", url: "https://dino.im/" },
  ],
  mac: [
    { name: "Monal", url: "https://monal-im.org/" },
    { name: "Beagle IM", url: "https://beagle.im/" },
  ],
};

export const platforms: Platform[] = ["android", "ios", "windows", "linux", "mac"];

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
