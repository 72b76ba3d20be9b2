/** What the tests of one check share: the target, its sessions, and what discovery found (fetched once). */
import { randomBytes } from "node:crypto";
import {
  type XmlElement,
  type XmppConnection,
  type XmppStream,
  xmlChild,
  xmlChildren,
  xmppConnect,
  xmppSession,
} from "@xmpp-host/xmpp/client";
import type { ComplianceTarget, TestStatus } from "./types.ts";

export interface Outcome {
  status: TestStatus;
  evidence: string;
  details?: Record<string, string | number | boolean>;
}

export const pass = (evidence: string, details?: Outcome["details"]): Outcome => ({
  status: "pass",
  evidence,
  ...(details ? { details } : {}),
});
export const fail = (evidence: string, details?: Outcome["details"]): Outcome => ({
  status: "fail",
  evidence,
  ...(details ? { details } : {}),
});
export const notApplicable = (evidence: string): Outcome => ({ status: "not_applicable", evidence });

export const NS_DISCO_INFO = "http://jabber.org/protocol/disco#info";
export const NS_DISCO_ITEMS = "http://jabber.org/protocol/disco#items";

/** What the account's first session saw: stream features at each step and the server's disco answers. */
export interface Discovery {
  connection: XmppConnection;
  stream: XmppStream;
  featuresBeforeTls: XmlElement | undefined;
  featuresAfterTls: XmlElement;
  featuresAfterAuth: XmlElement;
  /** The domain's disco#info <query/>. */
  serverInfo: XmlElement;
  /** The domain's disco#items, each with its disco#info (null when it answered with an error). */
  items: Array<{ jid: string; info: XmlElement | null }>;
  /** The account's own disco#info <query/> (PEP, MAM, push...). */
  accountInfo: XmlElement;
}

export function featureSet(info: XmlElement | null | undefined): Set<string> {
  return new Set(xmlChildren(info ?? undefined, "feature").map((f) => f.attrs.var ?? ""));
}

export function hasIdentity(info: XmlElement | null | undefined, category: string, type: string): boolean {
  return xmlChildren(info ?? undefined, "identity").some((i) => i.attrs.category === category && i.attrs.type === type);
}

export class CheckContext {
  readonly timeoutMs: number;
  readonly bareJid: string;
  private readonly open: XmppStream[] = [];
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(readonly target: ComplianceTarget) {
    this.timeoutMs = target.timeoutMs ?? 10_000;
    this.bareJid = `${target.account.username}@${target.domain}`;
  }

  /** A value unique to this check, for message bodies, file names and room names. */
  token(): string {
    return randomBytes(6).toString("hex");
  }

  /** A new logged-in, bound session of the account over STARTTLS; closed when the check ends. */
  async login(opts: { presence?: boolean; resource?: string } = {}): Promise<XmppConnection> {
    const c = await xmppSession({ ...this.endpoint(), ...opts, ...this.target.account });
    this.open.push(c.stream);
    return c;
  }

  /** A secured stream, not yet logged in (direct TLS: on `port`). */
  async connect(security: "starttls" | "direct" = "starttls", port?: number): Promise<XmppConnection> {
    const c = await xmppConnect({ ...this.endpoint(), security, ...(port ? { port } : {}) });
    this.open.push(c.stream);
    return c;
  }

  endpoint() {
    const t = this.target;
    return { host: t.host, port: t.ports.c2s, domain: t.domain, ca: t.ca, timeoutMs: this.timeoutMs };
  }

  track(stream: XmppStream): void {
    this.open.push(stream);
  }

  /** Computed once per check, shared by the tests that need it. */
  once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = make();
      // Each test that awaits it reports the failure; nobody else must see it as unhandled.
      p.catch(() => {});
      this.memo.set(key, p);
    }
    return p;
  }

  discover(): Promise<Discovery> {
    return this.once("discovery", () => this.runDiscovery());
  }

  private async runDiscovery(): Promise<Discovery> {
    const connection = await this.connect();
    const { stream } = connection;
    const featuresAfterTls = stream.features as XmlElement;
    await stream.authenticate(this.target.account.username, this.target.account.password);
    const featuresAfterAuth = stream.features as XmlElement;
    await stream.bind(`check-${this.token()}`);
    const info = async (jid: string) =>
      xmlChild(await stream.query("get", jid, `<query xmlns='${NS_DISCO_INFO}'/>`), "query", NS_DISCO_INFO) ?? null;
    const [serverInfo, itemsAnswer, accountInfo] = await Promise.all([
      info(this.target.domain),
      stream.query("get", this.target.domain, `<query xmlns='${NS_DISCO_ITEMS}'/>`),
      info(this.bareJid),
    ]);
    const jids = xmlChildren(xmlChild(itemsAnswer, "query", NS_DISCO_ITEMS), "item")
      .map((i) => i.attrs.jid ?? "")
      .filter(Boolean);
    const items = await Promise.all(jids.map(async (jid) => ({ jid, info: await info(jid).catch(() => null) })));
    if (!serverInfo || !accountInfo) throw new Error("disco#info answered without a <query/>");
    return {
      connection,
      stream,
      featuresBeforeTls: connection.featuresBeforeTls,
      featuresAfterTls,
      featuresAfterAuth,
      serverInfo,
      items,
      accountInfo,
    };
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.open.map((s) => s.close().catch(() => {})));
  }
}

export function describeError(err: unknown): string {
  if (err instanceof AggregateError) return err.errors.map(describeError).join("; ");
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
