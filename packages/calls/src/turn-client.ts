/**
 * A minimal STUN/TURN client over UDP (RFC 8489, RFC 8656): enough to check that a TURN server answers and hands
 * out relays to the credentials we derive. Encoding is written here: docs/decisions.md, "Calls".
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import dgram from "node:dgram";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { crc32 } from "node:zlib";

export type TurnErrorCode = "timeout" | "unauthorized" | "refused" | "network";

export class TurnError extends Error {
  override readonly name = "TurnError";
  constructor(
    readonly code: TurnErrorCode,
    message: string,
    /** The STUN error number (401, 486…) when the server answered with one. */
    readonly status?: number,
    readonly reason?: string,
  ) {
    super(message);
  }
}

export interface StunTarget {
  host: string;
  port: number;
  /** Bounds the whole call: resolving, every retransmission and every answer. */
  timeoutMs: number;
}

const MAGIC = 0x2112a442;
const BINDING = 0x0001;
const ALLOCATE = 0x0003;
const REFRESH = 0x0004;
const SUCCESS = 0x0100;
const ERROR = 0x0110;

const MAPPED_ADDRESS = 0x0001;
const USERNAME = 0x0006;
const MESSAGE_INTEGRITY = 0x0008;
const ERROR_CODE = 0x0009;
const LIFETIME = 0x000d;
const REALM = 0x0014;
const NONCE = 0x0015;
const XOR_RELAYED_ADDRESS = 0x0016;
const REQUESTED_TRANSPORT = 0x0019;
const XOR_MAPPED_ADDRESS = 0x0020;
const FINGERPRINT = 0x8028;

interface Message {
  type: number;
  id: Buffer;
  /** The first value of each attribute type. */
  attrs: Map<number, Buffer>;
}

function attribute(type: number, value: Buffer): Buffer {
  const out = Buffer.alloc(4 + Math.ceil(value.length / 4) * 4);
  out.writeUInt16BE(type, 0);
  out.writeUInt16BE(value.length, 2);
  value.copy(out, 4);
  return out;
}

/** A request with MESSAGE-INTEGRITY when `key` is given, and always FINGERPRINT (coturn runs with `fingerprint`). */
function encode(type: number, id: Buffer, attrs: [number, Buffer][], key?: Buffer): Buffer {
  const header = Buffer.alloc(20);
  header.writeUInt16BE(type, 0);
  header.writeUInt32BE(MAGIC, 4);
  id.copy(header, 8);
  let msg = Buffer.concat([header, ...attrs.map(([t, v]) => attribute(t, v))]);
  // Each trailer is computed with the length field already counting it.
  if (key) {
    msg.writeUInt16BE(msg.length - 20 + 24, 2);
    msg = Buffer.concat([msg, attribute(MESSAGE_INTEGRITY, createHmac("sha1", key).update(msg).digest())]);
  }
  msg.writeUInt16BE(msg.length - 20 + 8, 2);
  const fingerprint = Buffer.alloc(4);
  fingerprint.writeUInt32BE((crc32(msg) ^ 0x5354554e) >>> 0);
  return Buffer.concat([msg, attribute(FINGERPRINT, fingerprint)]);
}

function decode(buf: Buffer): Message | null {
  if (buf.length < 20 || (buf.readUInt8(0) & 0xc0) !== 0 || buf.readUInt32BE(4) !== MAGIC) return null;
  const end = 20 + buf.readUInt16BE(2);
  if (end > buf.length) return null;
  const attrs = new Map<number, Buffer>();
  for (let off = 20; off + 4 <= end; ) {
    const type = buf.readUInt16BE(off);
    const length = buf.readUInt16BE(off + 2);
    if (off + 4 + length > end) return null;
    if (!attrs.has(type)) attrs.set(type, buf.subarray(off + 4, off + 4 + length));
    off += 4 + Math.ceil(length / 4) * 4;
  }
  return { type: buf.readUInt16BE(0), id: buf.subarray(8, 20), attrs };
}

