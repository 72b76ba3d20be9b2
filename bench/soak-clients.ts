// Run by bench/soak.ts as a child process: holds XMPP client sessions on one server (TCP, STARTTLS, SASL
// SCRAM-SHA-1 with the probe's PBKDF2 code, resource binding, initial presence) and reports over IPC. A process
// of its own so that the clients' TLS and parsing work does not run on the event loop of the API being measured.
import { randomBytes } from "node:crypto";
import net from "node:net";
import tls from "node:tls";
import { scramClientFinal } from "@xmpp-host/health";

export interface OpenCommand {
  type: "open";
  host: string;
  port: number;
  domain: string;
  ca: string;
  accounts: { username: string; password: string }[];
  connections: number;
  batch: number;
  pauseMs: number;
  keepaliveMs: number;
}

export type ToClients = OpenCommand | { type: "check"; timeoutMs: number } | { type: "close" };

export type FromClients =
  | { type: "progress"; open: number; failed: number }
  | { type: "opened"; open: number; failed: number; loginMs: number[]; errors: string[] }
  | { type: "disconnect"; index: number; reason: string }
  | { type: "checked"; alive: number; failed: number; rttMs: number[] }
  | { type: "closed" };

const NS_STREAM = "http://etherx.jabber.org/streams";
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&apos;");
const streamOpen = (domain: string) =>
  `<?xml version='1.0'?><stream:stream to='${esc(domain)}' version='1.0' xml:lang='en' xmlns='jabber:client' xmlns:stream='${NS_STREAM}'>`;

function send(msg: FromClients): void {
  process.send?.(msg);
}

/** One held session. Reads the whole stream while logging in; afterwards only the iq replies it waits for. */
class Session {
  socket: net.Socket | null = null;
  private buf = "";
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private held = false;
  closing = false;
  lastSent = Date.now();
  private readonly waiting = new Map<string, () => void>();

  constructor(
    readonly index: number,
    private readonly cmd: OpenCommand,
  ) {}

  private attach(socket: net.Socket): void {
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => {
      this.buf += d;
      if (this.held) this.scan();
      else this.wake?.();
    });
    socket.on("error", (err) => this.fail(err));
    socket.on("close", () => {
      this.fail(new Error("connection closed"));
      if (this.held && !this.closing) {
        const streamError = /<stream:error>\s*<([a-z-]+)/.exec(this.buf)?.[1];
        send({ type: "disconnect", index: this.index, reason: streamError ?? "closed by the server" });
      }
    });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.wake?.();
  }

  private async expect(re: RegExp, deadline: number): Promise<RegExpMatchArray> {
    for (;;) {
      const m = this.buf.match(re);
      if (m && m.index !== undefined) {
        this.buf = this.buf.slice(m.index + m[0].length);
        return m;
      }
      const streamError = /<stream:error>\s*<([a-z-]+)/.exec(this.buf);
      if (streamError) throw new Error(`stream error: ${streamError[1]}`);
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${re.source.slice(0, 40)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          this.wake = null;
          resolve();
        };
      });
    }
  }

  /** Held mode: answers server pings and settles the pings this side sent; keeps only a short tail. */
  private scan(): void {
    const re = /<iq\b[^>]*>/g;
    let end = 0;
    for (let m = re.exec(this.buf); m; m = re.exec(this.buf)) {
      const tag = m[0];
      const type = /\stype=['"]([a-z]+)['"]/.exec(tag)?.[1];
      const id = /\sid=['"]([^'"]*)['"]/.exec(tag)?.[1] ?? "";
      if (type === "get") {
        // The server's XEP-0199 ping (anything else is not served here).
        const rest = this.buf.slice(re.lastIndex, re.lastIndex + 40);
        if (rest.length < 40 && !rest.includes(">")) break;
        const from = /\sfrom=['"]([^'"]*)['"]/.exec(tag)?.[1];
        const to = from ? ` to='${from}'` : "";
        this.write(
          rest.startsWith("<ping")
            ? `<iq type='result' id='${id}'${to}/>`
            : `<iq type='error' id='${id}'${to}><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`,
        );
      } else if (type === "result" || type === "error") {
        this.waiting.get(id)?.();
        this.waiting.delete(id);
      }
      end = re.lastIndex;
    }
    this.buf = this.buf.slice(Math.max(end, this.buf.length - 2048));
  }

  write(data: string): void {
    if (!this.socket || this.socket.destroyed) return;
    this.socket.write(data);
    this.lastSent = Date.now();
  }

  /** Connect, STARTTLS, SCRAM-SHA-1, bind, presence. Resolves with the login time in ms. */
  async open(account: { username: string; password: string }, resource: string): Promise<number> {
    const { host, port, domain, ca } = this.cmd;
    const started = performance.now();
    const deadline = Date.now() + 30_000;
    const plain = net.connect({ host, port });
    plain.setNoDelay(true);
    this.socket = plain;
    this.attach(plain);
    await new Promise<void>((resolve, reject) => {
      plain.once("connect", resolve);
      plain.once("error", reject);
    });
    plain.write(streamOpen(domain));
    const features = (await this.expect(/<stream:features[\s\S]*?<\/stream:features>/, deadline))[0];
    if (!features.includes("<starttls")) throw new Error("no STARTTLS offered");
    plain.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    await this.expect(/<proceed[^>]*\/>|<proceed[^>]*><\/proceed>/, deadline);
    plain.removeAllListeners("data");
    plain.removeAllListeners("error");
    plain.removeAllListeners("close");
    plain.on("error", () => undefined);
    this.buf = "";
    const secure = tls.connect({ socket: plain, servername: domain, ca });
    this.socket = secure;
    await new Promise<void>((resolve, reject) => {
      secure.once("secureConnect", resolve);
      secure.once("error", reject);
    });
    secure.setNoDelay(true);
    this.attach(secure);
    secure.write(streamOpen(domain));
    const secured = (await this.expect(/<stream:features[\s\S]*?<\/stream:features>/, deadline))[0];
    if (!secured.includes(">SCRAM-SHA-1<")) throw new Error("no SCRAM-SHA-1 offered");

    const clientNonce = randomBytes(18).toString("base64");
    const clientFirstBare = `n=${account.username},r=${clientNonce}`;
    secure.write(
      `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>${Buffer.from(`n,,${clientFirstBare}`).toString("base64")}</auth>`,
    );
    const challenge = await this.expect(/<challenge[^>]*>([^<]*)<\/challenge>|<failure[\s\S]*?<\/failure>/, deadline);
    if (!challenge[0].startsWith("<challenge")) throw new Error(`SASL: ${challenge[0]}`);
    const { clientFinal, serverSignature } = scramClientFinal({
      password: account.password,
      clientFirstBare,
      serverFirst: Buffer.from(challenge[1] ?? "", "base64").toString("utf8"),
      clientNonce,
    });
    secure.write(
      `<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>${Buffer.from(clientFinal).toString("base64")}</response>`,
    );
    const outcome = await this.expect(
      /<success[^>]*>([^<]*)<\/success>|<success[^>]*\/>|<failure[\s\S]*?<\/failure>/,
      deadline,
    );
    if (!outcome[0].startsWith("<success")) throw new Error(`SASL: ${outcome[0]}`);
    const verifier = Buffer.from(outcome[1] ?? "", "base64")
      .toString("utf8")
      .replace(/^v=/, "");
    if (!Buffer.from(verifier, "base64").equals(serverSignature)) throw new Error("server SCRAM signature mismatch");

    secure.write(streamOpen(domain));
    await this.expect(/<\/stream:features>/, deadline);
    secure.write(
      `<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${esc(resource)}</resource></bind></iq>`,
    );
    const bound = (await this.expect(/<iq[^>]*id=['"]bind['"][\s\S]*?(?:<\/iq>|\/>)/, deadline))[0];
    if (!/type=['"]result['"]/.test(bound)) throw new Error(`bind: ${bound}`);
    secure.write("<presence/>");
    this.lastSent = Date.now();
    this.held = true;
    this.scan();
    return performance.now() - started;
  }

  /** An XEP-0199 ping to the server; resolves with the round trip in ms, rejects on timeout or a closed stream. */
  ping(id: string, timeoutMs: number): Promise<number> {
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      if (!this.socket || this.socket.destroyed) return reject(new Error("not connected"));
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error("ping timed out"));
      }, timeoutMs);
      this.waiting.set(id, () => {
        clearTimeout(timer);
        resolve(performance.now() - t0);
      });
      this.write(`<iq type='get' id='${id}' to='${esc(this.cmd.domain)}'><ping xmlns='urn:xmpp:ping'/></iq>`);
    });
  }

  close(): Promise<void> {
    this.closing = true;
    const s = this.socket;
    if (!s || s.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        s.destroy();
        resolve();
      }, 5000);
      s.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      s.end("</stream:stream>");
    });
  }
}

