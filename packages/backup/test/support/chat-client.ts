/**
 * A chat session for the backup tests, on the platform's XMPP client: chat messages, XEP-0199 pings and XEP-0313
 * (MAM) queries. The messages go through the server's c2s path, so that mod_mam archives them.
 */
import { esc, type XmppEndpoint, xmppLogin } from "@xmpp-host/xmpp/client";

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
  const chat = await xmppLogin(ep);

  /** Replies are matched by id; stanzas in between (incoming messages, presence) are consumed. */
  const iqReply = (id: string) => chat.expect(new RegExp(`<iq[^>]*id='${id}'[^>]*(?:/>|>[\\s\\S]*?</iq>)`));

  const page = async (withJid: string | undefined, after: string | null) => {
    const id = nextId("mam");
    const qid = nextId("q");
    const form = withJid
      ? `<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field><field var='with'><value>${esc(withJid)}</value></field></x>`
      : "";
    const rsm = `<set xmlns='http://jabber.org/protocol/rsm'><max>50</max>${after ? `<after>${esc(after)}</after>` : ""}</set>`;
    chat.send(`<iq type='set' id='${id}'><query xmlns='urn:xmpp:mam:2' queryid='${qid}'>${form}${rsm}</query></iq>`);
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
    jid: chat.jid,
    send(to, body) {
      chat.send(`<message type='chat' to='${esc(to)}' id='${nextId("m")}'><body>${esc(body)}</body></message>`);
    },
    async ping() {
      const id = nextId("ping");
      chat.send(`<iq type='get' id='${id}' to='${esc(ep.domain)}'><ping xmlns='urn:xmpp:ping'/></iq>`);
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
    close: () => chat.close(),
  };
  return session;
}
