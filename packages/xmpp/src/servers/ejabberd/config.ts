/**
 * ejabberd 23.01's configuration, rendered from an instance spec: ejabberd.yml (global), hosts.yml (virtual hosts
 * and their modules, included by the main file), ejabberdctl.cfg (the node: name, distribution, pid file, the
 * platform's modules), inetrc (the node's resolvers) and, for federation, the CAs trusted for server-to-server links.
 */
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { InstanceLayout } from "../kind.ts";
import {
  type DomainServerSettings,
  type FederationSpec,
  type InstanceDomainSpec,
  type InstanceSpec,
  offersFileSharing,
  PLACEHOLDER_HOST,
  serviceHosts,
} from "../spec.ts";

/** Where one ejabberd instance's files live. All absolute. */
export interface EjabberdPaths {
  dir: string;
  /** ejabberdctl's --config-dir: ejabberd.yml, hosts.yml, ejabberdctl.cfg, inetrc. */
  etc: string;
  config: string;
  hostsConfig: string;
  ctlConfig: string;
  inetrc: string;
  /** Mnesia's folder (ejabberdctl's --spool). */
  data: string;
  certs: string;
  /** ejabberdctl's --logs: ejabberd.log and error.log are written there. */
  logs: string;
  log: string;
  pidfile: string;
  /** The admin API's Unix socket: reachable by the server's own account and root only. */
  apiSocket: string;
  /** The Erlang distribution port the running node listens on (127.0.0.1), written at each start. */
  distPortFile: string;
  /** Uploaded files (mod_http_upload's docroot), kept with the rest of the data. */
  uploads: string;
  /** The CAs trusted for server-to-server links: the platform's and the system's, in one file. */
  s2sCaFile: string;
  /** The platform's Erlang modules: their sources, compiled there at a start. */
  modules: string;
}

/** The platform's own ejabberd modules (Erlang sources), found beside this file. */
export const PLATFORM_MODULES_DIR = fileURLToPath(new URL("./modules/", import.meta.url));
export const PLATFORM_MODULES = [
  // Registers the others' admin commands (with the record of xh_commands.hrl, included by them).
  "xh_commands",
  "mod_federation_policy",
  "mod_federation_dns",
  "mod_bookmarks_compat",
  "mod_account_suspension",
  "mod_room_moderation",
  "mod_domain_transfer",
] as const;
/** Headers the platform's modules include (found beside them when the server compiles them). */
export const PLATFORM_HEADERS = ["xh_commands"] as const;

/** Debian's bundle of the system's CAs (ca-certificates). */
export const SYSTEM_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

/** The platform's own account, on the placeholder host that every instance keeps. */
export const ADMIN_USER = "xh-admin";
export const ADMIN_JID = `${ADMIN_USER}@${PLACEHOLDER_HOST}`;

export const FILE_SHARE_SIZE_LIMIT = 100 * 1024 * 1024;

/** Debian's /etc/ejabberd/inetrc, used when that file cannot be read. */
const DEFAULT_INETRC =
  '{lookup,["file","native"]}.\n{host,{127,0,0,1}, ["localhost","hostalias"]}.\n{file, resolv, "/etc/resolv.conf"}.\n';

export function ejabberdPaths(layout: InstanceLayout): EjabberdPaths {
  const { dir, data, certs } = layout;
  const etc = path.join(dir, "etc");
  return {
    dir,
    etc,
    config: path.join(etc, "ejabberd.yml"),
    hostsConfig: path.join(etc, "hosts.yml"),
    ctlConfig: path.join(etc, "ejabberdctl.cfg"),
    inetrc: path.join(etc, "inetrc"),
    data,
    certs,
    // The runtime appends the server's console output to the same file it reads as the log.
    logs: dir,
    log: path.join(dir, "ejabberd.log"),
    pidfile: path.join(dir, "ejabberd.pid"),
    apiSocket: path.join(dir, "api.sock"),
    distPortFile: path.join(dir, "dist.port"),
    uploads: path.join(data, "upload"),
    s2sCaFile: path.join(etc, "s2s-ca.pem"),
    modules: path.join(dir, "modules"),
  };
}

