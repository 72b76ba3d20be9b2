import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** SHA-256 of every file under `dir`, keyed by relative path: "unchanged" means equal maps. */
export function treeDigest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) out[r] = sha(readFileSync(path.join(dir, r)));
    }
  };
  walk("");
  return out;
}