const sessions: Session[] = [];
let keepalive: NodeJS.Timeout | null = null;

async function openAll(cmd: OpenCommand): Promise<void> {
  const loginMs: number[] = [];
  const errors: string[] = [];
  let failed = 0;
  for (let first = 0; first < cmd.connections; first += cmd.batch) {
    const batch = Array.from({ length: Math.min(cmd.batch, cmd.connections - first) }, (_, k) => first + k);
    await Promise.all(
      batch.map(async (i) => {
        const account = cmd.accounts[i % cmd.accounts.length];
        if (!account) throw new Error("no accounts to log in with");
        const s = new Session(i, cmd);
        try {
          loginMs.push(await s.open(account, `soak-${i}`));
          sessions.push(s);
        } catch (err) {
          failed++;
          s.closing = true;
          s.socket?.destroy();
          if (errors.length < 5) errors.push(`#${i}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }),
    );
    send({ type: "progress", open: sessions.length, failed });
    if (first + cmd.batch < cmd.connections) await new Promise((r) => setTimeout(r, cmd.pauseMs));
  }
  // Whitespace keepalives, as clients send them, spread over the interval.
  keepalive = setInterval(
    () => {
      const due = Date.now() - cmd.keepaliveMs;
      for (const s of sessions) if (!s.closing && s.lastSent < due) s.write(" ");
    },
    Math.max(1000, cmd.keepaliveMs / 20),
  );
  send({ type: "opened", open: sessions.length, failed, loginMs, errors });
}

let pingSeq = 0;
async function checkAll(timeoutMs: number): Promise<void> {
  const rttMs: number[] = [];
  let failed = 0;
  await Promise.all(
    sessions.map(async (s) => {
      try {
        rttMs.push(await s.ping(`live-${++pingSeq}`, timeoutMs));
      } catch {
        failed++;
      }
    }),
  );
  send({ type: "checked", alive: rttMs.length, failed, rttMs });
}

process.on("message", (msg: ToClients) => {
  if (msg.type === "open") void openAll(msg);
  else if (msg.type === "check") void checkAll(msg.timeoutMs);
  else if (msg.type === "close") {
    if (keepalive) clearInterval(keepalive);
    void Promise.all(sessions.map((s) => s.close())).then(() => send({ type: "closed" }));
  }
});
// The parent going away ends the sessions with it.
process.on("disconnect", () => process.exit(0));
