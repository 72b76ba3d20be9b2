import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { luaString } from "../../lua.ts";
import type { AdminChannel, HostOptionRule, InstanceLayout, ServerKind } from "../kind.ts";
import type { InstanceSpec } from "../spec.ts";
import {
  MAX_UNIX_SOCKET_PATH,
  PLATFORM_MODULES_DIR,
  type ProsodyPaths,
  prosodyStoreName,
  renderHostsConfig,
  renderMainConfig,
} from "./config.ts";
import { fetchProsodyMetrics } from "./metrics.ts";
import { ProsodyDriver } from "./prosody-driver.ts";

const JEMALLOC_PATHS = [
  "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2",
  "/usr/lib/aarch64-linux-gnu/libjemalloc.so.2",
  "/usr/lib/libjemalloc.so.2",
];

const SHARED_MODULE_CODE = fileURLToPath(new URL("./shared-module-code.lua", import.meta.url));

export interface ProsodyKindOptions {
  /** Default /usr/bin/prosody. */
  binary?: string;
  /** Start Prosody so that its hosts share their modules' compiled code (default true); see shared-module-code.lua. */
  shareModuleCode?: boolean;
  /**
   * A malloc to preload; default jemalloc when installed (Debian's libjemalloc2), null for the C library's. With
   * hundreds of hosts the server's heap is large and churns: jemalloc keeps about 6% less of it resident
   * (bench:density).
   */
  allocator?: string | null;
  /**
   * Where the server finds the platform's Lua files (modules/ and shared-module-code.lua): by default this package's
   * own folder; a server in a container gets them from its configuration volume (see platformFiles).
   */
  platformFilesDir?: string;
}

/** The platform's Lua files a Prosody loads, relative to platformFilesDir, with their content. */
export function prosodyPlatformFiles(): { path: string; content: string }[] {
  const modules = readdirSync(PLATFORM_MODULES_DIR).filter((f) => f.endsWith(".lua"));
  return [
    { path: "shared-module-code.lua", content: readFileSync(SHARED_MODULE_CODE, "utf8") },
    ...modules.map((f) => ({
      path: `modules/${f}`,
      content: readFileSync(path.join(PLATFORM_MODULES_DIR, f), "utf8"),
    })),
  ];
}

/** Every file of a Prosody instance, from its folder. The names predate server kinds and stay as they were. */
export function prosodyPaths(layout: InstanceLayout, platformFilesDir?: string): ProsodyPaths {
  const { dir, data, certs } = layout;
  return {
    dir,
    data,
    certs,
    config: path.join(dir, "prosody.cfg.lua"),
    hostsConfig: path.join(dir, "hosts.cfg.lua"),
    pidfile: path.join(dir, "prosody.pid"),
    log: path.join(dir, "prosody.log"),
    adminSocket: path.join(dir, "admin.sock"),
    platformCa: path.join(dir, "platform-ca.pem"),
    platformModules: platformFilesDir ? path.join(platformFilesDir, "modules") : PLATFORM_MODULES_DIR,
  };
}

/**
 * How Prosody is started: through its Lua interpreter with shared-module-code.lua loaded first, so that every host
 * shares the compiled code of its modules (a shared server holds hundreds of hosts); or, when the interpreter cannot
 * be told from the binary's first line, the binary itself.
 */
function launchCommand(
  binary: string,
  share: boolean,
  config: string,
  platformFilesDir?: string,
): { command: string; args: string[] } {
  // -F: foreground (the `daemonize` config option is deprecated in 0.12 and logs a warning).
  const plain = { command: binary, args: ["--config", config, "-F"] };
  if (!share) return plain;
  let firstLine = "";
  try {
    firstLine = readFileSync(binary, "utf8").split("\n", 1)[0] ?? "";
  } catch {
    return plain;
  }
  const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(firstLine);
  const interpreter = m?.[1]?.endsWith("/env") ? m[2] : m?.[1];
  if (!interpreter || !/lua/.test(interpreter)) return plain;
  return {
    command: interpreter,
    args: [
      "-e",
      `dofile(${luaString(platformFilesDir ? path.join(platformFilesDir, "shared-module-code.lua") : SHARED_MODULE_CODE)})`,
      binary,
      "--config",
      config,
      "-F",
    ],
  };
}

