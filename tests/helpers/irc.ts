// An IRC server (ngircd) and a raw IRC client for tests of the IRC gateway; neither shares code with the platform.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { chmod, chown, mkdir, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { canConnect } from "@xmpp-host/runtime";
import { sleep } from "./wait.ts";

export interface Ngircd {
  port: number;
  /** Its console output (ngircd -n logs there). */
  log: string;
  stop(): Promise<void>;
}

/** The uid/gid of a system account, read from /etc/passwd. */
function account(name: string): { uid: number; gid: number } {
  for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
    const [user, , uid, gid] = line.split(":");
    if (user === name && uid && gid) return { uid: Number(uid), gid: Number(gid) };
  }
  throw new Error(`no system account ${name}`);
}

/**
 * Starts ngircd on 127.0.0.1:`port` only, in the foreground, with its files in `dir`. As root it is started as
 * `runAs` (default nobody) from the first instruction: left to itself, ngircd would start as root and switch to
 * ServerUID (nobody when unset) only after binding. ServerUID/ServerGID are set too, should it ever be run as root.
 */
export async function startNgircd(opts: {
  dir: string;
  port: number;
  name?: string;
  runAs?: string;
  timeoutMs?: number;
}): Promise<Ngircd> {
  const { dir, port } = opts;
  const name = opts.name ?? "irc.test.local";
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? account(opts.runAs ?? "nobody") : null;
  await mkdir(dir, { recursive: true });
  const conf = path.join(dir, "ngircd.conf");
  const log = path.join(dir, "ngircd.log");
  const includeDir = path.join(dir, "conf.d");
  await mkdir(includeDir, { recursive: true });
  const lines = [
    "[Global]",
    `Name = ${name}`,
    "Info = test IRC server",
    "AdminInfo1 = tests",
    "AdminInfo2 = tests",
    "AdminEMail = tests@localhost",
    "Listen = 127.0.0.1",
    `Ports = ${port}`,
    `PidFile = ${path.join(dir, "ngircd.pid")}`,
    "MotdPhrase = test",
    ...(owner ? [`ServerUID = ${owner.uid}`, `ServerGID = ${owner.gid}`] : []),
    "[Limits]",
    // Every client (the gateway's connections too) comes from 127.0.0.1.
    "MaxConnectionsIP = 0",
    "[Options]",
    "PAM = no",
    "Ident = no",
    "DNS = no",
    // Not /etc/ngircd/ngircd.conf.d: nothing of the machine's own setup.
    `IncludeDir = ${includeDir}`,
  ];
  await writeFile(conf, `${lines.join("\n")}\n`, { mode: 0o644 });
  if (owner) {
    // It writes its pidfile after dropping privileges, and must reach its folder.
    await chown(dir, owner.uid, owner.gid);
    for (let up = path.dirname(dir); up !== path.dirname(up); up = path.dirname(up)) {
      const info = await stat(up);
      if ((info.mode & 0o001) === 0) await chmod(up, (info.mode & 0o7777) | 0o001);
    }
  }
  const fd = openSync(log, "a");
  let child: ChildProcess;
  try {
    child = spawn("/usr/sbin/ngircd", ["-n", "-f", conf], {
      stdio: ["ignore", fd, fd],
      ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
    });
  } finally {
    closeSync(fd);
  }
  let exited: string | null = null;
  const gone = new Promise<void>((resolve) => {
    child.once("exit", (code, sig) => {
      exited = `ngircd exited (${sig ?? `code ${code}`})`;
      resolve();
    });
    child.once("error", (err) => {
      exited = `could not run ngircd: ${err.message}`;
      resolve();
    });
  });
  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await gone;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    if (exited) break;
    if (await canConnect("127.0.0.1", port)) return { port, log, stop };
    if (Date.now() > deadline) break;
    await sleep(25);
  }
  await stop();
  throw new Error(`ngircd did not start: ${exited ?? "port closed"}\n${readFileSync(log, "utf8").slice(-2000)}`);
}

export interface IrcMessage {
  prefix: string | null;
  command: string;
  params: string[];
}

