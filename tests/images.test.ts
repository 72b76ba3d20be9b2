// The container images, checked without Docker. Each Dockerfile is read for what it promises: base images pinned by
// tag and digest, a last stage that does not run as root, the packages a managed server needs. The node image's
// servers are then compiled as its build stage compiles them and run from the files its last stage holds (production
// dependencies only, the same layout), as an unprivileged user, with no TypeScript loader.
import { type ChildProcess, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { isBuiltin } from "node:module";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot } from "@xmpp-host/config";
import { createRedis } from "@xmpp-host/queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { resetDatabase } from "./helpers/platform.ts";
import { until } from "./helpers/wait.ts";

// ---- Reading Dockerfiles -------------------------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  image: string;
  name: string | null;
  instructions: Instruction[];
}

interface Copy {
  from: string | null;
  sources: string[];
  dest: string;
}

/** The stages of a Dockerfile, each with its instructions (continued lines joined, comments left out). */
function parseDockerfile(text: string): Stage[] {
  const lines: string[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    // Comments (parser directives too) may also stand between continued lines.
    if (line.startsWith("#")) continue;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    const whole = `${pending}${line}`.trim();
    pending = "";
    if (whole) lines.push(whole);
  }
  if (pending.trim()) lines.push(pending.trim());
  const stages: Stage[] = [];
  for (const line of lines) {
    const m = /^(\w+)\s+(.*)$/.exec(line);
    if (!m?.[1] || m[2] === undefined) throw new Error(`unreadable instruction: ${line}`);
    const keyword = m[1].toUpperCase();
    const args = m[2].trim();
    if (keyword === "FROM") {
      const words = args.split(/\s+/).filter((w) => !w.startsWith("--"));
      const name = words[1]?.toLowerCase() === "as" ? (words[2] ?? null) : null;
      stages.push({ image: words[0] ?? "", name, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${keyword} before the first FROM`);
    stage.instructions.push({ keyword, args });
  }
  return stages;
}

const dockerDir = path.join(repoRoot, "infra/docker");
const dockerfile = (file: string): Stage[] => parseDockerfile(readFileSync(path.join(dockerDir, file), "utf8"));
const IMAGES = ["node.Dockerfile", "web.Dockerfile", "prosody.Dockerfile", "ejabberd.Dockerfile"] as const;

function lastStage(stages: Stage[]): Stage {
  const stage = stages.at(-1);
  if (!stage) throw new Error("no stage");
  return stage;
}

function stageNamed(stages: Stage[], name: string | null): Stage | undefined {
  return name === null ? undefined : stages.find((s) => s.name === name);
}

/** The stage a stage starts from, when it starts from an earlier one. */
function parentOf(stages: Stage[], stage: Stage): Stage | undefined {
  return stages.slice(0, stages.indexOf(stage)).find((s) => s.name === stage.image);
}

function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

/** The last value of an instruction in a stage or, when it has none, in the stage it starts from. */
function inherited(stages: Stage[], stage: Stage, keyword: string): string | undefined {
  const own = argsOf(stage, keyword).at(-1);
  if (own !== undefined) return own;
  const parent = parentOf(stages, stage);
  return parent ? inherited(stages, parent, keyword) : undefined;
}

/** Who the stage's processes run as: its last USER, the stage it starts from, or root (the base images' own). */
function userOf(stages: Stage[], stage: Stage): string {
  return inherited(stages, stage, "USER") ?? "root";
}

function workdirOf(stages: Stage[], stage: Stage): string {
  const dir = inherited(stages, stage, "WORKDIR");
  if (!dir?.startsWith("/")) throw new Error(`stage ${stage.name ?? stage.image} has no absolute WORKDIR`);
  return dir;
}

/** The shell commands of a stage's RUN instructions, split at && and ;. */
function commandsOf(stage: Stage): string[] {
  return argsOf(stage, "RUN").flatMap((run) =>
    run
      .split(/&&|;/)
      .map((c) => c.trim())
      .filter(Boolean),
  );
}

/** Whether the stage, or one it starts from, runs `command`. */
function runs(stages: Stage[], stage: Stage, test: (command: string) => boolean): boolean {
  if (commandsOf(stage).some(test)) return true;
  const parent = parentOf(stages, stage);
  return parent ? runs(stages, parent, test) : false;
}

/** The packages `apt-get install` installs in a stage. */
function aptPackages(stage: Stage): string[] {
  return commandsOf(stage).flatMap((c) => {
    const m = /\bapt-get\s+install\s+(.*)$/.exec(c);
    return m?.[1] ? m[1].split(/\s+/).filter((w) => w && !w.startsWith("-")) : [];
  });
}

function copiesOf(stage: Stage): Copy[] {
  return argsOf(stage, "COPY").map((args) => {
    const words = args.split(/\s+/);
    const from = words.find((w) => w.startsWith("--from="))?.slice("--from=".length) ?? null;
    const paths = words.filter((w) => !w.startsWith("--"));
    const dest = paths.pop();
    if (!dest || paths.length === 0) throw new Error(`unreadable COPY ${args}`);
    return { from, sources: paths, dest };
  });
}

function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const args of argsOf(stage, "ENV")) {
    for (const pair of args.split(/\s+/)) {
      const eq = pair.indexOf("=");
      if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return env;
}

function execForm(stage: Stage, keyword: "CMD" | "ENTRYPOINT"): string[] {
  const args = argsOf(stage, keyword).at(-1);
  if (!args) return [];
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((w) => typeof w === "string")) throw new Error(`${keyword} ${args}`);
  return parsed;
}

/** A base image pinned to one build: name:tag@sha256:<digest>. */
const PINNED = /^[a-z0-9]+(?:[._/-][a-z0-9]+)*:(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]*)@sha256:[0-9a-f]{64}$/;
/** A tag that names one release: a full version (20.20.2-bookworm-slim) or a dated build (bookworm-20261005-slim). */
const EXACT_TAG = /(^|-)\d+\.\d+\.\d+(-|$)|(^|-)\d{8}(-|$)/;
/** The account the Kubernetes runtime runs server pods as (its default runAsUser), which the server images fix. */
const SERVER_UID = 10001;

/** Every directory where package-lock.json installs packages (node_modules, packages/x/node_modules, ...). */
function lockNodeModulesDirs(): string[] {
  const lock = JSON.parse(readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")) as LockFile;
  const dirs = new Set<string>();
  for (const key of Object.keys(lock.packages)) {
    const at = key.lastIndexOf("node_modules/");
    if (at >= 0) dirs.add(key.slice(0, at + "node_modules".length));
  }
  return [...dirs];
}

/**
 * Checks that a last stage copies node_modules only from a stage that installed production dependencies: nothing it
 * copies from a stage with every dependency holds a node_modules directory.
 */
function expectProductionModulesOnly(stages: Stage[]): void {
  const last = lastStage(stages);
  const production = stages.filter((s) => commandsOf(s).some((c) => /^npm ci\b.*--omit=dev\b/.test(c)));
  expect(production.map((s) => s.name)).toHaveLength(1);
  const full = stages.filter(
    (s) => s !== last && runs(stages, s, (c) => /^npm (ci|install)\b/.test(c) && !/--omit=dev/.test(c)),
  );
  expect(full.length).toBeGreaterThan(0);
  const moduleDirs = lockNodeModulesDirs();
  expect(moduleDirs).toContain("node_modules");

  const copies = copiesOf(last);
  const productionDir = production[0] ? workdirOf(stages, production[0]) : "";
  const fromProduction = copies.filter((c) => c.from === production[0]?.name);
  const modulesCopied = fromProduction.some((c) =>
    c.sources.some((s) => ["", "node_modules"].includes(path.posix.relative(productionDir, s))),
  );
  expect(modulesCopied, "node_modules from the production stage").toBe(true);
  for (const c of copies) {
    const from = full.find((s) => s.name === c.from);
    if (!from) continue;
    for (const source of c.sources) {
      const rel = path.posix.relative(workdirOf(stages, from), source);
      const holdsModules = rel === "" || moduleDirs.some((dir) => dir === rel || dir.startsWith(`${rel}/`));
      expect(holdsModules || rel.split("/").includes("node_modules"), `COPY --from=${c.from} ${source}`).toBe(false);
    }
  }
}

// ---- Running processes as the image would --------------------------------------------------------------------------

interface Account {
  uid: number;
  gid: number;
}

function account(name: string): Account {
  for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
    const [user, , uid, gid] = line.split(":");
    if (user === name) return { uid: Number(uid), gid: Number(gid) };
  }
  throw new Error(`no account ${name}`);
}

/** The images run as an unprivileged account: a root test runner runs their commands as `nobody`, anyone else as self. */
const unprivileged: Account | null = process.getuid?.() === 0 ? account("nobody") : null;

/** Makes `dir` the unprivileged account's own (when this process can). */
function giveAway(dir: string): void {
  if (unprivileged) chownSync(dir, unprivileged.uid, unprivileged.gid);
}

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; asUser?: boolean } = {}) {
  return new Promise<Result>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd ?? repoRoot,
      env: opts.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      ...(opts.asUser && unprivileged ? unprivileged : {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A running server process with what it printed so far. */
interface Server {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startServer(args: string[], cwd: string, env: NodeJS.ProcessEnv): Server {
  const child = spawn(process.execPath, args, {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    ...(unprivileged ?? {}),
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d;
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** Waits for `fn` while the server runs; fails at once, with what it printed, if it stops. */
async function whileRunning<T>(server: Server, what: string, fn: () => Promise<T | undefined | null | false>) {
  let stopped = false;
  void server.exited.then(() => {
    stopped = true;
  });
  return until(
    what,
    async () => {
      if (stopped) throw new Error(`the process stopped before ${what}:\n${server.output().slice(-4000)}`);
      return fn();
    },
    45_000,
    200,
  );
}

async function stopServer(server: Server): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited;
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 20_000);
  const result = await server.exited;
  clearTimeout(timer);
  return result;
}

function procArgs(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
}

function procUid(pid: number): number {
  const m = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m?.[1]) throw new Error(`no Uid for process ${pid}`);
  return Number(m[1]);
}

function procEnv(pid: number): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of readFileSync(`/proc/${pid}/environ`, "utf8").split("\0")) {
    const eq = pair.indexOf("=");
    if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

/** What would make node run TypeScript: a loader, an import hook, type stripping. */
const TS_LOADER =
  /\btsx\b|ts-node|--(experimental-)?loader|--import|--require|^-r$|--experimental-(strip|transform)-types/;

function expectPlainNode(pid: number, args: string[]): void {
  const actual = procArgs(pid);
  expect(actual).toEqual([process.execPath, ...args]);
  for (const arg of actual) expect(arg).not.toMatch(TS_LOADER);
  expect(procEnv(pid).NODE_OPTIONS ?? "").not.toMatch(TS_LOADER);
  expect(procUid(pid)).not.toBe(0);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function flushRedis(): Promise<void> {
  const redis = createRedis(process.env.REDIS_URL as string);
  await redis.flushdb();
  redis.disconnect();
}

interface LockEntry {
  version?: string;
  link?: boolean;
  bin?: Record<string, string>;
}

interface LockFile {
  packages: Record<string, LockEntry>;
}

/** esbuild's import statements (at the start of a line), dynamic imports and imports for effect. */
const IMPORTS = /^(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)";|\bimport\(\s*"([^"]+)"\s*\)|^import\s*"([^"]+)";/gm;
const BARE_SPECIFIER = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w.@-]+)*$/;

/** The package a bare import names: `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

/** Every .mjs file under `dir`. */
function modulesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".mjs"))
    .map((f) => path.join(dir, f));
}

// ---- Every image ---------------------------------------------------------------------------------------------------

describe.each(IMAGES)("%s", (file) => {
  const stages = dockerfile(file);

  it("starts every stage from an earlier one or from a base image pinned by exact tag and digest", () => {
    const bases = stages.filter((s) => !parentOf(stages, s));
    expect(bases.length).toBeGreaterThan(0);
    for (const stage of bases) {
      const m = PINNED.exec(stage.image);
      expect(m, `FROM ${stage.image}`).not.toBeNull();
      expect(m?.groups?.tag, `FROM ${stage.image}`).toMatch(EXACT_TAG);
    }
  });

  it("runs its last stage as an account that is not root", () => {
    const user = userOf(stages, lastStage(stages));
    const [name] = user.split(":");
    expect(["root", "0", ""]).not.toContain(name);
    const expected = { "node.Dockerfile": "node", "web.Dockerfile": "node" } as Record<string, string>;
    expect(user).toBe(expected[file] ?? file.replace(".Dockerfile", ""));
  });
});

describe("the images together", () => {
  it("share one pin per base image, so that renewing it is one change", () => {
    const bases = IMAGES.flatMap((f) => {
      const stages = dockerfile(f);
      return stages.filter((s) => !parentOf(stages, s)).map((s) => s.image);
    });
    const byName = new Map<string, Set<string>>();
    for (const image of bases) {
      const name = image.split(":")[0] as string;
      byName.set(name, (byName.get(name) ?? new Set()).add(image));
    }
    expect([...byName.keys()].sort()).toEqual(["debian", "node"]);
    for (const [name, pins] of byName) expect([...pins], name).toHaveLength(1);
  });

  it("are built from a context without dependencies, builds or local state", () => {
    const ignored = readFileSync(path.join(repoRoot, ".dockerignore"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    for (const entry of ["**/node_modules", "dist", "var", ".env", ".git"]) expect(ignored).toContain(entry);
  });
});

// ---- The node image (API, worker, migration) -----------------------------------------------------------------------

describe("node.Dockerfile", () => {
  const stages = dockerfile("node.Dockerfile");
  const last = lastStage(stages);

  it("compiles the servers in a build stage and runs the compiled API, from the same WORKDIR", () => {
    const build = stages.find((s) => commandsOf(s).includes("node scripts/build-servers.mjs"));
    if (!build) throw new Error("no stage builds it");
    // A stage of its own, named, not the image that runs.
    expect(build.name).toMatch(/^[a-z][\w-]*$/);
    expect(build).not.toBe(last);
    const workdir = workdirOf(stages, build);
    expect(workdirOf(stages, last)).toBe(workdir);
    const dist = copiesOf(last).find((c) => c.from === build.name && c.sources.includes(`${workdir}/dist`));
    expect(dist?.dest.replace(/\/$/, "")).toBe("dist");
    expect(execForm(last, "CMD")).toEqual(["node", "--enable-source-maps", "dist/api.mjs"]);
    for (const i of last.instructions) expect(i.args).not.toMatch(/\btsx\b/);
  });

  it("holds production dependencies only", () => {
    expectProductionModulesOnly(stages);
  });

  it("makes /data, the data root, its user's own", () => {
    const user = userOf(stages, last);
    const env = envOf(last);
    expect(env.DATA_ROOT).toBe("/data");
    expect(env.BACKUP_LOCAL_DIR?.startsWith("/data/")).toBe(true);
    const made = commandsOf(last).find(
      (c) =>
        /(^|\s)\/data(\s|$)/.test(c) &&
        (new RegExp(`^install -d .*-o ${user} `).test(c) || new RegExp(`^chown (-R )?${user}[:\\s]`).test(c)),
    );
    expect(made).toBeDefined();
    expect(made?.split(/\s+/)).toContain(env.BACKUP_LOCAL_DIR);
    expect(argsOf(last, "VOLUME")).toContain("/data");
  });

  it("installs what the worker runs, with tini as PID 1", () => {
    const packages = aptPackages(last);
    for (const p of ["prosody", "prosody-modules", "lua-unbound", "ejabberd", "coturn", "biboumi", "ca-certificates"])
      expect(packages).toContain(p);
    expect(packages).toContain("tini");
    expect(execForm(last, "ENTRYPOINT")[0]).toBe("/usr/bin/tini");
  });

  it("lets a worker that is not root run Debian's ejabberdctl, which the original refuses", async () => {
    const patch = argsOf(last, "RUN").find((r) => r.includes("/usr/sbin/ejabberdctl"));
    expect(patch).toBeDefined();
    const dir = mkdtempSync(path.join(tmpdir(), "xh-ejabberdctl-"));
    try {
      chmodSync(dir, 0o755);
      const original = path.join(dir, "original");
      const patched = path.join(dir, "patched");
      copyFileSync("/usr/sbin/ejabberdctl", original);
      copyFileSync("/usr/sbin/ejabberdctl", patched);
      const applied = await run("sh", ["-c", (patch as string).replaceAll("/usr/sbin/ejabberdctl", patched)]);
      expect(applied.code, applied.stderr).toBe(0);
      // ejabberdctl reads this right after its check of the user: reaching it is enough.
      mkdirSync(path.join(dir, "etc"));
      writeFileSync(path.join(dir, "etc/ejabberdctl.cfg"), "echo past the user check\nexit 42\n");
      chmodSync(path.join(dir, "etc"), 0o755);
      chmodSync(path.join(dir, "etc/ejabberdctl.cfg"), 0o644);
      const args = ["--config-dir", path.join(dir, "etc"), "status"];
      const refused = await run(original, args, { asUser: true });
      expect(refused.code).toBe(7);
      expect(refused.stderr).toContain("can only be run by root or the user ejabberd");
      const accepted = await run(patched, args, { asUser: true });
      expect({ code: accepted.code, stdout: accepted.stdout.trim() }).toEqual({
        code: 42,
        stdout: "past the user check",
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- The web image -------------------------------------------------------------------------------------------------

describe("web.Dockerfile", () => {
  const stages = dockerfile("web.Dockerfile");
  const last = lastStage(stages);

  it("builds the app in a build stage and runs its own server on the build", () => {
    const build = stages.find((s) => commandsOf(s).some((c) => /\bnext build\b/.test(c)));
    if (!build) throw new Error("no stage builds it");
    // A stage of its own, named, not the image that runs.
    expect(build.name).toMatch(/^[a-z][\w-]*$/);
    expect(build).not.toBe(last);
    const webDir = `${workdirOf(stages, build)}/apps/web`;
    expect(copiesOf(last).some((c) => c.from === build.name && c.sources.includes(webDir))).toBe(true);
    expect(workdirOf(stages, last)).toBe(webDir);
    expect(execForm(last, "CMD")).toEqual(["node", "server.mjs"]);
    expect(envOf(last).NODE_ENV).toBe("production");
  });

  it("holds production dependencies only", () => {
    expectProductionModulesOnly(stages);
  });
});

// ---- The managed servers' images -----------------------------------------------------------------------------------

const SERVER_IMAGES = [
  {
    file: "prosody.Dockerfile",
    user: "prosody",
    packages: ["prosody", "prosody-modules", "lua-unbound"],
    cmd: ["prosody", "-F"],
  },
  { file: "ejabberd.Dockerfile", user: "ejabberd", packages: ["ejabberd"], cmd: ["ejabberdctl", "foreground"] },
] as const;

describe.each(SERVER_IMAGES)("$file", ({ file, user, packages, cmd }) => {
  const stages = dockerfile(file);
  const last = lastStage(stages);

  it("installs the server from Debian bookworm, with socat for the admin socket and the CA certificates", () => {
    expect(last.image).toMatch(/^debian:bookworm-/);
    const installed = aptPackages(last);
    for (const p of [...packages, "socat", "ca-certificates"]) expect(installed).toContain(p);
  });

  it("runs as the package's own account, made before the package with the id the runtime's pods run as", () => {
    expect(userOf(stages, last)).toBe(user);
    const commands = commandsOf(last);
    const group = commands.findIndex((c) => new RegExp(`^groupadd .*--gid ${SERVER_UID} ${user}$`).test(c));
    const account = commands.findIndex((c) =>
      new RegExp(`^useradd .*--uid ${SERVER_UID} --gid ${user} .*\\b${user}$`).test(c),
    );
    const install = commands.findIndex((c) => /\bapt-get\s+install\b/.test(c));
    expect(group).toBeGreaterThanOrEqual(0);
    expect(account).toBeGreaterThan(group);
    expect(install).toBeGreaterThan(account);
  });

  it("has /srv/xmpp, owned by that account, as its working folder", () => {
    const made = commandsOf(last).find(
      (c) =>
        /(^|\s)\/srv\/xmpp(\s|$)/.test(c) &&
        (new RegExp(`^install -d .*-o ${user} -g ${user} `).test(c) ||
          new RegExp(`^chown (-R )?${user}:${user} `).test(c)),
    );
    expect(made).toBeDefined();
    expect(workdirOf(stages, last)).toBe("/srv/xmpp");
  });

  it("starts the server in the foreground by default, under tini", () => {
    expect(execForm(last, "CMD")).toEqual(cmd);
    expect(execForm(last, "ENTRYPOINT")[0]).toBe("/usr/bin/tini");
  });
});

describe("ejabberd.Dockerfile's account", () => {
  it("is the one Debian's ejabberdctl insists on", () => {
    const installUser = /^INSTALLUSER=(.*)$/m.exec(readFileSync("/usr/sbin/ejabberdctl", "utf8"))?.[1];
    const stages = dockerfile("ejabberd.Dockerfile");
    expect(userOf(stages, lastStage(stages))).toBe(installUser);
  });
});

// ---- The node image's compiled servers, run ------------------------------------------------------------------------

describe("the node image's servers, compiled and run as its last stage holds them", () => {
  const stages = dockerfile("node.Dockerfile");
  const last = lastStage(stages);
  const buildStage = stages.find((s) => commandsOf(s).includes("node scripts/build-servers.mjs"));
  const productionStage = stages.find((s) => commandsOf(s).some((c) => /^npm ci\b.*--omit=dev\b/.test(c)));
  const compose = parseYaml(readFileSync(path.join(repoRoot, "docker-compose.yml"), "utf8")) as {
    services: Record<string, { build?: { dockerfile?: string; target?: string }; command?: string[] }>;
  };
  const nodeServices = Object.entries(compose.services).filter(
    ([, s]) => s.build?.dockerfile === "infra/docker/node.Dockerfile",
  );
  const lock = JSON.parse(readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")) as LockFile;

  let out = "";
  let sim = "";
  let app = "";
  let data = "";
  let home = "";
  let npmCi: Result = { code: null, stdout: "", stderr: "" };
  /** name@version of every package `npm ci --omit=dev` installs. */
  const kept = new Set<string>();
  /** The packages the image's node_modules holds at its top, where the compiled code finds them. */
  const topLevel = new Set<string>();
  const servers: Server[] = [];
  let env: NodeJS.ProcessEnv = {};
  let port = 0;

  /** The production install: npm's own answer, from the manifests the image installs from. */
  async function productionInstall(): Promise<void> {
    const dir = path.join(sim, "manifests");
    mkdirSync(dir);
    copyFileSync(path.join(repoRoot, "package.json"), path.join(dir, "package.json"));
    copyFileSync(path.join(repoRoot, "package-lock.json"), path.join(dir, "package-lock.json"));
    for (const key of Object.keys(lock.packages).filter((k) => k && !k.includes("node_modules"))) {
      mkdirSync(path.join(dir, key), { recursive: true });
      copyFileSync(path.join(repoRoot, key, "package.json"), path.join(dir, key, "package.json"));
    }
    npmCi = await run(
      "npm",
      ["ci", "--dry-run", "--omit=dev", "--ignore-scripts", "--offline", "--no-audit", "--no-fund"],
      { cwd: dir, env: { ...process.env, npm_config_cache: path.join(sim, "npm-cache") } },
    );
    for (const m of npmCi.stdout.matchAll(/^add (\S+) (\S+)$/gm)) kept.add(`${m[1]}@${m[2]}`);
  }

  /** node_modules as the production stage installs it: links to the repository's copies of the packages it keeps. */
  function productionModules(dest: string): void {
    mkdirSync(path.join(dest, ".bin"), { recursive: true });
    for (const [key, entry] of Object.entries(lock.packages)) {
      const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(key);
      if (!m?.[1] || entry.link || !kept.has(`${m[1]}@${entry.version}`)) continue;
      const real = path.join(repoRoot, key);
      // Another platform's optional binary is listed but not installed.
      if (!existsSync(real)) continue;
      mkdirSync(path.dirname(path.join(dest, m[1])), { recursive: true });
      symlinkSync(real, path.join(dest, m[1]));
      topLevel.add(m[1]);
      for (const [bin, target] of Object.entries(entry.bin ?? {}))
        symlinkSync(path.join("..", m[1], target), path.join(dest, ".bin", bin));
    }
  }

  /** Puts what `source` holds in `stage` at `dest`, as COPY --from would. */
  function place(stage: Stage, source: string, dest: string): void {
    const base = workdirOf(stages, stage);
    const rel = path.posix.relative(base, source);
    if (rel === "" || rel === "node_modules") {
      // The whole folder of the production stage: its node_modules and the files copied into it from the context.
      expect(stage, `COPY --from=${stage.name} ${source}`).toBe(productionStage);
      if (rel === "node_modules") {
        productionModules(dest);
        return;
      }
      productionModules(path.join(dest, "node_modules"));
      for (let s: Stage | undefined = stage; s; s = parentOf(stages, s)) {
        for (const c of copiesOf(s).filter((c) => c.from === null)) {
          for (const src of c.sources) place(s, path.posix.join(base, src), path.join(dest, c.dest));
        }
      }
      return;
    }
    const from = rel === "dist" && stage === buildStage ? out : path.join(repoRoot, rel);
    const target = statSync(from).isDirectory() || !dest.endsWith("/") ? dest : path.join(dest, path.basename(rel));
    cpSync(from, target, { recursive: true, filter: (f) => path.basename(f) !== "node_modules" });
  }

  beforeAll(async () => {
    mkdirSync(path.join(repoRoot, "var"), { recursive: true });
    out = mkdtempSync(path.join(repoRoot, "var", "image-build-"));
    // Copied with its mode: readable by the unprivileged account, as the image's files are.
    chmodSync(out, 0o755);
    sim = mkdtempSync(path.join(tmpdir(), "xh-image-"));
    chmodSync(sim, 0o755);
    app = path.join(sim, "app");
    data = path.join(sim, "data");
    home = path.join(sim, "home");
    for (const dir of [app, data, path.join(data, "backups"), home]) mkdirSync(dir, { recursive: true });
    for (const dir of [data, path.join(data, "backups"), home]) giveAway(dir);

    // The build stage's command, with an output folder of this test's own.
    const built = await run(process.execPath, ["scripts/build-servers.mjs", path.relative(repoRoot, out)]);
    if (built.code !== 0) throw new Error(`build-servers failed:\n${built.stderr}`);
    await productionInstall();
    for (const c of copiesOf(last)) {
      const from = stageNamed(stages, c.from);
      if (!from) throw new Error(`COPY from the context in the last stage: ${c.sources.join(" ")}`);
      for (const source of c.sources) place(from, source, path.join(app, c.dest));
    }

    port = await freePort();
    const portBase = 20000 + Math.floor(Math.random() * 400) * 100;
    const { NODE_OPTIONS: _o, NODE_PATH: _p, ...inheritedEnv } = process.env;
    env = {
      ...inheritedEnv,
      ...envOf(last),
      DATA_ROOT: data,
      BACKUP_LOCAL_DIR: path.join(data, "backups"),
      HOME: home,
      LOG_LEVEL: "info",
      API_HOST: "127.0.0.1",
      API_PORT: String(port),
      INSTANCE_PORT_RANGE_START: String(portBase),
      INSTANCE_PORT_RANGE_END: String(portBase + 99),
      TURN_ENABLED: "false",
      COMPLIANCE_CHECK_INTERVAL_MS: "0",
      npm_config_update_notifier: "false",
    };
  });

  afterAll(async () => {
    for (const server of servers) {
      server.child.kill("SIGKILL");
      await server.exited;
    }
    await resetDatabase();
    await flushRedis();
    rmSync(out, { recursive: true, force: true });
    rmSync(sim, { recursive: true, force: true });
  });

  it("npm ci accepts the manifests and lockfile, and keeps what the compiled code imports at the top of node_modules", () => {
    expect(npmCi.code, npmCi.stderr).toBe(0);
    expect(kept.size).toBeGreaterThan(0);
    const imported = new Set<string>();
    for (const file of modulesUnder(out)) {
      const code = readFileSync(file, "utf8");
      for (const m of code.matchAll(IMPORTS)) {
        const specifier = m[1] ?? m[2] ?? m[3] ?? "";
        if (specifier.startsWith(".") || isBuiltin(specifier)) continue;
        expect(specifier, file).toMatch(BARE_SPECIFIER);
        imported.add(packageName(specifier));
      }
    }
    expect(imported.size).toBeGreaterThan(0);
    const missing = [...imported].filter((p) => !topLevel.has(p));
    expect(missing, "imported by the compiled code, not installed at the top by npm ci --omit=dev").toEqual([]);
  });

  it("builds every entry point the image's commands run", () => {
    const commands = [execForm(last, "CMD"), ...nodeServices.map(([, s]) => s.command ?? [])];
    const entries = new Set(commands.flatMap((c) => c.join(" ").match(/\bdist\/[\w-]+\.mjs\b/g) ?? []));
    expect([...entries].sort()).toEqual(["dist/api.mjs", "dist/seed.mjs", "dist/worker.mjs"]);
    for (const entry of entries) expect(existsSync(path.join(app, entry)), entry).toBe(true);
    for (const [name, service] of nodeServices) {
      expect((service.command ?? []).join(" "), name).not.toMatch(/\btsx\b/);
      if (service.build?.target) expect(stageNamed(stages, service.build.target), name).toBeDefined();
    }
  });

  it("finds in the image every file the compiled code looks for beside its sources", () => {
    const urls = new Set<string>();
    for (const file of modulesUnder(out)) {
      for (const m of readFileSync(file, "utf8").matchAll(/file:\/\/\/[^"'`\s)]+/g)) urls.add(m[0]);
    }
    expect(urls.size).toBeGreaterThan(0);
    for (const url of urls) {
      const rel = path.relative(repoRoot, fileURLToPath(url));
      expect(rel.startsWith(".."), url).toBe(false);
      expect(existsSync(path.join(app, rel)), rel).toBe(true);
    }
    // The platform's server modules, read from beside the sources at run time.
    for (const dir of ["packages/xmpp/src/servers/prosody/modules", "packages/xmpp/src/servers/ejabberd/modules"])
      expect(readdirSync(path.join(app, dir)).length, dir).toBeGreaterThan(0);
  });

  it("migrates and seeds with docker-compose's command, as an unprivileged user and without tsx", async () => {
    const migrate = nodeServices.find(([name]) => name === "migrate")?.[1].command ?? [];
    expect(migrate.slice(0, 2)).toEqual(["sh", "-c"]);
    const script = migrate[2] ?? "";
    expect(script).toContain("prisma migrate deploy");
    expect(script).not.toMatch(/\btsx\b/);
    await resetDatabase();
    const result = await run("sh", ["-c", script], { cwd: app, env, asUser: true });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain("Login:");
  });

  describe("the API and the worker", () => {
    let api: Server;
    let worker: Server;
    const get = async (p: string) => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}${p}`);
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      } catch {
        return null;
      }
    };

    beforeAll(async () => {
      // The seed left a demo instance to create: none is left for the worker to start.
      await resetDatabase();
      await flushRedis();
    });

    it("the image's command starts the API, which answers /healthz, compiled, not as root, with no TypeScript loader", async () => {
      const cmd = execForm(last, "CMD");
      expect(cmd[0]).toBe("node");
      api = startServer(cmd.slice(1), app, env);
      servers.push(api);
      const health = await whileRunning(api, "/healthz", async () => {
        const res = await get("/healthz");
        return res?.status === 200 ? res : null;
      });
      expect(health.body).toEqual({ status: "ok" });
      expectPlainNode(api.child.pid as number, cmd.slice(1));
    });

    it("docker-compose's command starts the worker, compiled, not as root, and the API sees its heartbeat", async () => {
      const cmd = nodeServices.find(([name]) => name === "worker")?.[1].command ?? [];
      expect(cmd[0]).toBe("node");
      worker = startServer(cmd.slice(1), app, env);
      servers.push(worker);
      await whileRunning(worker, "the worker's start", async () =>
        worker
          .output()
          .split("\n")
          .some((line) => line.includes('"msg":"worker started"')),
      );
      expectPlainNode(worker.child.pid as number, cmd.slice(1));
      const ready = await whileRunning(api, "the worker's heartbeat", async () => {
        const res = await get("/readyz");
        return res && (res.body.worker as { alive?: boolean } | undefined)?.alive ? res : null;
      });
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: "ready", database: true, redis: true, worker: { alive: true } });
    });

    it("both stop on SIGTERM, cleanly", async () => {
      expect(await stopServer(worker)).toEqual({ code: 0, signal: null });
      expect(await stopServer(api)).toEqual({ code: 0, signal: null });
    });
  });
});
