import type { ServerName } from "@xmpp-host/xmpp";

/** The five suites of the XMPP Compliance Suites 2023 (XEP-0479). */
export const SUITES = ["core", "im", "mobile", "av", "web"] as const;
export type Suite = (typeof SUITES)[number];

export type TestStatus = "pass" | "fail" | "not_applicable";

/** One row of the catalogue: what is tested, where it counts, and how to fix it on each server kind. */
export interface ComplianceTestDefinition {
  /** Stable id, used by the API, the dashboard's words and the history: "direct-tls", "mam", "http-upload"... */
  id: string;
  /** What it is, for people: "Message history (MAM)". */
  title: string;
  /** The specification: "XEP-0313", "RFC 7395". */
  spec: string;
  /** The suites (Advanced server level) that require it; empty: a Conversations compliance tester test outside them. */
  suites: Suite[];
  /** live: exercised end to end; discovery: read from disco, stream features, DNS or host-meta. */
  kind: "live" | "discovery";
  /** The module (or setting) that provides it on each server kind, named by the fix. */
  provider: Record<ServerName, string>;
}

export interface ComplianceTestResult {
  id: string;
  status: TestStatus;
  /** What was seen: a feature found or missing, an HTTP status, a timing. Plain text, no secrets. */
  evidence: string;
  /** On failure: what to do, naming the module or setting (English; the dashboard words it by `id` and `module`). */
  fix?: { module: string; text: string };
  /** What a test measured, for programs: the ALPN protocol, the TLS version, the bound JID... */
  details?: Record<string, string | number | boolean>;
  durationMs: number;
}

export interface SuiteScore {
  passed: number;
  applicable: number;
}

export interface ComplianceReport {
  server: ServerName;
  domain: string;
  /** Percent (0-100, rounded down) of the applicable tests of the five suites that passed. */
  score: number;
  suites: Record<Suite, SuiteScore>;
  results: ComplianceTestResult[];
  durationMs: number;
}

/** Where and as whom the checker connects: the server's own address, so that it needs no public DNS. */
export interface ComplianceTarget {
  server: ServerName;
  domain: string;
  /** The server's address; every name of the domain (domain, share., groups.) is reached there. */
  host: string;
  ports: { c2s: number; directTls?: number; https?: number };
  /** CAs to trust (PEM) for STARTTLS, direct TLS and HTTPS. */
  ca: string | string[];
  /** An account of the domain the checker may use; it sends itself messages and uploads one small file. */
  account: { username: string; password: string };
  /** SRV records of a name, as the domain's DNS answers them; absent: the DNS test is not applicable. */
  resolveSrv?: (name: string) => Promise<Array<{ target: string; port: number }>>;
  /** TURN: the checker allocates a relay with the credentials the server hands out (XEP-0215). */
  turnTimeoutMs?: number;
  /** For each exchange. Default 10 s. */
  timeoutMs?: number;
}