/** One IRC line (RFC 1459 framing): `:prefix COMMAND a b :trailing`. */
export function parseIrcLine(line: string): IrcMessage {
  let rest = line;
  let prefix: string | null = null;
  if (rest.startsWith(":")) {
    const sp = rest.indexOf(" ");
    prefix = rest.slice(1, sp < 0 ? undefined : sp);
    rest = sp < 0 ? "" : rest.slice(sp + 1);
  }
  const params: string[] = [];
  const trailingAt = rest.indexOf(" :");
  const head = rest.startsWith(":") ? "" : trailingAt < 0 ? rest : rest.slice(0, trailingAt);
  const words = head.split(" ").filter((w) => w !== "");
  const command = (words.shift() ?? "").toUpperCase();
  params.push(...words);
  if (rest.startsWith(":")) params.push(rest.slice(1));
  else if (trailingAt >= 0) params.push(rest.slice(trailingAt + 2));
  return { prefix, command, params };
}

type LineTest = RegExp | ((line: string, msg: IrcMessage) => boolean);

/** A bare IRC client on a socket: it answers PING and keeps every line it receives. */
export class RawIrcClient {
  /** Every line received, in order, without CRLF. */
  readonly lines: string[] = [];
  nick = "";
  private socket: net.Socket | null = null;
  private buffer = "";
  private waiters = new Set<() => void>();
  private closed = false;

  /** Connects and registers; resolves once the server welcomes it (001). */
  async connect(host: string, port: number, nick: string, timeoutMs = 10_000): Promise<void> {
    this.nick = nick;
    const socket = net.connect({ host, port });
    this.socket = socket;
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => this.receive(chunk));
    socket.on("close", () => {
      this.closed = true;
      this.wake();
    });
    socket.on("error", () => {});
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    this.send(`NICK ${nick}`);
    this.send(`USER ${nick} 0 * :${nick}`);
    const answer = await this.waitFor((_l, m) => m.command === "001" || m.command === "433", timeoutMs);
    if (parseIrcLine(answer).command !== "001") throw new Error(`IRC server refused nick ${nick}: ${answer}`);
  }

  /** Joins and resolves at the end of the channel's member list (366). */
  async join(channel: string, timeoutMs = 10_000): Promise<void> {
    this.send(`JOIN ${channel}`);
    const lc = channel.toLowerCase();
    await this.waitFor((_l, m) => m.command === "366" && m.params[1]?.toLowerCase() === lc, timeoutMs);
  }

  say(channel: string, text: string): void {
    this.send(`PRIVMSG ${channel} :${text}`);
  }

  send(line: string): void {
    if (/[\r\n]/.test(line)) throw new TypeError("an IRC line cannot contain a line break");
    this.socket?.write(`${line}\r\n`);
  }

  /** The first line received (before or after this call) that matches; throws after `timeoutMs`. */
  async waitFor(test: LineTest, timeoutMs = 10_000): Promise<string> {
    const matches = (line: string) => (test instanceof RegExp ? test.test(line) : test(line, parseIrcLine(line)));
    const deadline = Date.now() + timeoutMs;
    let seen = 0;
    for (;;) {
      for (; seen < this.lines.length; seen++) {
        const line = this.lines[seen];
        if (line !== undefined && matches(line)) return line;
      }
      if (this.closed) throw new Error(`IRC connection closed while waiting for ${test}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `timed out after ${timeoutMs} ms waiting for ${test}; last lines:\n${this.lines.slice(-10).join("\n")}`,
        );
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  /** Says goodbye and closes the connection (at most `timeoutMs` for the server to close it). */
  async quit(message = "bye", timeoutMs = 2_000): Promise<void> {
    const socket = this.socket;
    if (!socket || this.closed) return;
    this.send(`QUIT :${message}`);
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    await Promise.race([closed, sleep(timeoutMs)]);
    socket.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let nl = this.buffer.indexOf("\n");
    while (nl >= 0) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, "");
      this.buffer = this.buffer.slice(nl + 1);
      nl = this.buffer.indexOf("\n");
      if (line === "") continue;
      const msg = parseIrcLine(line);
      if (msg.command === "PING") {
        this.send(`PONG :${msg.params[0] ?? ""}`);
        continue;
      }
      this.lines.push(line);
    }
    this.wake();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}
