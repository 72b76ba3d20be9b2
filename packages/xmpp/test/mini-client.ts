/**
 * A deliberately tiny real XMPP client for tests: TCP, STARTTLS (trusting a given CA), SASL PLAIN,
 * resource binding. It lets tests log in as an account (proving the password) and hold a session open.
 */
import net from "node:net";
import tls from "node:tls";

export interface MiniSession {
  jid: string;
  close(): Promise<void>;
}

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
      this.failed = err;
      this.waiter?.();
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new Error("connection closed")));
  }

  /** Waits until the buffer matches `re`, consumes everything up to the end of the match. */
  async expect(re: RegExp, timeoutMs = 5000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.buf.match(re);
      if (m && m.index !== undefined) {
        this.buf = this.buf.slice(m.index + m[0].length);
        return m;
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

const xmlAttr = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&apos;");

export async function xmppLogin(opts: {
  host: string;
  port: number;
  domain: string;
  username: string;
  password: string;
  ca: string;
  resource?: string;
}): Promise<MiniSession> {
  const open = `<?xml version='1.0'?><stream:stream to='${xmlAttr(opts.domain)}' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`;
  const plain = net.connect({ host: opts.host, port: opts.port });
  plain.setNoDelay(true);
  let reader = new Reader();
  reader.attach(plain);
  plain.write(open);
  await reader.expect(/<\/stream:features>/);
  plain.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
  await reader.expect(/<proceed[^>]*\/>/);
  plain.removeAllListeners("data");
  const secure = tls.connect({ socket: plain, servername: opts.domain, ca: opts.ca });
  await new Promise<void>((resolve, reject) => {
    secure.once("secureConnect", () => resolve());
    secure.once("error", reject);
  });
  reader = new Reader();
  reader.attach(secure);
  secure.write(open);
  await reader.expect(/<\/stream:features>/);
  const token = Buffer.from(`\0${opts.username}\0${opts.password}`, "utf8").toString("base64");
  secure.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${token}</auth>`);
  const outcome = await reader.expect(/<(success|failure)[\s\S]*?(?:\/>|<\/\1>)/);
  if (outcome[1] !== "success") {
    secure.destroy();
    throw new Error(`authentication failed: ${outcome[0]}`);
  }
  secure.write(open);
  await reader.expect(/<\/stream:features>/);
  const resource = opts.resource ?? "test";
  secure.write(
    `<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${xmlAttr(resource)}</resource></bind></iq>`,
  );
  const bound = await reader.expect(/<jid>([^<]+)<\/jid>/);
  await reader.expect(/<\/iq>/);
  // A session only counts as online for some servers once it has sent initial presence.
  secure.write("<presence/>");
  return {
    jid: bound[1] ?? "",
    close: () =>
      new Promise<void>((resolve) => {
        secure.once("close", () => resolve());
        secure.end("</stream:stream>");
        setTimeout(() => secure.destroy(), 1000).unref();
      }),
  };
}
