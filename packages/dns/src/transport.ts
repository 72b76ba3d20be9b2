/**
 * Sending one DNS message to one server and reading its answer: over UDP with retries, over TCP, or over UDP with a
 * TCP retry when the answer is truncated. Shared by RFC 2136 updates and authoritative queries.
 */
import dgram from "node:dgram";
import net from "node:net";

export interface DnsEndpoint {
  /** An IP address (a host name is looked up by the socket). */
  address: string;
  port: number;
}

export interface ExchangeOptions {
  /** Per UDP attempt; the whole TCP exchange gets timeoutMs × tries. */
  timeoutMs: number;
  /** UDP attempts before giving up. */
  tries: number;
  /** "udp" (default) falls back to TCP when the answer is truncated or the message exceeds 512 bytes. */
  transport?: "udp" | "tcp";
}

/** Classic DNS UDP size without EDNS: larger messages go over TCP. */
export const UDP_LIMIT = 512;

/** The server could not be reached or gave no usable answer. `code` follows Node's DNS error codes. */
export class DnsExchangeError extends Error {
  override readonly name = "DnsExchangeError";
  constructor(
    message: string,
    /** ETIMEOUT, ECONNREFUSED (or another socket error code), ECONNRESET, EBADRESP. */
    readonly code: string,
  ) {
    super(message);
  }
}

/** "192.0.2.1:53", "[2001:db8::1]:53": for messages. */
export function endpointText(server: DnsEndpoint): string {
  return net.isIPv6(server.address) ? `[${server.address}]:${server.port}` : `${server.address}:${server.port}`;
}

function socketCode(err: Error): string {
  return (err as NodeJS.ErrnoException).code ?? "ECONNREFUSED";
}

/** Sends `message` (whose ID is `id`) and resolves with the raw answer. */
export async function exchange(
  server: DnsEndpoint,
  message: Buffer,
  id: number,
  opts: ExchangeOptions,
): Promise<Buffer> {
  if (opts.transport === "tcp" || message.length > UDP_LIMIT) return exchangeTcp(server, message, id, opts);
  const raw = await exchangeUdp(server, message, id, opts);
  // The TC bit, read from the header: a malformed answer is for the caller to report.
  const truncated = raw.length >= 4 && (raw.readUInt16BE(2) & 0x0200) !== 0;
  return truncated ? exchangeTcp(server, message, id, opts) : raw;
}

export function exchangeUdp(server: DnsEndpoint, message: Buffer, id: number, opts: ExchangeOptions): Promise<Buffer> {
  const tries = Math.max(1, opts.tries);
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(net.isIPv6(server.address) ? "udp6" : "udp4");
    let attempt = 0;
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (err: Error | null, data?: Buffer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      if (err) reject(err);
      else resolve(data as Buffer);
    };
    const send = () => {
      if (done) return;
      attempt++;
      socket.send(message, (err) => {
        if (err)
          finish(new DnsExchangeError(`cannot send to ${endpointText(server)}: ${err.message}`, socketCode(err)));
      });
      timer = setTimeout(() => {
        if (attempt < tries) send();
        else
          finish(
            new DnsExchangeError(`no answer from ${endpointText(server)} after ${attempt} attempt(s)`, "ETIMEOUT"),
          );
      }, opts.timeoutMs);
    };
    socket.on("message", (data) => {
      // Ignore stray datagrams; a connected socket only hears from the server.
      if (data.length >= 2 && data.readUInt16BE(0) === id) finish(null, data);
    });
    socket.on("error", (err) =>
      finish(new DnsExchangeError(`${endpointText(server)}: ${err.message}`, socketCode(err))),
    );
    // Connecting makes ICMP "port unreachable" surface as an error instead of a silent timeout.
    socket.connect(server.port, server.address, send);
  });
}

export function exchangeTcp(server: DnsEndpoint, message: Buffer, id: number, opts: ExchangeOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: server.address, port: server.port });
    let buffered = Buffer.alloc(0);
    const timer = setTimeout(
      () => finish(new DnsExchangeError(`no answer from ${endpointText(server)} over TCP`, "ETIMEOUT")),
      opts.timeoutMs * Math.max(1, opts.tries),
    );
    const finish = (err: Error | null, data?: Buffer) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(data as Buffer);
    };
    socket.on("connect", () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(message.length);
      socket.write(Buffer.concat([len, message]));
    });
    socket.on("data", (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 2) return;
      const len = buffered.readUInt16BE(0);
      if (buffered.length < 2 + len) return;
      const data = buffered.subarray(2, 2 + len);
      if (data.length >= 2 && data.readUInt16BE(0) === id) finish(null, data);
      else finish(new DnsExchangeError(`unexpected answer from ${endpointText(server)} over TCP`, "EBADRESP"));
    });
    socket.on("error", (err) =>
      finish(new DnsExchangeError(`${endpointText(server)}: ${err.message}`, socketCode(err))),
    );
    socket.on("close", () =>
      finish(new DnsExchangeError(`${endpointText(server)} closed the TCP connection`, "ECONNRESET")),
    );
  });
}
