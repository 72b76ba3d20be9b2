/**
 * A small real XMPP client for the backup tests: STARTTLS, SASL PLAIN, bind, chat messages, XEP-0199 pings
 * and XEP-0313 (MAM) queries. `@xmpp-host/xmpp/client`'s xmppLogin can only log in, and the messages
 * must go through the server's c2s path so that mod_mam archives them.
 */
import net from "node:net";
import tls from "node:tls";
import type { XmppEndpoint } from "@xmpp-host/xmpp/client";

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&apos;").replace(/"/g, "&quot;");

/** Accumulates a stream's text and hands out what lies before and inside the first match of a pattern. */
class Reader {
  private buf = "";
  private waiter: (() => void) | null = null;
  private failed: Error | null = null;

  attach(socket: net.Socket): void {
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => {
      this.buf += d;
      this.waiter?.();
    });
    const fail = (err: Error) => {
      this.failed ??= err;
      this.waiter?.();
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new Error("connection closed")));
  }

  /** Waits for `re`; returns the consumed text (everything before the match, then the match) and the match. */
  async expect(re: RegExp, timeoutMs = 10_000): Promise<{ consumed: string; match: RegExpMatchArray }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.buf.match(re);
      if (m && m.index !== undefined) {
        const end = m.index + m[0].length;
        const consumed = this.buf.slice(0, end);
        this.buf = this.buf.slice(end);
        return { consumed, match: m };
      }
      if (this.failed) throw this.failed;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timeout waiting for ${re}; have ${this.buf.slice(0, 300)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          this.waiter = null;
          resolve();
        };
      });
    }
  }
}

export interface ChatSession {
  jid: string;
  /** Sends a chat message (fire and forget; call ping() to know the server has handled it). */
  send(to: string, body: string): void;
  /** A XEP-0199 round trip: the server handles a session's stanzas in order, so earlier messages are done. */
  ping(): Promise<void>;
  /** Number of messages in the own archive (XEP-0313), optionally only those exchanged with `withJid`. */
  archiveCount(withJid?: string): Promise<number>;
  /** Bodies of the archived messages, oldest first, paging through the whole archive. */
  archiveBodies(withJid?: string): Promise<string[]>;
  close(): Promise<void>;
}

let seq = 0;
const nextId = (p: string) => `${p}${++seq}`;

export async function chatLogin(
  ep: XmppEndpoint & { username: string; password: string; resource?: string },
): Promise<ChatSession> {
  const open = `<?xml version='1.0'?><stream:stream to='${esc(ep.domain)}' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`;
  const plain = net.connect({ host: ep.host, port: ep.port });
  plain.setNoDelay(true);
  const plainReader = new Reader();
  plainReader.attach(plain);
  plain.write(open);
  await plainReader.expect(/<\/stream:features>/);
  plain.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
  await plainReader.expect(/<proceed[^>]*\/>/);
  plain.removeAllListeners("data");
  plain.removeAllListeners("close");
  const socket = tls.connect({ socket: plain, servername: ep.domain, ca: ep.ca });
  await new Promise<void>((resolve, reject) => {
    socket.once("secureConnect", () => resolve());
    socket.once("error", reject);
  });
  const reader = new Reader();
  reader.attach(socket);
  socket.write(open);
  await reader.expect(/<\/stream:features>/);
  const token = Buffer.from(`\0${ep.username}\0${ep.password}`, "utf8").toString("base64");
  socket.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${token}</auth>`);
  const outcome = (await reader.expect(/<(success|failure)[\s\S]*?(?:\/>|<\/\1>)/)).match;
  if (outcome[1] !== "success") {
    socket.destroy();
    throw new Error(`authentication failed: ${outcome[0]}`);
  }
  socket.write(open);
  await reader.expect(/<\/stream:features>/);
  socket.write(
    `<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${esc(ep.resource ?? "test")}</resource></bind></iq>`,
  );
  const jid = (await reader.expect(/<jid>([^<]+)<\/jid>/)).match[1] ?? "";
  await reader.expect(/<\/iq>/);
  socket.write("<presence/>");

  /** Replies are matched by id; stanzas in between (incoming messages, presence) are consumed. */
  const iqReply = (id: string) => reader.expect(new RegExp(`<iq[^>]*id='${id}'[^>]*(?:/>|>[\\s\\S]*?</iq>)`));

  const page = async (withJid: string | undefined, after: string | null) => {
    const id = nextId("mam");
    const qid = nextId("q");
    const form = withJid
      ? `<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field><field var='with'><value>${esc(withJid)}</value></field></x>`
      : "";
    const rsm = `<set xmlns='http://jabber.org/protocol/rsm'><max>50</max>${after ? `<after>${esc(after)}</after>` : ""}</set>`;
    socket.write(`<iq type='set' id='${id}'><query xmlns='urn:xmpp:mam:2' queryid='${qid}'>${form}${rsm}</query></iq>`);
    const { consumed, match } = await iqReply(id);
    if (!/type='result'/.test(match[0])) throw new Error(`MAM query failed: ${match[0]}`);
    const bodies: string[] = [];
    const resultRe = new RegExp(`<result[^>]*queryid='${qid}'[\\s\\S]*?</result>`, "g");
    for (const r of consumed.matchAll(resultRe)) bodies.push(r[0].match(/<body>([^<]*)<\/body>/)?.[1] ?? "");
    const last = match[0].match(/<last>([^<]+)<\/last>/)?.[1] ?? null;
    const complete = /<fin[^>]*complete='true'/.test(match[0]);
    return { bodies, last, complete };
  };

  const session: ChatSession = {
    jid,
    send(to, body) {
      socket.write(`<message type='chat' to='${esc(to)}' id='${nextId("m")}'><body>${esc(body)}</body></message>`);
    },
    async ping() {
      const id = nextId("ping");
      socket.write(`<iq type='get' id='${id}' to='${esc(ep.domain)}'><ping xmlns='urn:xmpp:ping'/></iq>`);
      await iqReply(id);
    },
    async archiveBodies(withJid) {
      const all: string[] = [];
      let after: string | null = null;
      for (;;) {
        const p = await page(withJid, after);
        all.push(...p.bodies);
        if (p.complete || p.last === null || p.bodies.length === 0) return all;
        after = p.last;
      }
    },
    async archiveCount(withJid) {
      return (await session.archiveBodies(withJid)).length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.destroyed) return resolve();
        socket.once("close", () => resolve());
        socket.end("</stream:stream>");
        setTimeout(() => socket.destroy(), 1000).unref();
      }),
  };
  return session;
}
