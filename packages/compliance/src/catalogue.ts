/**
 * The catalogue: the server side of the XMPP Compliance Suites 2023 (XEP-0479) at the Advanced Server level, plus
 * the Conversations compliance tester's checks. Client-only requirements (Jingle, OMEMO on the client...) and the
 * component protocol (XEP-0114, which cannot be tried from outside) are left out.
 */
import type { ServerName } from "@xmpp-host/xmpp";
import type { ComplianceTestDefinition } from "./types.ts";

export interface CatalogueEntry extends ComplianceTestDefinition {
  /** What the provider does, in a few words, for the fix text: "message archive". */
  what: string;
  /** A fix that is not "enable a module": a port, a DNS record, a setting. */
  fixText?: Partial<Record<ServerName, string>>;
}

const entries = [
  // Core
  {
    id: "stream-features",
    title: "Required encryption and SCRAM login",
    spec: "RFC 6120",
    suites: ["core"],
    kind: "discovery",
    provider: { prosody: "mod_tls", ejabberd: "ejabberd_c2s" },
    what: "STARTTLS",
    fixText: {
      prosody:
        'Enable mod_tls with c2s_require_encryption = true, and store passwords hashed (authentication = "internal_hashed") so that SCRAM-SHA-1 is offered.',
      ejabberd: "Set starttls_required: true on ejabberd's ejabberd_c2s listener and auth_password_format: scram.",
    },
  },
  {
    id: "tls-version",
    title: "TLS 1.2 or later",
    spec: "RFC 7590",
    suites: ["core"],
    kind: "discovery",
    provider: { prosody: "mod_tls", ejabberd: "ejabberd_c2s" },
    what: "TLS",
    fixText: {
      prosody: "Use the intermediate or modern TLS profile (TLS 1.2 and later) for this domain.",
      ejabberd: "Set protocol_options: [no_sslv3, no_tlsv1, no_tlsv1_1] on ejabberd's ejabberd_c2s listener.",
    },
  },
  {
    id: "direct-tls",
    title: "Direct TLS with ALPN",
    spec: "XEP-0368",
    suites: ["core"],
    kind: "live",
    provider: { prosody: "c2s_direct_tls_ports", ejabberd: "ejabberd_c2s" },
    what: "direct TLS",
    fixText: {
      prosody:
        'Give the server a direct TLS port (c2s_direct_tls_ports) with c2s_direct_tls_ssl = { alpn = { "xmpp-client" } }.',
      ejabberd: "Add an ejabberd_c2s listener with tls: true (direct TLS) to ejabberd's listen section.",
    },
  },
  {
    id: "direct-tls-srv",
    title: "SRV record for direct TLS",
    spec: "XEP-0368",
    suites: ["core"],
    kind: "discovery",
    provider: { prosody: "DNS", ejabberd: "DNS" },
    what: "SRV record",
    fixText: {
      prosody: "Publish the SRV record _xmpps-client._tcp for this domain, pointing to the server's direct TLS port.",
      ejabberd: "Publish the SRV record _xmpps-client._tcp for this domain, pointing to the server's direct TLS port.",
    },
  },
  {
    id: "disco",
    title: "Service discovery",
    spec: "XEP-0030",
    suites: ["core"],
    kind: "discovery",
    provider: { prosody: "mod_disco", ejabberd: "mod_disco" },
    what: "service discovery",
  },
  {
    id: "caps",
    title: "Entity capabilities in stream features",
    spec: "XEP-0115",
    suites: ["core"],
    kind: "discovery",
    provider: { prosody: "mod_disco", ejabberd: "mod_caps" },
    what: "service discovery and capabilities",
  },
  {
    id: "pep",
    title: "Personal eventing (PEP) with publish options",
    spec: "XEP-0163",
    suites: ["core"],
    kind: "discovery",
    provider: { prosody: "mod_pep", ejabberd: "mod_pubsub" },
    what: "personal eventing",
  },
  {
    id: "contact-addresses",
    title: "Contact addresses (abuse)",
    spec: "XEP-0157",
    suites: ["core"],
    kind: "discovery",
    provider: { prosody: "mod_server_contact_info", ejabberd: "mod_disco" },
    what: "contact addresses",
    fixText: {
      prosody:
        "Enable mod_server_contact_info (contact addresses) for this domain and give the domain an abuse contact address.",
      ejabberd: "Set server_info with an abuse address in mod_disco's options in ejabberd's modules.",
    },
  },
  {
    id: "version",
    title: "Server software version",
    spec: "XEP-0092",
    suites: ["core"],
    kind: "discovery",
    provider: { prosody: "mod_version", ejabberd: "mod_version" },
    what: "software version",
  },
  {
    id: "ping",
    title: "Ping",
    spec: "XEP-0199",
    suites: ["core"],
    kind: "discovery",
    provider: { prosody: "mod_ping", ejabberd: "mod_ping" },
    what: "ping",
  },
  // IM
  {
    id: "roster-versioning",
    title: "Roster versioning",
    spec: "RFC 6121",
    suites: ["im"],
    kind: "discovery",
    provider: { prosody: "mod_roster", ejabberd: "mod_roster" },
    what: "roster",
    fixText: { ejabberd: "Set versioning: true in mod_roster's options in ejabberd's modules." },
  },
  {
    id: "carbons",
    title: "Message carbons",
    spec: "XEP-0280",
    suites: ["im"],
    kind: "live",
    provider: { prosody: "mod_carbons", ejabberd: "mod_carboncopy" },
    what: "message carbons",
  },
  {
    id: "muc",
    title: "Group chat service",
    spec: "XEP-0045",
    suites: ["im"],
    kind: "discovery",
    provider: { prosody: "mod_muc", ejabberd: "mod_muc" },
    what: "group chats",
  },
  {
    id: "muc-mam",
    title: "Group chat history (MUC MAM)",
    spec: "XEP-0313",
    suites: ["im"],
    kind: "discovery",
    provider: { prosody: "mod_muc_mam", ejabberd: "mod_mam" },
    what: "group chat archive",
  },
  {
    id: "blocking",
    title: "Blocking",
    spec: "XEP-0191",
    suites: ["im"],
    kind: "discovery",
    provider: { prosody: "mod_blocklist", ejabberd: "mod_blocking" },
    what: "blocking",
  },
  {
    id: "vcard-temp",
    title: "vCard (vcard-temp)",
    spec: "XEP-0054",
    suites: ["im"],
    kind: "discovery",
    provider: { prosody: "mod_vcard_legacy", ejabberd: "mod_vcard" },
    what: "vCards",
  },
  {
    id: "vcard4-conversion",
    title: "Avatar and vCard conversion",
    spec: "XEP-0398",
    suites: ["im"],
    kind: "discovery",
    provider: { prosody: "mod_vcard_legacy", ejabberd: "mod_vcard" },
    what: "vCard conversion",
  },
  {
    id: "bookmarks2",
    title: "Bookmarks 2 with compatibility",
    spec: "XEP-0402",
    suites: ["im"],
    kind: "discovery",
    provider: { prosody: "mod_bookmarks", ejabberd: "mod_private" },
    what: "bookmarks",
  },
  {
    id: "private-storage",
    title: "Private XML storage",
    spec: "XEP-0049",
    suites: ["im"],
    kind: "discovery",
    provider: { prosody: "mod_private", ejabberd: "mod_private" },
    what: "private storage",
  },
  {
    id: "stanza-id",
    title: "Stanza ids",
    spec: "XEP-0359",
    suites: ["im"],
    kind: "discovery",
    provider: { prosody: "mod_mam", ejabberd: "mod_mam" },
    what: "message archive",
  },
  {
    id: "offline",
    title: "Offline messages",
    spec: "RFC 6121",
    suites: ["im"],
    kind: "discovery",
    provider: { prosody: "mod_offline", ejabberd: "mod_offline" },
    what: "offline messages",
  },
  {
    id: "mam",
    title: "Message history (MAM)",
    spec: "XEP-0313",
    suites: ["im"],
    kind: "live",
    provider: { prosody: "mod_mam", ejabberd: "mod_mam" },
    what: "message archive",
  },
  {
    id: "http-upload",
    title: "File upload",
    spec: "XEP-0363",
    suites: ["im"],
    kind: "live",
    provider: { prosody: "mod_http_file_share", ejabberd: "mod_http_upload" },
    what: "file upload",
  },
  // Mobile
  {
    id: "stream-management",
    title: "Stream management with resumption",
    spec: "XEP-0198",
    suites: ["mobile"],
    kind: "live",
    provider: { prosody: "mod_smacks", ejabberd: "mod_stream_mgmt" },
    what: "stream management",
  },
  {
    id: "csi",
    title: "Client state indication",
    spec: "XEP-0352",
    suites: ["mobile"],
    kind: "discovery",
    provider: { prosody: "mod_csi_simple", ejabberd: "mod_client_state" },
    what: "client state indication",
  },
  {
    id: "push",
    title: "Push notifications",
    spec: "XEP-0357",
    suites: ["mobile"],
    kind: "discovery",
    provider: { prosody: "mod_cloud_notify", ejabberd: "mod_push" },
    what: "push notifications",
  },
  // A/V
  {
    id: "external-services",
    title: "TURN for calls (external services)",
    spec: "XEP-0215",
    suites: ["av"],
    kind: "live",
    provider: { prosody: "mod_turn_external", ejabberd: "mod_stun_disco" },
    what: "TURN for calls",
  },
  // Web
  {
    id: "websocket",
    title: "XMPP over WebSocket",
    spec: "RFC 7395",
    suites: ["web"],
    kind: "live",
    provider: { prosody: "mod_websocket", ejabberd: "ejabberd_http_ws" },
    what: "WebSocket",
    fixText: {
      ejabberd: "Add /xmpp-websocket: ejabberd_http_ws to the request_handlers of ejabberd's HTTPS listener.",
    },
  },
  {
    id: "bosh",
    title: "BOSH",
    spec: "XEP-0206",
    suites: ["web"],
    kind: "live",
    provider: { prosody: "mod_bosh", ejabberd: "mod_bosh" },
    what: "BOSH",
  },
  {
    id: "host-meta",
    title: "Connection discovery (host-meta)",
    spec: "XEP-0156",
    suites: ["web"],
    kind: "discovery",
    provider: { prosody: "mod_host_meta", ejabberd: "mod_host_meta" },
    what: "host-meta",
  },
  // The Conversations tester's, outside the 2023 suites: not counted in the score.
  {
    id: "socks5-proxy",
    title: "SOCKS5 file transfer proxy",
    spec: "XEP-0065",
    suites: [],
    kind: "discovery",
    provider: { prosody: "mod_proxy65", ejabberd: "mod_proxy65" },
    what: "SOCKS5 proxy",
    fixText: {
      prosody:
        "Not offered on managed servers: files go through HTTP upload (XEP-0363). Enable mod_proxy65 as a component only if clients need a SOCKS5 proxy.",
      ejabberd:
        "Not offered on managed servers: files go through HTTP upload (XEP-0363). Enable mod_proxy65 in ejabberd's modules only if clients need a SOCKS5 proxy.",
    },
  },
] as const satisfies readonly CatalogueEntry[];

export type ComplianceTestId = (typeof entries)[number]["id"];

export const CATALOGUE: readonly CatalogueEntry[] = entries;

/** The catalogue as the API and the dashboard see it. */
export const COMPLIANCE_TESTS: readonly ComplianceTestDefinition[] = entries.map(
  ({ id, title, spec, suites, kind, provider }) => ({
    id,
    title,
    spec,
    suites: [...suites],
    kind,
    provider: { ...provider },
  }),
);

/** What a failed test tells the operator to do on this server kind. */
export function fixFor(entry: CatalogueEntry, server: ServerName): { module: string; text: string } {
  const module = entry.provider[server];
  const text =
    entry.fixText?.[server] ??
    (server === "prosody"
      ? `Enable ${module} (${entry.what}) for this domain.`
      : `Enable ${module} in ejabberd's modules.`);
  return { module, text };
}