/**
 * The Erlang node's name: the same for every instance. Mnesia records it in its data, so one name lets a backup
 * restore into any instance (a verification, a move). Nodes on one machine still never meet: each has its own
 * distribution port and none registers with epmd (ejabberdctl's ERL_DIST_PORT).
 */
export function nodeName(_spec: Pick<InstanceSpec, "id">): string {
  return "xh@localhost";
}

/** sockaddr_un.sun_path is 108 bytes including the terminating NUL. */
const MAX_UNIX_SOCKET_PATH = 107;

/**
 * The admin API (mod_http_api) listens on a Unix socket in the instance's folder, whatever address the server binds:
 * only the server's own account and root can connect, on top of the admin's password. Requests name any host.
 */
export const API_URL = "http://localhost/api";

// --- YAML ------------------------------------------------------------------------------------------------------

type Yaml = string | number | boolean | Yaml[] | { [key: string]: Yaml };

/** Scalars written bare only when YAML cannot read them as anything else; everything else is double-quoted. */
function scalar(v: string | number | boolean): string {
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) throw new TypeError(`not an integer: ${v}`);
    return String(v);
  }
  if (typeof v === "boolean") return v ? "true" : "false";
  const reserved = /^(?:true|false|yes|no|on|off|null|y|n|~|[-+]?[0-9][0-9_.:eE+-]*)$/i;
  if (/^[A-Za-z0-9_@/][A-Za-z0-9_@./:*-]*$/.test(v) && !reserved.test(v)) return v;
  // JSON's escapes are valid in YAML's double-quoted scalars.
  return JSON.stringify(v);
}

function yaml(value: Yaml, indent = ""): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return " []\n";
    return `\n${value.map((v) => `${indent}-${block(v, `${indent}  `)}`).join("")}`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return " {}\n";
    return `\n${entries.map(([k, v]) => `${indent}${scalar(k)}:${block(v, `${indent}  `)}`).join("")}`;
  }
  return ` ${scalar(value)}\n`;
}

/** A value after "key:" or "-": scalars on the same line, collections below, one level deeper. */
function block(value: Yaml, indent: string): string {
  return yaml(value, indent);
}

function yamlDocument(doc: { [key: string]: Yaml }): string {
  return yaml(doc).replace(/^\n/, "");
}

// --- Rendering -------------------------------------------------------------------------------------------------

const HEADER = "# Generated by the platform. Do not edit: it is rewritten on every change.\n";

/** Paths go into ejabberdctl's shell code unquoted, and into YAML: plain characters only. */
function assertPlainPath(p: string): void {
  if (!path.isAbsolute(p) || !/^[A-Za-z0-9_./@+-]+$/.test(p)) {
    throw new TypeError(`ejabberd instance paths must be absolute and use plain characters only: ${p}`);
  }
}

function registrationRule(d: InstanceDomainSpec): string {
  // ejabberd 23.01 keeps no invite tokens: invite-only domains take no in-band registration at all. Nor can it cap
  // a domain's accounts: a domain under the platform's limits (on a shared server) takes open sign-ups through the
  // platform's web page alone, which counts them.
  return d.registration === "open" && !d.limits ? "register_open" : "register_closed";
}

/**
 * The domain's registration blocks, as ejabberd's names for them: an ACL of `ip` entries and the access rule that
 * mod_register's `ip_access` reads. 23.01 matches `ip_access` against the global rules only (acl:match_rule(global,
 * ...)), so they live in the main file, one pair per domain, named after it.
 */
function registrationBlockNames(domain: string): { acl: string; rule: string } {
  return { acl: `registration_blocks_${domain}`, rule: `registration_ip_${domain}` };
}

/** Where web clients and uploads reach a domain over HTTPS, when the server has the port. */
function httpsBase(spec: InstanceSpec, host: string): string | undefined {
  return spec.ports.https === undefined ? undefined : `https://${host}:${spec.ports.https}`;
}

