import { randomBytes } from "node:crypto";
import { cp, mkdtemp, rename, rm, stat } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { DriverUnavailableError } from "../../driver.ts";
import type { AdminChannel, InstanceExec, InstanceLayout, ServerKind, SnapshotSource } from "../kind.ts";
import { type InstanceSpec, PLACEHOLDER_HOST } from "../spec.ts";
import {
  ADMIN_JID,
  ADMIN_USER,
  API_URL,
  assertRenderable,
  ejabberdPaths,
  platformModuleSources,
  renderCtlConfig,
  renderHostsConfig,
  renderInetrc,
  renderMainConfig,
  renderS2sCaFile,
} from "./config.ts";
import { EjabberdDriver } from "./driver.ts";
import { EjabberdApiClient, EjabberdApiError } from "./http-api.ts";

export interface EjabberdKindOptions {
  /** Default /usr/sbin/ejabberdctl (Debian's; it runs only as root or as the `ejabberd` user). */
  ctlBinary?: string;
}

function adminPassword(spec: InstanceSpec): string {
  if (!spec.adminPassword) throw new TypeError(`instance ${spec.id}: ejabberd needs spec.adminPassword`);
  return spec.adminPassword;
}

/** ejabberdctl's options that point it at this instance rather than at /etc/ejabberd. */
function ctlArgs(layout: InstanceLayout): string[] {
  const p = ejabberdPaths(layout);
  return ["--config-dir", p.etc, "--spool", p.data, "--logs", p.logs];
}

/** The file Mnesia restores from when it starts (mnesia:install_fallback leaves the same). */
const MNESIA_FALLBACK = "FALLBACK.BUP";

type Probe = "ok" | "refused" | "down";

/** Whether the API accepts the admin's credentials ("refused": it answers, but not to them). */
async function probeAdmin(spec: InstanceSpec, layout: InstanceLayout, socketPath?: string): Promise<Probe> {
  const api = new EjabberdApiClient({
    url: API_URL,
    socketPath: socketPath ?? ejabberdPaths(layout).apiSocket,
    username: ADMIN_JID,
    password: adminPassword(spec),
    timeoutMs: 2000,
    keepAlive: false,
  });
  try {
    await api.call("status");
    return "ok";
  } catch (err) {
    if (err instanceof EjabberdApiError && (err.status === 401 || err.status === 403)) return "refused";
    if (err instanceof DriverUnavailableError) return "down";
    // Any other answer: ejabberd is still starting its modules.
    return "down";
  } finally {
    await api.close();
  }
}

/**
 * Creates the platform's admin account, or gives it the instance's password (the account survives in Mnesia
 * across restarts and restores, possibly with an older password).
 */
async function bootstrapAdmin(spec: InstanceSpec, layout: InstanceLayout, exec: InstanceExec, ctl: string) {
  const pw = adminPassword(spec);
  const reg = await exec(ctl, [...ctlArgs(layout), "register", ADMIN_USER, PLACEHOLDER_HOST, pw]);
  if (reg.code === 0) return;
  if (/already registered|conflict/i.test(reg.stdout + reg.stderr)) {
    const change = await exec(ctl, [...ctlArgs(layout), "change_password", ADMIN_USER, PLACEHOLDER_HOST, pw]);
    if (change.code === 0) return;
    throw new Error(`ejabberd: cannot set the admin password: ${(change.stdout + change.stderr).trim()}`);
  }
  // The node may not accept ejabberdctl yet (it answers HTTP a moment before): the next poll tries again.
  if (/not running|nodedown|Failed RPC connection/i.test(reg.stdout + reg.stderr)) return;
  throw new Error(`ejabberd: cannot register the admin account: ${(reg.stdout + reg.stderr).trim()}`);
}

/**
 * A running node writes a consistent Mnesia backup of everything committed (its `backup` command: a checkpoint, the
 * server keeps serving), handed over as the data folder's `FALLBACK.BUP` with a copy of the uploaded files. Mnesia
 * installs such a file when it next starts in an empty folder: that is the restore. (A paused copy of Mnesia's files
 * is not enough: its transaction log lags behind in the node's memory.) Every node has the same name (nodeName), so
 * the backup starts in any instance. A stopped node's folder is copied as it is.
 */
async function exportData(spec: InstanceSpec, layout: InstanceLayout): Promise<SnapshotSource> {
  const p = ejabberdPaths(layout);
  const api = new EjabberdApiClient({
    url: API_URL,
    socketPath: p.apiSocket,
    username: ADMIN_JID,
    password: adminPassword(spec),
    timeoutMs: 120_000,
    keepAlive: false,
  });
  // Written by the server's own account, into the instance's folder (which it owns).
  const written = path.join(p.dir, `export-${randomBytes(6).toString("hex")}.bup`);
  try {
    await api.call("backup", { file: written });
  } catch (err) {
    if (err instanceof DriverUnavailableError) return { dir: layout.data, pauseServer: false, cleanup: async () => {} };
    throw err;
  } finally {
    await api.close();
  }
  const dir = await mkdtemp(path.join(p.dir, "export-"));
  const cleanup = () => rm(dir, { recursive: true, force: true }).then(() => rm(written, { force: true }));
  try {
    await rename(written, path.join(dir, MNESIA_FALLBACK));
    const uploads = await stat(p.uploads).catch(() => null);
    if (uploads?.isDirectory())
      await cp(p.uploads, path.join(dir, path.relative(p.data, p.uploads)), { recursive: true });
  } catch (err) {
    await cleanup();
    throw err;
  }
  return { dir, pauseServer: false, cleanup };
}

