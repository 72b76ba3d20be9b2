/**
 * A deliberately tiny real XMPP client for tests: TCP, STARTTLS (trusting a given CA), SASL PLAIN,
 * resource binding, in-band registration. Tests use it to prove a password works, to hold a session
 * open, and to check a domain's registration policy from the outside.
 */
import net from "node:net";
import tls from "node:tls";

export interface XmppEndpoint {
  host: string;
  port: number;
  domain: string;
  /** PEM of the certificate (or CA) to trust for STARTTLS. */
  ca: string;
}

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

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&apos;");

/** Connects, negotiates STARTTLS and returns the TLS socket with the features of the secured stream. */
async function secureStream(ep: XmppEndpoint) {
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
  const socket = tls.connect({ socket: plain, servername: ep.domain, ca: ep.ca });
  await new Promise<void>((resolve, reject) => {
    socket.once("secureConnect", () => resolve());
    socket.once("error", reject);
  });
  const reader = new Reader();
  reader.attach(socket);
  socket.write(open);
  const features = (await reader.expect(/<stream:features[\s\S]*?<\/stream:features>/))[0];
  const close = () =>
    new Promise<void>((resolve) => {
      if (socket.destroyed) return resolve();
      socket.once("close", () => resolve());
      socket.end("</stream:stream>");
      setTimeout(() => socket.destroy(), 1000).unref();
    });
  return { socket, reader, features, open, close };
}

/** Logs in with SASL PLAIN and binds `resource`; throws "authentication failed" on bad credentials. */
export async function xmppLogin(
  ep: XmppEndpoint & { username: string; password: string; resource?: string },
): Promise<MiniSession> {
  const { socket, reader, open, close } = await secureStream(ep);
  const token = Buffer.from(`\0${ep.username}\0${ep.password}`, "utf8").toString("base64");
  socket.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${token}</auth>`);
  const outcome = await reader.expect(/<(success|failure)[\s\S]*?(?:\/>|<\/\1>)/);
  if (outcome[1] !== "success") {
    socket.destroy();
    throw new Error(`authentication failed: ${outcome[0]}`);
  }
  socket.write(open);
  await reader.expect(/<\/stream:features>/);
  const resource = ep.resource ?? "test";
  socket.write(
    `<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${esc(resource)}</resource></bind></iq>`,
  );
  const bound = await reader.expect(/<jid>([^<]+)<\/jid>/);
  await reader.expect(/<\/iq>/);
  socket.write("<presence/>");
  return { jid: bound[1] ?? "", close };
}

/**
 * Tries in-band registration (XEP-0077), optionally with an invite token (XEP-0401 preauth).
 * Answers "registered", "unavailable" (the server does not offer registration) or "<condition>: <text>".
 */
export async function xmppRegister(
  ep: XmppEndpoint & { username: string; password: string; token?: string },
): Promise<string> {
  const { socket, reader, features, close } = await secureStream(ep);
  try {
    if (!features.includes("http://jabber.org/features/iq-register")) return "unavailable";
    const iq = async (id: string, payload: string): Promise<string | null> => {
      socket.write(`<iq type='set' id='${id}'>${payload}</iq>`);
      const reply = (await reader.expect(new RegExp(`<iq[^>]*id='${id}'[^>]*/>|<iq[^>]*id='${id}'[\\s\\S]*?</iq>`)))[0];
      if (/type='result'/.test(reply)) return null;
      const condition = reply.match(/<([a-z-]+) xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/)?.[1] ?? reply;
      const text = reply.match(/<text[^>]*>([^<]*)<\/text>/)?.[1];
      return text ? `${condition}: ${text}` : condition;
    };
    // Prosody 0.12 takes the invite token in an IQ before the registration (mod_invites_register).
    if (ep.token) {
      const refused = await iq("pre1", `<preauth xmlns='urn:xmpp:pars:0' token='${esc(ep.token)}'/>`);
      if (refused) return refused;
    }
    const refused = await iq(
      "reg1",
      `<query xmlns='jabber:iq:register'><username>${esc(ep.username)}</username><password>${esc(ep.password)}</password></query>`,
    );
    return refused ?? "registered";
  } finally {
    await close();
  }
}