/** The modules of one domain. host_config replaces the global module list, so each domain gets all of its own. */
function domainModules(spec: InstanceSpec, d: InstanceDomainSpec, p: EjabberdPaths): { [key: string]: Yaml } {
  const [, groups, share] = serviceHosts(d.name);
  const settings = d.settings;
  const files = settings?.files;
  const history = settings?.history.enabled ?? true;
  const uploadQuota: { [key: string]: Yaml } = {
    max_days: files ? (files.retentionDays ?? "infinity") : 30,
  };
  if (d.limits) {
    // mod_http_upload_quota counts per account: the domain's quota bounds each account's files.
    uploadQuota.access_hard_quota = `upload_quota_${quotaMiB(d.limits.uploadQuotaBytes)}`;
    uploadQuota.access_soft_quota = `upload_soft_quota_${quotaMiB(d.limits.uploadQuotaBytes)}`;
  }
  const web = httpsBase(spec, d.name);
  // Over HTTPS where the server has the port (XEP-0363 asks for TLS, and web apps on HTTPS may not use plain HTTP).
  const uploadBase = httpsBase(spec, share) ?? `http://${share}:${spec.ports.http}`;
  return {
    // Suspended accounts cannot log in (the platform's module).
    mod_account_suspension: {},
    mod_adhoc: {},
    mod_admin_extra: {},
    // XEP-0398: a vCard avatar and the PEP avatar are kept in step (needs mod_vcard_xupdate and mod_pubsub).
    mod_avatar: {},
    mod_blocking: {},
    // XEP-0402's compatibility with private storage (the platform's module: 23.01 converts only to XEP-0411).
    mod_bookmarks_compat: {},
    mod_caps: {},
    mod_carboncopy: {},
    mod_client_state: {},
    // XEP-0157 addresses from the domain's settings.
    mod_disco: settings ? { server_info: contactInfo(settings.contacts) } : {},
    mod_http_api: {},
    ...(settings?.federation ? { mod_federation_policy: federationPolicy(settings.federation) } : {}),
    ...(spec.federation?.resolvers.length ? { mod_federation_dns: {} } : {}),
    // Web clients: BOSH and WebSocket on the HTTPS port, found through host-meta (XEP-0156).
    ...(web
      ? {
          mod_bosh: {},
          mod_host_meta: {
            bosh_service_url: `${web}/http-bind`,
            websocket_url: `${web.replace(/^https/, "wss")}/xmpp-websocket`,
          },
        }
      : {}),
    // Shared files off: no upload service, so clients find none in disco.
    ...(offersFileSharing(d)
      ? {
          mod_http_upload: {
            host: share,
            put_url: `${uploadBase}/upload`,
            docroot: p.uploads,
            max_size: files?.maxFileBytes ?? FILE_SHARE_SIZE_LIMIT,
            thumbnail: false,
            // Web apps upload from their own origin, as Prosody's mod_http_file_share lets them. The URLs are secret.
            custom_headers: {
              "Access-Control-Allow-Origin": "*",
              "Access-Control-Allow-Methods": "GET,HEAD,PUT,OPTIONS",
              "Access-Control-Allow-Headers": "Content-Type",
            },
          },
          mod_http_upload_quota: uploadQuota,
        }
      : {}),
    // ejabberd has no expiry of its own: the platform deletes old history (expireHistory) every day.
    ...(history ? { mod_mam: { default: "always" } } : {}),
    mod_muc: {
      host: groups,
      name: `Group chats on ${d.name}`,
      // Only accounts of this server may create rooms.
      access_create: "local",
      history_size: 20,
      default_room_options: { persistent: true, members_only: true, public: false, mam: history },
    },
    mod_muc_admin: {},
    mod_offline: {},
    mod_ping: {},
    mod_privacy: {},
    mod_private: {},
    mod_pubsub: {
      plugins: ["flat", "pep"],
      access_createnode: "local",
      // XEP-0402: one item per room, private. 23.01 refuses max_items in publish-options, so it is forced here
      // (PEP nodes otherwise keep a single item).
      force_node_config: {
        "urn:xmpp:bookmarks:1": {
          access_model: "whitelist",
          persist_items: true,
          max_items: 1000,
          send_last_published_item: "never",
        },
      },
    },
    // Push (XEP-0357): apps that sleep on phones are woken by their push service; what a push carries is a setting
    // (without settings, ejabberd's default: no sender, and "New message" instead of the text).
    mod_push: settings ? { include_sender: settings.push.includeSender, include_body: settings.push.includeBody } : {},
    mod_register: {
      access: registrationRule(d),
      // The domain's blocked addresses and networks may not register in-band (the same list Prosody gets).
      ...(d.registrationBlocklist?.length ? { ip_access: registrationBlockNames(d.name).rule } : {}),
      welcome_message: { subject: "", body: settings?.welcomeMessage ?? "" },
    },
    // Kick, role and subject from the platform, which 23.01's mod_muc_admin lacks (the platform's module).
    mod_room_moderation: {},
    // A domain's data in and out as XEP-0227, archives and group chats included (the platform's module).
    mod_domain_transfer: {},
    mod_roster: { versioning: true },
    mod_stream_mgmt: {},
    mod_time: {},
    mod_vcard: { search: false },
    mod_vcard_xupdate: {},
    mod_version: { show_os: false },
    ...(spec.calls ? { mod_stun_disco: stunDisco(spec.calls) } : {}),
  };
}

