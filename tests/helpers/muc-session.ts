// The independent slixmpp client kept logged in and driven line by line (its muc-session command): joins, leaves
// and messages in rooms, each answered by one JSON event.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { repoRoot } from "@xmpp-host/config";
import { expect } from "vitest";

const XMPP_CLIENT = path.join(repoRoot, "tests/clients/xmpp_client.py");

export type XmppEvent = { event: string; [k: string]: unknown };

/** The independent slixmpp client, kept logged in and driven line by line (its muc-session command). */
export class XmppSession {
  readonly events: XmppEvent[] = [];
  private wake: (() => void) | null = null;
  private stderr = "";
  private closed = false;

  private constructor(private readonly child: ChildProcess) {
    let buf = "";
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (chunk: string) => {
      buf += chunk;
      for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith("{")) this.events.push(JSON.parse(line) as XmppEvent);
      }
      this.wake?.();
    });
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    child.once("exit", () => {
      this.closed = true;
      this.wake?.();
    });
  }

  static async open(ep: { host: string; port: number; caFile: string; jid: string; password: string }) {
    const child = spawn(
      "/usr/bin/python3",
      [XMPP_CLIENT, "muc-session", ep.host, String(ep.port), ep.caFile, ep.jid, ep.password],
      { stdio: ["pipe", "pipe", "pipe"] },
    );
    const session = new XmppSession(child);
    const first = await session.next((e) => e.event === "ready" || e.event === "login-failed", 20_000);
    if (first.event !== "ready") throw new Error(`${ep.jid} could not log in: ${JSON.stringify(first)}`);
    return session;
  }

  send(command: string): void {
    this.child.stdin?.write(`${command}\n`);
  }

  /** The first event from now on (or already received and not yet taken) that matches; it is taken. */
  async next(test: (e: XmppEvent) => boolean, timeoutMs = 20_000): Promise<XmppEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.events.findIndex(test);
      if (i >= 0) return this.events.splice(i, 1)[0] as XmppEvent;
      if (this.closed) throw new Error(`the XMPP client exited: ${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; XMPP client events: ${JSON.stringify(this.events)} ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async join(room: string, nick: string): Promise<XmppEvent> {
    this.send(`join ${room} ${nick}`);
    return this.next((e) => (e.event === "joined" || e.event === "join-error") && e.room === room, 30_000);
  }

  async leave(room: string, nick: string): Promise<void> {
    this.send(`leave ${room} ${nick}`);
    const e = await this.next((x) => (x.event === "left" || x.event === "leave-unconfirmed") && x.room === room);
    expect(e.event).toBe("left");
  }

  async quit(): Promise<void> {
    if (this.closed) return;
    this.send("quit");
    await this.next((e) => e.event === "bye", 10_000).catch(() => this.child.kill("SIGKILL"));
  }

  /** Drops the connection without a goodbye, as a phone losing its network does. */
  kill(): void {
    this.child.kill("SIGKILL");
  }
}
