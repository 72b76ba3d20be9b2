import net from "node:net";
import { DriverUnavailableError } from "../../driver.ts";
import { xmlEscape } from "../../lua.ts";
import { XmlStreamParser } from "./xml-stream.ts";

const STREAM_HEADER = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='xmpp:prosody.im/admin'>";

/** One `<repl-input>` answered: the `<repl-output>` lines it printed and its closing `<repl-result>`. */
export interface ShellReply {
  ok: boolean;
  /** Text of `<repl-result>`, e.g. "Result: 42", "OK: User created", "Error: No such user". */
  result: string;
  output: string[];
}

interface Pending {
  output: string[];
  resolve(reply: ShellReply): void;
  reject(err: Error): void;
}

/** Raised internally when the connection went away before a command got its answer. */
class ConnectionLost extends DriverUnavailableError {}

interface Connection {
  socket: net.Socket;
  parser: XmlStreamParser;
  /** Commands written and not yet answered, in order: Prosody answers one stream's inputs sequentially. */
  inflight: Pending[];
  /** Runs while the head of `inflight` is being worked on: measures one command, not the queue before it. */
  timer: NodeJS.Timeout | null;
  dead: boolean;
}

export interface AdminSocketOptions {
  socketPath: string;
  timeoutMs: number;
  /** Lines run on every new connection before any command (e.g. installing helper functions). */
  initLines?: string[];
}

/**
 * A long-lived client for Prosody's admin socket (mod_admin_socket + mod_admin_shell).
 * Commands are pipelined over one connection; the server runs them one after another per connection,
 * so answers arrive in the order the inputs were sent. A lost connection is re-established on the next
 * command, and a command whose connection died before it was answered is retried once.
 */
export class AdminSocketClient {
  private conn: Connection | null = null;
  private connecting: Promise<Connection> | null = null;
  private closed = false;

  constructor(private readonly opts: AdminSocketOptions) {}

  async exec(line: string): Promise<ShellReply> {
    try {
      return await this.execOnce(line);
    } catch (err) {
      // Every command we send is idempotent, so re-sending after a connection drop is safe.
      if (err instanceof ConnectionLost && !this.closed) return await this.execOnce(line);
      throw err;
    }
  }

  /** Drops the current connection (the next command reconnects). */
  disconnect(): void {
    if (this.conn) this.kill(this.conn, new ConnectionLost("admin socket connection closed by client"));
  }

  async close(): Promise<void> {
    this.closed = true;
    const conn = this.conn ?? (await this.connecting?.catch(() => null)) ?? null;
    if (!conn || conn.dead) return;
    const { socket } = conn;
    await new Promise<void>((resolve) => {
      socket.once("close", () => resolve());
      this.kill(conn, new DriverUnavailableError("driver closed"), true);
    });
  }

  private async execOnce(line: string): Promise<ShellReply> {
    if (this.closed) throw new DriverUnavailableError("driver closed");
    const payload = `<repl-input>${xmlEscape(line)}</repl-input>`;
    const conn = await this.connection();
    return await this.send(conn, payload);
  }

  private send(conn: Connection, payload: string): Promise<ShellReply> {
    if (conn.dead) return Promise.reject(new ConnectionLost("admin socket connection lost"));
    return new Promise<ShellReply>((resolve, reject) => {
      conn.inflight.push({ output: [], resolve, reject });
      if (conn.inflight.length === 1) this.armTimer(conn);
      conn.socket.write(payload);
    });
  }

  private armTimer(conn: Connection): void {
    if (conn.timer) clearTimeout(conn.timer);
    conn.timer = null;
    const head = conn.inflight[0];
    if (!head) return;
    conn.timer = setTimeout(() => {
      // The stream is now out of step (a late answer would be taken for the next command): drop it.
      // The slow command fails; the ones queued behind it are retried on a new connection.
      conn.inflight.shift();
      head.reject(new DriverUnavailableError(`admin socket command timed out after ${this.opts.timeoutMs} ms`));
      this.kill(conn, new ConnectionLost("admin socket dropped after a timeout"));
    }, this.opts.timeoutMs);
  }