/**
 * Calls: the platform's TURN/STUN service announced with time-limited credentials (XEP-0215). Its default access
 * rule, `local`, answers only accounts of the host asked.
 */
function stunDisco(calls: NonNullable<InstanceSpec["calls"]>): { [key: string]: Yaml } {
  const service = (type: string, restricted: boolean) => ({
    host: calls.host,
    port: calls.port,
    type,
    transport: "udp",
    restricted,
  });
  return {
    offer_local_services: false,
    secret: calls.secret,
    credentials_lifetime: `${calls.ttlSeconds} seconds`,
    services: [service("stun", false), service("turn", true)],
  };
}

/**
 * The platform's mod_federation_policy: the same rules as its Prosody module. Partners accepted without a valid
 * certificate (insecurePartners) are not: ejabberd's dialback cannot be limited to them on incoming links.
 */
function federationPolicy(f: NonNullable<DomainServerSettings["federation"]>): { [key: string]: Yaml } {
  return { policy: f.policy, allowlist: f.allowlist, allowed_suffixes: f.allowedSuffixes ?? [] };
}

/** XEP-0157 addresses, as ejabberd's disco server_info. */
function contactInfo(contacts: DomainServerSettings["contacts"]): Yaml {
  return Object.entries(contacts)
    .filter(([, urls]) => urls.length > 0)
    .map(([kind, urls]) => ({ modules: "all", name: `${kind}-addresses`, urls }));
}

const quotaMiB = (bytes: number) => Math.max(1, Math.ceil(bytes / (1024 * 1024)));

/** The virtual hosts: the admin's placeholder host, then every domain with its modules. */
export function renderHostsConfig(spec: InstanceSpec, layout: InstanceLayout): string {
  const p = ejabberdPaths(layout);
  const hosts = [PLACEHOLDER_HOST, ...spec.domains.map((d) => d.name)];
  const hostConfig: { [key: string]: Yaml } = {};
  for (const d of spec.domains) hostConfig[d.name] = { modules: domainModules(spec, d, p) };
  // The admin authenticates on every API request: a SCRAM check (PBKDF2) would cost most of each request's time.
  hostConfig[PLACEHOLDER_HOST] = { auth_password_format: "plain" };
  const doc: { [key: string]: Yaml } = { hosts, host_config: hostConfig };
  return `${HEADER}${yamlDocument(doc)}`;
}

/** TLS 1.2 or later (Mozilla's intermediate profile), for clients and other servers alike. */
const TLS_PROTOCOL_OPTIONS = [
  "no_sslv2",
  "no_sslv3",
  "no_tlsv1",
  "no_tlsv1_1",
  "cipher_server_preference",
  "no_compression",
];

