import { open } from "node:fs/promises";
/**
 * Relative paths as stored in archives and used as store keys: "/"-separated, no empty, "." or ".."
 * segment, no NUL or backslash, so joining one under a directory can never leave that directory.
 */
export function isSafeRelativePath(p: unknown): p is string {
  if (typeof p !== "string" || p.length === 0 || p.length > 4096) return false;
  if (p.includes("\0") || p.includes("\\") || p.startsWith("/")) return false;
  return p.split("/").every((s) => s !== "" && s !== "." && s !== ".." && Buffer.byteLength(s) <= 255);
}

/** Makes a directory's entries (files created, renamed or removed in it) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
