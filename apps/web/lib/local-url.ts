/** True for addresses only this machine can reach (localhost, 127.0.0.0/8, ::1): links to them work nowhere else. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    /^127(\.\d{1,3}){3}$/.test(host) ||
    host === "[::1]" ||
    host === "[::ffff:7f00:1]"
  );
}