  private connection(): Promise<Connection> {
    if (this.conn && !this.conn.dead) return Promise.resolve(this.conn);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<Connection> {
    const { socketPath, timeoutMs } = this.opts;
    const socket = net.createConnection({ path: socketPath });
    socket.setEncoding("utf8"); // decodes multi-byte characters split across chunks correctly
    const conn: Connection = { socket, parser: new XmlStreamParser(), inflight: [], timer: null, dead: false };

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new DriverUnavailableError(`admin socket ${socketPath}: no stream header within ${timeoutMs} ms`));
      }, timeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        socket.destroy();
        const code = (err as NodeJS.ErrnoException).code ?? err.message;
        reject(new DriverUnavailableError(`cannot connect to admin socket ${socketPath}: ${code}`));
      };
      socket.once("error", fail);
      socket.once("connect", () => socket.write(STREAM_HEADER));
      const onData = (chunk: string) => {
        let events: ReturnType<XmlStreamParser["feed"]>;
        try {
          events = conn.parser.feed(chunk);
        } catch (err) {
          fail(err as Error);
          return;
        }
        if (events[0]?.kind === "open") {
          clearTimeout(timer);
          socket.off("error", fail);
          socket.off("data", onData);
          resolve();
        } else if (events.length > 0) {
          fail(new Error("unexpected data before stream header"));
        }
      };
      socket.on("data", onData);
      socket.once("close", () => fail(new Error("connection closed during handshake")));
    });

    socket.removeAllListeners("close");
    socket.on("data", (chunk: string) => this.onData(conn, chunk));
    socket.on("error", (err) => this.kill(conn, new ConnectionLost(`admin socket error: ${err.message}`)));
    socket.on("close", () => this.kill(conn, new ConnectionLost("admin socket closed by server")));

    if (this.closed) {
      this.kill(conn, new DriverUnavailableError("driver closed"), true);
      throw new DriverUnavailableError("driver closed");
    }
    this.conn = conn;
    for (const init of this.opts.initLines ?? []) {
      const reply = await this.send(conn, `<repl-input>${xmlEscape(init)}</repl-input>`);
      if (!reply.ok) {
        this.kill(conn, new DriverUnavailableError("initialisation failed"));
        throw new DriverUnavailableError(`admin shell initialisation failed: ${reply.result}`);
      }
    }
    return conn;
  }

  private onData(conn: Connection, chunk: string): void {
    let events: ReturnType<XmlStreamParser["feed"]>;
    try {
      events = conn.parser.feed(chunk);
    } catch (err) {
      this.kill(conn, new ConnectionLost(`admin socket sent malformed XML: ${(err as Error).message}`));
      return;
    }
    for (const ev of events) {
      if (ev.kind === "close") {
        this.kill(conn, new ConnectionLost("admin socket stream closed by server"));
        return;
      }
      if (ev.kind !== "element") continue;
      if (ev.name === "repl-output") {
        conn.inflight[0]?.output.push(ev.text);
      } else if (ev.name === "repl-result") {
        const p = conn.inflight.shift();
        if (!p) continue; // nobody waits for it (should not happen: a timeout drops the stream)
        this.armTimer(conn);
        p.resolve({ ok: ev.attrs.type !== "error", result: ev.text, output: p.output });
      } else if (ev.name === "stream:error") {
        this.kill(conn, new ConnectionLost(`admin socket stream error: ${ev.children.join(",")} ${ev.text}`));
        return;
      }
    }
  }

  private kill(conn: Connection, err: Error, graceful = false): void {
    if (!conn.dead) {
      conn.dead = true;
      if (graceful && !conn.socket.destroyed) {
        conn.socket.end("</stream:stream>");
        // Don't wait forever for the server to close its side.
        setTimeout(() => conn.socket.destroy(), 1000).unref();
      } else {
        conn.socket.destroy();
      }
    }
    if (conn.timer) clearTimeout(conn.timer);
    conn.timer = null;
    if (this.conn === conn) this.conn = null;
    for (const p of conn.inflight.splice(0)) p.reject(err);
  }
}