/** "ip:port" or "[ip6]:port" from a (XOR-)MAPPED-ADDRESS-style value; `id` given means XOR-encoded. */
function address(value: Buffer | undefined, id?: Buffer): string | null {
  if (!value || value.length < 8) return null;
  const size = value.readUInt8(1) === 1 ? 4 : value.readUInt8(1) === 2 ? 16 : 0;
  if (size === 0 || value.length < 4 + size) return null;
  const mask = Buffer.alloc(16);
  if (id) {
    mask.writeUInt32BE(MAGIC, 0);
    id.copy(mask, 4);
  }
  const port = value.readUInt16BE(2) ^ mask.readUInt16BE(0);
  const ip = value.subarray(4, 4 + size).map((b, i) => b ^ mask.readUInt8(i));
  if (size === 4) return `${ip.join(".")}:${port}`;
  const groups = Array.from({ length: 8 }, (_, i) =>
    Buffer.from(ip)
      .readUInt16BE(i * 2)
      .toString(16),
  );
  // URL parsing gives the canonical (compressed) IPv6 form.
  return `${new URL(`http://[${groups.join(":")}]/`).hostname}:${port}`;
}

function errorOf(m: Message): { status: number; reason: string } {
  const v = m.attrs.get(ERROR_CODE);
  if (!v || v.length < 4) return { status: 0, reason: "no ERROR-CODE" };
  return {
    status: (v.readUInt8(2) & 7) * 100 + v.readUInt8(3),
    reason: v.subarray(4).toString("utf8").replace(/\0+$/, ""),
  };
}

const refused = (what: string, m: Message) => {
  const { status, reason } = errorOf(m);
  return new TurnError("refused", `${what} refused: ${status} ${reason}`, status, reason);
};

/** One UDP socket connected to the server, so that ICMP "port unreachable" fails fast instead of timing out. */
class Exchange {
  private constructor(
    private readonly socket: dgram.Socket,
    private readonly deadline: number,
    private readonly target: string,
  ) {}