export function renderMainConfig(spec: InstanceSpec, layout: InstanceLayout): string {
  const p = ejabberdPaths(layout);
  const vhosts = [PLACEHOLDER_HOST, ...spec.domains.map((d) => d.name)];
  const httpHandlers: { [key: string]: Yaml } = { "/upload": "mod_http_upload" };
  const c2s = { max_stanza_size: 262144, shaper: "c2s_shaper", access: "c2s" };
  const listen: Yaml[] = [
    {
      port: spec.ports.c2s,
      ip: spec.bindAddress,
      module: "ejabberd_c2s",
      starttls_required: true,
      protocol_options: TLS_PROTOCOL_OPTIONS,
      ...c2s,
    },
    { port: spec.ports.s2s, ip: spec.bindAddress, module: "ejabberd_s2s_in", max_stanza_size: 524288 },
    { port: spec.ports.http, ip: spec.bindAddress, module: "ejabberd_http", request_handlers: httpHandlers },
  ];
  if (spec.ports.directTls !== undefined) {
    // Direct TLS (XEP-0368): encrypted from the first byte, with each host's certificate chosen by name (SNI).
    // Unlike Prosody, no ALPN protocol is announced: 23.01's listener passes no ALPN option to fast_tls, and fast_tls
    // 1.1.16 sets ALPN only as a client (SSL_set_alpn_protos, no server-side selection), so a client that offers
    // xmpp-client gets a handshake without ALPN, which RFC 7301 allows.
    listen.push({
      port: spec.ports.directTls,
      ip: spec.bindAddress,
      module: "ejabberd_c2s",
      tls: true,
      protocol_options: TLS_PROTOCOL_OPTIONS,
      ...c2s,
    });
  }
  if (spec.ports.https !== undefined) {
    // Web clients (WebSocket, BOSH, host-meta) and uploads over HTTPS, each host's certificate chosen by name (SNI).
    listen.push({
      port: spec.ports.https,
      ip: spec.bindAddress,
      module: "ejabberd_http",
      tls: true,
      protocol_options: TLS_PROTOCOL_OPTIONS,
      request_handlers: {
        "/xmpp-websocket": "ejabberd_http_ws",
        "/http-bind": "mod_bosh",
        "/.well-known/host-meta": "mod_host_meta",
        "/.well-known/host-meta.json": "mod_host_meta",
        "/upload": "mod_http_upload",
      },
    });
  }
  listen.push({
    port: `unix:${p.apiSocket}`,
    module: "ejabberd_http",
    // The platform keeps up to 16 requests in flight, each on its own connection.
    backlog: 128,
    request_handlers: { "/api": "mod_http_api" },
  });
  const blockAcls: { [key: string]: Yaml } = {};
  const blockRules: { [key: string]: Yaml } = {};
  for (const d of spec.domains) {
    if (!d.registrationBlocklist?.length) continue;
    const names = registrationBlockNames(d.name);
    blockAcls[names.acl] = { ip: d.registrationBlocklist };
    blockRules[names.rule] = [{ deny: names.acl }, { allow: "all" }];
  }
  const quotas = [...new Set(spec.domains.flatMap((d) => (d.limits ? [quotaMiB(d.limits.uploadQuotaBytes)] : [])))];
  const shaperRules: { [key: string]: Yaml } = {
    max_user_sessions: 10,
    max_user_offline_messages: 100,
    c2s_shaper: { none: "admin", normal: "all" },
    s2s_shaper: "fast",
  };
  for (const mib of quotas) {
    shaperRules[`upload_quota_${mib}`] = mib;
    // Old files are removed down to 80% of the quota once it is exceeded.
    shaperRules[`upload_soft_quota_${mib}`] = Math.max(1, Math.floor(mib * 0.8));
  }
  const doc: { [key: string]: Yaml } = {
    include_config_file: [p.hostsConfig],
    // Info level logs every API call with its arguments, passwords included.
    loglevel: "warning",
    log_rotate_count: 0,
    hide_sensitive_log_data: true,
    certfiles: vhosts.flatMap((h) => [path.join(p.certs, `${h}.crt`), path.join(p.certs, `${h}.key`)]),
    // 23.01 starts an SQL pool for every host added by a reload, though nothing here uses SQL: it fails and retries
    // forever. One connection, retried once a day, keeps that to one line in the log per added host.
    sql_pool_size: 1,
    sql_start_interval: 86400,
    auth_method: ["internal"],
    auth_password_format: "scram",
    // Other servers authenticate by certificate (SASL EXTERNAL) or not at all: mod_s2s_dialback is never loaded.
    s2s_use_starttls: "required",
    // TLS 1.2 or later between servers.
    s2s_protocol_options: TLS_PROTOCOL_OPTIONS,
    ...(spec.federation ? { s2s_cafile: p.s2sCaFile } : {}),
    disable_sasl_mechanisms: ["digest-md5", "x-oauth2"],
    listen,
    acl: {
      admin: { user: [ADMIN_JID] },
      local: { user_regexp: "" },
      ...blockAcls,
    },
    access_rules: {
      local: { allow: "local" },
      // The admin account works over the API only and never logs in. Accounts on the placeholder host are the
      // platform's own (nobody registers there): its health probe logs in there while the server has no domain.
      c2s: [{ deny: "admin" }, { allow: "all" }],
      announce: { allow: "admin" },
      configure: { allow: "admin" },
      register_open: { allow: "all" },
      register_closed: { deny: "all" },
      ...blockRules,
    },
    // Only the platform's admin may call commands over HTTP (Debian's default lets loopback in without a password).
    api_permissions: {
      "console commands": { from: ["ejabberd_ctl"], who: "all", what: "*" },
      "platform admin": { from: ["mod_http_api"], who: { access: { allow: [{ acl: "admin" }] } }, what: "*" },
    },
    shaper: { normal: { rate: 3000, burst_size: 20000 }, fast: 200000 },
    shaper_rules: shaperRules,
    // The placeholder host: what the API needs, nothing users could reach. mod_bosh keeps every domain's sessions in
    // a table of the server's first host (this one), so BOSH needs it here too.
    modules: {
      mod_admin_extra: {},
      mod_http_api: {},
      mod_disco: {},
      mod_ping: {},
      ...(spec.ports.https !== undefined ? { mod_bosh: {} } : {}),
    },
  };
  return `${HEADER}${yamlDocument(doc)}`;
}