/**
 * Per-host options of Prosody 0.12 and the modules the platform loads that an operator may tune per domain. Each
 * is read by its module with module:get_option on the virtual host, so a host-level value takes effect there.
 */
export const PROSODY_HOST_OPTIONS = {
  max_archive_query_results: { type: "number", min: 10, max: 1000 },
  default_archive_policy: { type: "choice", values: [true, false, "roster"] },
  mam_include_total: { type: "boolean" },
  smacks_hibernation_time: { type: "number", min: 60, max: 86_400 },
  smacks_max_unacked_stanzas: { type: "number", min: 0, max: 10_000 },
  push_max_devices: { type: "number", min: 1, max: 50 },
  push_max_hibernation_timeout: { type: "number", min: 0, max: 7 * 86_400 },
  push_notification_important_body: { type: "string", maxLength: 200 },
  registration_title: { type: "string", maxLength: 200 },
  registration_instructions: { type: "string", maxLength: 1000 },
  min_seconds_between_registrations: { type: "number", min: 0, max: 86_400 },
} as const satisfies Record<string, HostOptionRule>;

export function prosodyKind(opts: ProsodyKindOptions = {}): ServerKind {
  const binary = opts.binary ?? "/usr/bin/prosody";
  const share = opts.shareModuleCode ?? true;
  const allocator = opts.allocator === undefined ? (JEMALLOC_PATHS.find((f) => existsSync(f)) ?? null) : opts.allocator;
  return {
    name: "prosody",
    label: "Prosody",
    features: {
      inBandInvites: true,
      domainBackups: true,
      liveHostSwitch: true,
      ircGateway: true,
      domainTransfer: true,
    },
    hostOptions: PROSODY_HOST_OPTIONS,
    adminPassword: false,
    snapshotIsDataFolder: true,
    platformFiles: prosodyPlatformFiles,
    modernUnicodePasswords: true,
    files(layout) {
      const p = prosodyPaths(layout);
      return { config: p.config, pidfile: p.pidfile, log: p.log };
    },
    renderConfig(spec: InstanceSpec, layout) {
      const p = prosodyPaths(layout, opts.platformFilesDir);
      if (Buffer.byteLength(p.adminSocket) > MAX_UNIX_SOCKET_PATH) {
        throw new Error(`admin socket path is too long for a Unix socket (${p.adminSocket}); use a shorter dataRoot`);
      }
      // Hosts first: the main file Includes it, and a reload may read them at any moment.
      return [
        { path: p.hostsConfig, content: renderHostsConfig(spec), mode: 0o640 },
        ...(spec.federation ? [{ path: p.platformCa, content: spec.federation.caPem, mode: 0o640 }] : []),
        { path: p.config, content: renderMainConfig(spec, p), mode: 0o640 },
      ];
    },
    launch(_spec, layout) {
      const { command, args } = launchCommand(binary, share, prosodyPaths(layout).config, opts.platformFilesDir);
      const env: Record<string, string> = allocator ? { LD_PRELOAD: allocator } : {};
      return { command, args, env };
    },
    staleFiles(layout) {
      const p = prosodyPaths(layout);
      return [p.pidfile, p.adminSocket];
    },
    adminChannel(_spec, layout): AdminChannel {
      return { kind: "socket", path: prosodyPaths(layout).adminSocket };
    },
    // Prosody loads its global modules in no fixed order: the admin socket may come after the client port.
    async ready(_spec, layout, _exec, access) {
      const socket = prosodyPaths(layout).adminSocket;
      return access ? await access.fileExists(socket) : existsSync(socket);
    },
    createDriver(channel, driverOpts = {}) {
      if (channel.kind !== "socket") throw new TypeError("Prosody is administered through its admin socket");
      return new ProsodyDriver({ socketPath: channel.path, ...driverOpts });
    },
    // Prosody's files are its database: copied as they are, with the server paused (see packages/backup).
    prepareSnapshot: async ({ layout }) => ({ dir: layout.data, pauseServer: true, cleanup: async () => {} }),
    // mod_http_openmetrics on the HTTP port, for loopback only.
    readMetrics: ({ host, httpPort, timeoutMs }) => fetchProsodyMetrics(host, httpPort, timeoutMs),
    hostDataDirs: (host) => [prosodyStoreName(host)],
  };
}