  static async open(t: StunTarget): Promise<Exchange> {
    const deadline = Date.now() + t.timeoutMs;
    const target = `${t.host}:${t.port}`;
    let ip = t.host;
    if (isIP(ip) === 0) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TurnError("timeout", `resolving ${t.host} timed out`)), t.timeoutMs);
      });
      try {
        ip = (await Promise.race([lookup(t.host), late])).address;
      } catch (err) {
        if (err instanceof TurnError) throw err;
        throw new TurnError("network", `cannot resolve ${t.host}: ${(err as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
    }
    const socket = dgram.createSocket(isIP(ip) === 6 ? "udp6" : "udp4");
    // An error before the first exchange listens (none is expected) must not crash the process.
    socket.on("error", () => {});
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.connect(t.port, ip, () => {
        socket.off("error", reject);
        resolve();
      });
    }).catch((err: Error) => {
      socket.close();
      throw new TurnError("network", `cannot reach ${target}: ${err.message}`);
    });
    return new Exchange(socket, deadline, target);
  }

  /** Sends `request` until an answer with its transaction id arrives or the deadline passes. */
  request(request: Buffer): Promise<Message> {
    const id = request.subarray(8, 20);
    const budget = this.deadline - Date.now();
    if (budget <= 0) return Promise.reject(new TurnError("timeout", `no answer from ${this.target}`));
    return new Promise((resolve, reject) => {
      const timers: NodeJS.Timeout[] = [];
      const finish = (err: TurnError | null, m?: Message) => {
        for (const t of timers) clearTimeout(t);
        this.socket.off("message", onMessage);
        this.socket.off("error", onError);
        if (err) reject(err);
        else resolve(m as Message);
      };
      const onMessage = (buf: Buffer) => {
        const m = decode(buf);
        if (m?.id.equals(id)) finish(null, m);
      };
      const onError = (err: Error) => finish(new TurnError("network", `${this.target}: ${err.message}`));
      const send = () => this.socket.send(request, (err) => err && onError(err));
      this.socket.on("message", onMessage);
      this.socket.on("error", onError);
      // UDP loses packets: send three times, at intervals doubling as RFC 8489's retransmissions do.
      send();
      timers.push(setTimeout(send, budget / 7), setTimeout(send, (budget * 3) / 7));
      timers.push(setTimeout(() => finish(new TurnError("timeout", `no answer from ${this.target}`)), budget));
    });
  }

  close(): void {
    this.socket.close();
  }
}

const newId = () => randomBytes(12);
const elapsed = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

/** Asks the server which address it sees us at (a STUN Binding request). */
export async function stunBinding(t: StunTarget): Promise<{ mappedAddress: string; ms: number }> {
  const t0 = performance.now();
  const ex = await Exchange.open(t);
  try {
    const m = await ex.request(encode(BINDING, newId(), []));
    if (m.type !== (BINDING | SUCCESS)) throw refused("binding", m);
    const mapped = address(m.attrs.get(XOR_MAPPED_ADDRESS), m.id) ?? address(m.attrs.get(MAPPED_ADDRESS));
    if (!mapped) throw new TurnError("refused", "binding answer without a mapped address");
    return { mappedAddress: mapped, ms: elapsed(t0) };
  } finally {
    ex.close();
  }
}

export interface TurnAllocateOptions extends StunTarget {
  username: string;
  password: string;
}

/** What signs requests once the server has named its realm and nonce. */
interface LongTermAuth {
  username: string;
  key: Buffer;
  realm: Buffer;
  nonce: Buffer;
}

const isError = (m: Message, method: number, ...statuses: number[]) =>
  m.type === (method | ERROR) && statuses.includes(errorOf(m).status);

function signed(method: number, a: LongTermAuth, attrs: [number, Buffer][]): Buffer {
  const login: [number, Buffer][] = [
    [USERNAME, Buffer.from(a.username, "utf8")],
    [REALM, a.realm],
    [NONCE, a.nonce],
  ];
  return encode(method, newId(), [...login, ...attrs], a.key);
}

/** The realm and nonce of a 401 or 438 answer, keeping what an earlier answer gave when one is missing. */
function challenged(m: Message, o: TurnAllocateOptions, before: LongTermAuth | null): LongTermAuth {
  const realm = m.attrs.get(REALM) ?? before?.realm;
  const nonce = m.attrs.get(NONCE);
  if (!realm || !nonce) throw refused("allocation (no realm or nonce)", m);
  const key = createHash("md5")
    .update(`${o.username}:${realm.toString("utf8")}:${o.password}`)
    .digest();
  return { username: o.username, key, realm, nonce };
}

/**
 * Makes a UDP relay allocation with long-term credentials, as a calling client does, then releases it so that a
 * probe leaves nothing allocated. `ms` is the time until the relay was granted.
 */
export async function turnAllocate(o: TurnAllocateOptions): Promise<{ relayedAddress: string; ms: number }> {
  const t0 = performance.now();
  const ex = await Exchange.open(o);
  try {
    const udp: [number, Buffer][] = [[REQUESTED_TRANSPORT, Buffer.from([17, 0, 0, 0])]];
    let answer = await ex.request(encode(ALLOCATE, newId(), udp));
    let a: LongTermAuth | null = null;
    if (isError(answer, ALLOCATE, 401)) {
      a = challenged(answer, o, null);
      answer = await ex.request(signed(ALLOCATE, a, udp));
      // A nonce can go stale between the two requests: the server then hands out a new one.
      if (isError(answer, ALLOCATE, 438)) {
        a = challenged(answer, o, a);
        answer = await ex.request(signed(ALLOCATE, a, udp));
      }
    }
    if (a && isError(answer, ALLOCATE, 401, 431)) {
      const { status, reason } = errorOf(answer);
      throw new TurnError("unauthorized", `allocation refused: ${status} ${reason}`, status, reason);
    }
    if (answer.type !== (ALLOCATE | SUCCESS)) throw refused("allocation", answer);
    const relayed = address(answer.attrs.get(XOR_RELAYED_ADDRESS), answer.id);
    if (!relayed) throw new TurnError("refused", "allocation answer without a relayed address");
    const ms = elapsed(t0);
    await release(ex, a, o).catch(() => {});
    return { relayedAddress: relayed, ms };
  } finally {
    ex.close();
  }
}

/** Refresh with LIFETIME 0 deletes the allocation (best effort: the server frees it after its lifetime anyway). */
async function release(ex: Exchange, a: LongTermAuth | null, o: TurnAllocateOptions): Promise<void> {
  const zero: [number, Buffer][] = [[LIFETIME, Buffer.alloc(4)]];
  let answer = await ex.request(a ? signed(REFRESH, a, zero) : encode(REFRESH, newId(), zero));
  if (a && isError(answer, REFRESH, 438)) answer = await ex.request(signed(REFRESH, challenged(answer, o, a), zero));
  if (answer.type !== (REFRESH | SUCCESS)) throw refused("release", answer);
}