/**
 * ejabberdctl.cfg, a shell fragment ejabberdctl sources with the command in $1. At a start it asks the OS for a free
 * port on 127.0.0.1 for the Erlang distribution and writes it down; every other ejabberdctl call reads it there.
 * It also names the node's process after the main config file, so that the platform finds it in the process table.
 */
export function renderCtlConfig(spec: InstanceSpec, layout: InstanceLayout): string {
  const p = ejabberdPaths(layout);
  const freePort = '{ok,S}=gen_tcp:listen(0,[{ip,{127,0,0,1}}]),{ok,P}=inet:port(S),io:format("~b",[P]),halt().';
  return [
    HEADER,
    `ERLANG_NODE=${nodeName(spec)}`,
    `EJABBERD_PID_PATH=${p.pidfile}`,
    "EJABBERD_BYPASS_WARNINGS=true",
    'case "$1" in',
    "  foreground|foreground-quiet|start|live)",
    `    ERL_DIST_PORT=$("$ERL" -noshell -noinput -eval '${freePort}') || exit 1`,
    `    printf '%s\\n' "$ERL_DIST_PORT" > ${p.distPortFile} || exit 1`,
    "    # The platform's modules, compiled when their sources changed; the node finds them on its code path.",
    `    for src in ${p.modules}/*.erl; do`,
    `      [ "\${src%.erl}.beam" -nt "$src" ] || "\${ERL%/erl}/erlc" -W0 -o ${p.modules} "$src" || exit 1`,
    "    done",
    "    # The distribution listens on loopback only; the extra argument names the process (its value is unused).",
    `    ERL_OPTIONS="-kernel inet_dist_use_interface {127,0,0,1} -pa ${p.modules} -xh_config ${p.config}"`,
    "    ;;",
    "  *)",
    `    ERL_DIST_PORT=$(cat ${p.distPortFile} 2>/dev/null)`,
    `    [ -n "$ERL_DIST_PORT" ] || { echo "ejabberd node ${nodeName(spec)} is not running" >&2; exit 3; }`,
    "    ;;",
    "esac",
    "",
  ].join("\n");
}

