import { isIP } from "node:net";
import path from "node:path";
import { connectAddress, LocalSidecars, type SidecarPlan } from "@xmpp-host/runtime";
import type { TurnService } from "./service.ts";
import { stunBinding } from "./turn-client.ts";

export interface TurnSettings {
  listenIp: string;
  port: number;
  /** The local address relays are opened on; coturn uses `listenIp` when absent. */
  relayIp?: string;
  /** The public address announced for relays when the machine sits behind 1:1 NAT. */
  externalIp?: string;
  minPort: number;
  maxPort: number;
  realm: string;
  /** Shared with the chat servers, which derive each user's credentials from it (`turnCredentials`). */
  secret: string;
  /** Lets relays reach 127.0.0.0/8 and ::1. Tests only: in production it opens the machine's own services. */
  allowLoopbackPeers?: boolean;
}

/**
 * Peers a relay must never send to: private, shared, link-local and reserved ranges, so that a TURN client cannot
 * use the relay to reach the platform's own network. coturn 4.6 takes ranges, not CIDR: "10.0.0.0/8" is logged
 * as an error and ignored. "::" must not be listed: coturn then denies every peer.
 */
const DENIED_PEERS = [
  "0.0.0.0-0.255.255.255",
  "10.0.0.0-10.255.255.255",
  "100.64.0.0-100.127.255.255",
  "169.254.0.0-169.254.255.255",
  "172.16.0.0-172.31.255.255",
  "192.0.0.0-192.0.0.255",
  "192.0.2.0-192.0.2.255",
  "192.88.99.0-192.88.99.255",
  "192.168.0.0-192.168.255.255",
  "198.18.0.0-198.19.255.255",
  "198.51.100.0-198.51.100.255",
  "203.0.113.0-203.0.113.255",
  "240.0.0.0-255.255.255.255",
  // IPv4-mapped and NAT64 addresses would reach the IPv4 ranges above.
  "::ffff:0.0.0.0-::ffff:255.255.255.255",
  "64:ff9b::-64:ff9b::ffff:ffff",
  "100::-100::ffff:ffff:ffff:ffff",
  "2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
  "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
  "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
];
const LOOPBACK_PEERS = ["127.0.0.0-127.255.255.255", "::1"];

const CONFIG_FILE = "turnserver.conf";

/** A value that goes on a `key=value` line: a line break or control character would add lines of its own. */
function value(name: string, v: string, opts: { spaces?: boolean } = {}): string {
  const allowed = opts.spaces ? /^[^\p{Cc}]+$/u : /^[\x21-\x7e]+$/;
  if (!allowed.test(v)) throw new TypeError(`TURN ${name} has characters a coturn configuration cannot hold`);
  return v;
}

function port(name: string, p: number): number {
  if (!Number.isInteger(p) || p < 1 || p > 65535) throw new TypeError(`TURN ${name} must be a port number`);
  return p;
}

function ip(name: string, v: string): string {
  if (isIP(v) === 0) throw new TypeError(`TURN ${name} must be an IP address`);
  return v;
}

/** coturn's `turnserver.conf` for these settings; its files (log, PID, database) live in `dir`. */
export function renderCoturnConfig(s: TurnSettings, dir: string): string {
  if (port("minPort", s.minPort) > port("maxPort", s.maxPort)) throw new TypeError("TURN minPort exceeds maxPort");
  const file = (name: string) => value("directory", path.join(dir, name), { spaces: true });
  const lines = [
    `listening-ip=${ip("listenIp", s.listenIp)}`,
    `listening-port=${port("port", s.port)}`,
    ...(s.relayIp ? [`relay-ip=${ip("relayIp", s.relayIp)}`] : []),
    ...(s.externalIp ? [`external-ip=${ip("externalIp", s.externalIp)}`] : []),
    `min-port=${s.minPort}`,
    `max-port=${s.maxPort}`,
    // Only credentials derived from the shared secret; the database is never used but coturn opens one.
    "use-auth-secret",
    `static-auth-secret=${value("secret", s.secret)}`,
    `realm=${value("realm", s.realm)}`,
    `userdb=${file("turndb")}`,
    "stale-nonce=600",
    "fingerprint",
    // A few allocations per call and device; the total keeps one abuser from taking every relay port.
    "user-quota=12",
    "total-quota=1200",
    // WebRTC relays over UDP only; TCP relays (RFC 6062) would make an open TCP proxy.
    "no-tcp-relay",
    "no-multicast-peers",
    ...(s.allowLoopbackPeers ? ["allow-loopback-peers"] : LOOPBACK_PEERS.map((r) => `denied-peer-ip=${r}`)),
    ...DENIED_PEERS.map((r) => `denied-peer-ip=${r}`),
    // Clients reach it over plain UDP/TCP; the admin CLI (an unauthenticated telnet port by default) stays off.
    "no-tls",
    "no-dtls",
    "no-cli",
    "no-software-attribute",
    "no-stdout-log",
    "simple-log",
    `log-file=${file("turn.log")}`,
    `pidfile=${file("turnserver.pid")}`,
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * coturn on this machine, run as a sidecar: detached, found again by its configuration file on its command line,
 * never root (the secret is in its 0600 configuration file, not on the command line).
 */
export class LocalTurnServer implements TurnService {
  private readonly sidecars: LocalSidecars;
  private readonly dir: string;
  private readonly configFile: string;

  constructor(private readonly opts: { dir: string; settings: TurnSettings; runAs?: string; binary?: string }) {
    this.sidecars = new LocalSidecars(opts.runAs ? { runAs: opts.runAs } : {});
    this.dir = path.resolve(opts.dir);
    this.configFile = path.join(this.dir, CONFIG_FILE);
  }

  ensureRunning(): Promise<{ pid: number; started: boolean }> {
    return this.sidecars.ensure(this.plan());
  }

  stop(): Promise<void> {
    return this.sidecars.stop(this.configFile);
  }

  status(): { running: boolean; pid: number | null } {
    return this.sidecars.status(this.configFile);
  }

  endpoint(): { host: string; port: number } {
    return { host: connectAddress(this.opts.settings.listenIp), port: this.opts.settings.port };
  }

  private plan(): SidecarPlan {
    const target = this.endpoint();
    return {
      dir: this.dir,
      files: [{ name: CONFIG_FILE, content: renderCoturnConfig(this.opts.settings, this.dir), mode: 0o600 }],
      configFile: this.configFile,
      command: this.opts.binary ?? "turnserver",
      args: ["-c", this.configFile],
      // coturn logs to its own file; this catches what it prints before reading its configuration.
      log: path.join(this.dir, "turnserver.out"),
      ready: () =>
        stunBinding({ ...target, timeoutMs: 250 }).then(
          () => true,
          () => false,
        ),
    };
  }
}
