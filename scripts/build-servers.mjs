/**
 * Compiles the API and the worker ahead of time into dist/api.mjs and dist/worker.mjs, so that npm run up
 * runs plain JavaScript: no TypeScript loader in each process (its compiler thread and service cost about
 * 30 MB per process, and compiling at start costs seconds). The demo seed (prisma/seed.ts) becomes dist/seed.mjs,
 * which the container image's migration runs.
 *
 * Our own packages are bundled in; every npm package stays in node_modules. `import.meta.url` keeps naming the
 * source file it was written in, so paths found beside the sources (the repository root, Lua code) still resolve.
 *
 * Usage: node scripts/build-servers.mjs [OUT_DIR]. OUT_DIR (default dist) must lie inside the repository, where
 * node_modules can be found from it.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** @type {import("esbuild").Plugin} */
const layout = {
  name: "platform-layout",
  setup(b) {
    // npm packages are loaded from node_modules at run time; only @xmpp-host/* is bundled.
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@xmpp-host/") || args.path.startsWith("node:") ? undefined : { external: true },
    );
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const own = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll("import.meta.url", own), loader: "ts" };
    });
  },
};

const outdir = path.resolve(root, process.argv[2] ?? "dist");
if (path.relative(root, outdir).startsWith("..")) throw new Error(`${outdir} is outside the repository`);
const started = Date.now();
await build({
  absWorkingDir: root,
  entryPoints: { api: "apps/api/src/main.ts", worker: "apps/worker/src/main.ts", seed: "prisma/seed.ts" },
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  // The entry points share our packages: one copy of each, in a shared chunk.
  splitting: true,
  chunkNames: "shared/[name]-[hash]",
  logLevel: "warning",
  plugins: [layout],
});
const shown = path.relative(root, outdir);
console.log(`built ${shown}/api.mjs, ${shown}/worker.mjs and ${shown}/seed.mjs in ${Date.now() - started} ms`);