/**
 * The node's resolver (Erlang's inet_res), which finds other servers' SRV records; mod_federation_dns asks it for
 * their addresses too. The platform's resolvers replace the system's: `resolv_conf ""` comes first, or the node
 * re-reads /etc/resolv.conf before a query and puts its servers back. Unlike libunbound, inet_res answers for
 * special-use names (test, home.arpa) as for any other.
 */
export function renderInetrc(spec: Pick<InstanceSpec, "federation">): string {
  let debian: string;
  try {
    debian = readFileSync("/etc/ejabberd/inetrc", "utf8");
  } catch {
    debian = DEFAULT_INETRC;
  }
  const resolvers = spec.federation?.resolvers ?? [];
  if (resolvers.length === 0) return debian;
  const kept = debian.split("\n").filter((l) => l.trim() !== "" && !/^\s*\{\s*file\s*,\s*resolv\b/.test(l));
  return `${['{resolv_conf, ""}.', ...kept, ...resolvers.map(nameserver)].join("\n")}\n`;
}

/** "IP" or "IP@PORT" (libunbound's form, which the platform uses) as an inetrc nameserver entry. */
function nameserver(resolver: string): string {
  const [ip = "", port = "53"] = resolver.split("@");
  const p = Number(port);
  if (!/^\d{1,5}$/.test(port) || p < 1 || p > 65535)
    throw new TypeError(`invalid resolver ${JSON.stringify(resolver)}`);
  return `{nameserver, ${erlangIp(ip, resolver)}, ${p}}.`;
}

function erlangIp(ip: string, resolver: string): string {
  if (net.isIPv4(ip)) return `{${ip.split(".").join(",")}}`;
  if (net.isIPv6(ip) && !ip.includes(".")) {
    const [head = "", tail] = ip.split("::");
    const left = head ? head.split(":") : [];
    const right = tail ? tail.split(":") : [];
    const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
    return `{${groups.map((g) => Number.parseInt(g, 16)).join(",")}}`;
  }
  throw new TypeError(`invalid resolver ${JSON.stringify(resolver)}: an IPv4 or IPv6 address is expected`);
}

/**
 * ejabberd verifies other servers' certificates against one file (fast_tls takes a file or the system's defaults,
 * not both): the platform's CA, then the system's CAs so that servers elsewhere keep being trusted.
 */
export function renderS2sCaFile(federation: FederationSpec): string {
  let system = "";
  try {
    system = readFileSync(SYSTEM_CA_BUNDLE, "utf8");
  } catch {
    // No system bundle: the platform's CA alone.
  }
  return `${federation.caPem.trim()}\n${system}`;
}

/** The platform's Erlang modules, as files of the instance. */
export function platformModuleSources(): { name: string; content: string }[] {
  return [...PLATFORM_HEADERS.map((h) => `${h}.hrl`), ...PLATFORM_MODULES.map((m) => `${m}.erl`)].map((name) => ({
    name,
    content: readFileSync(path.join(PLATFORM_MODULES_DIR, name), "utf8"),
  }));
}

/** Checks what ejabberd needs beyond validateSpec. */
export function assertRenderable(spec: InstanceSpec, layout: InstanceLayout): void {
  const p = ejabberdPaths(layout);
  for (const dir of [p.dir, p.data, p.certs]) assertPlainPath(dir);
  if (Buffer.byteLength(p.apiSocket) > MAX_UNIX_SOCKET_PATH) {
    throw new Error(`admin socket path is too long for a Unix socket (${p.apiSocket}); use a shorter dataRoot`);
  }
  if (spec.domains.some((d) => d.name === PLACEHOLDER_HOST)) {
    throw new TypeError(`${PLACEHOLDER_HOST} is the platform's admin host on ejabberd and cannot be a domain`);
  }
}