/** True when something answers HTTP at host:port within the time, whatever the status. */
function httpAnswers(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host, port, path: "/upload/", timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(false));
  });
}

export function ejabberdKind(opts: EjabberdKindOptions = {}): ServerKind {
  const ctl = opts.ctlBinary ?? "/usr/sbin/ejabberdctl";
  return {
    name: "ejabberd",
    label: "ejabberd",
    features: {
      inBandInvites: false,
      domainBackups: false,
      liveHostSwitch: false,
      ircGateway: false,
      domainTransfer: true,
    },
    // ejabberd's per-host options are whole module blocks: none is offered for hand-tuning yet.
    hostOptions: {},
    adminPassword: true,
    snapshotIsDataFolder: false,
    // Its Erlang modules are part of the rendered configuration (compiled when the server starts).
    platformFiles: () => [],
    modernUnicodePasswords: false,
    systemUser: "ejabberd",
    files(layout) {
      const p = ejabberdPaths(layout);
      return { config: p.config, pidfile: p.pidfile, log: p.log };
    },
    renderConfig(spec, layout) {
      assertRenderable(spec, layout);
      const p = ejabberdPaths(layout);
      // Included and helper files first: a reload may read them at any moment.
      return [
        ...platformModuleSources().map((m) => ({
          path: path.join(p.modules, m.name),
          content: m.content,
          mode: 0o644,
        })),
        ...(spec.federation ? [{ path: p.s2sCaFile, content: renderS2sCaFile(spec.federation), mode: 0o644 }] : []),
        { path: p.hostsConfig, content: renderHostsConfig(spec, layout), mode: 0o640 },
        { path: p.inetrc, content: renderInetrc(spec), mode: 0o644 },
        { path: p.ctlConfig, content: renderCtlConfig(spec, layout), mode: 0o640 },
        { path: p.config, content: renderMainConfig(spec, layout), mode: 0o640 },
      ];
    },
    launch(_spec, layout) {
      const p = ejabberdPaths(layout);
      // foreground-quiet: the console (appended to the log by the runtime) shows only critical messages, so the
      // log file does not get every line twice. HOME holds the Erlang cookie that ejabberdctl calls share.
      return { command: ctl, args: [...ctlArgs(layout), "foreground-quiet"], env: { HOME: p.dir } };
    },
    staleFiles(layout) {
      const p = ejabberdPaths(layout);
      return [p.pidfile, p.distPortFile, p.apiSocket];
    },
    adminChannel(spec, layout): AdminChannel {
      return {
        kind: "http",
        url: API_URL,
        socketPath: ejabberdPaths(layout).apiSocket,
        username: ADMIN_JID,
        password: adminPassword(spec),
      };
    },
    async ready(spec, layout, exec, access) {
      const probe = await probeAdmin(spec, layout, access?.adminSocket);
      if (probe === "ok") return true;
      if (probe === "down") return false;
      await bootstrapAdmin(spec, layout, exec, ctl);
      return (await probeAdmin(spec, layout, access?.adminSocket)) === "ok";
    },
    createDriver(channel, driverOpts = {}) {
      if (channel.kind !== "http") throw new TypeError("ejabberd is administered over its HTTP API");
      return new EjabberdDriver({
        url: channel.url,
        ...(channel.socketPath ? { socketPath: channel.socketPath } : {}),
        username: channel.username,
        password: channel.password,
        ...driverOpts,
      });
    },
    prepareSnapshot: (input) => exportData(input.spec, input.layout),
    // The counters come over the admin API; whether the HTTP service answers, from its public port (uploads).
    async readMetrics({ driver, host, httpPort, timeoutMs }) {
      if (!(driver instanceof EjabberdDriver)) {
        return { reachable: false, metrics: null, error: "not an ejabberd driver" };
      }
      const [reachable, counted] = await Promise.all([
        httpAnswers(host, httpPort, timeoutMs),
        driver.metrics().then(
          (metrics) => ({ metrics, error: undefined }),
          (err: unknown) => ({ metrics: null, error: (err as Error).message }),
        ),
      ]);
      return { reachable, metrics: counted.metrics, ...(counted.error ? { error: counted.error } : {}) };
    },
    // Mnesia holds every host's data together.
    hostDataDirs: () => [],
  };
}
