/**
 * Commands in a server's pod through the Kubernetes API (exec), and the admin forwarder built on it: a Unix socket
 * in this process whose every connection is piped to the server's own admin socket inside the pod (by `socat` in
 * the server's image). The admin interface never listens on the network.
 */
import { mkdirSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { PassThrough, type Readable, Writable } from "node:stream";
import { Exec, type KubeConfig, type V1Status } from "@kubernetes/client-node";
import { CONTAINER } from "./objects.ts";

export interface PodTarget {
  namespace: string;
  pod: string;
}

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The exit code an exec's final status reports (0 on success, null when the status does not say). */
export function exitCodeOf(status: V1Status): number | null {
  if (status.status === "Success") return 0;
  const cause = status.details?.causes?.find((c) => c.reason === "ExitCode");
  const code = Number(cause?.message);
  return Number.isInteger(code) ? code : null;
}

/** Runs a command in the pod's server container and collects its output. */
export async function execInPod(
  kc: KubeConfig,
  target: PodTarget,
  command: string[],
  timeoutMs = 30_000,
): Promise<ExecResult> {
  const stdout = new PassThrough();
  const out: Buffer[] = [];
  stdout.on("data", (b: Buffer) => out.push(b));
  const r = await execStreaming(kc, target, command, stdout, timeoutMs);
  return { code: r.code, stdout: Buffer.concat(out).toString("utf8"), stderr: r.stderr };
}

/** Runs a command in the pod's server container, its output written to `stdout` as it comes. */
export async function execStreaming(
  kc: KubeConfig,
  target: PodTarget,
  command: string[],
  stdout: Writable,
  timeoutMs = 30_000,
  stdin: Readable | null = null,
): Promise<{ code: number | null; stderr: string }> {
  const stderr = new PassThrough();
  const err: Buffer[] = [];
  stderr.on("data", (b: Buffer) => err.push(b));
  return await new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(
      () => finish(new Error(`exec ${command[0]} in ${target.pod}: no answer in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const finish = (error: Error | null, code: number | null = null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve({ code, stderr: Buffer.concat(err).toString("utf8") });
    };
    new Exec(kc)
      .exec(target.namespace, target.pod, CONTAINER, command, stdout, stderr, stdin, false, (status) =>
        finish(null, exitCodeOf(status)),
      )
      .then((ws) => {
        ws.addEventListener("close", () =>
          finish(new Error(`exec ${command[0]} in ${target.pod}: closed without a status`)),
        );
      })
      .catch((e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
  });
}

/** A Writable over a socket that drops what comes after the socket went away (the exec may still be sending). */
function into(socket: net.Socket): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (socket.destroyed || socket.writableEnded) return cb();
      socket.write(chunk, () => cb());
    },
    final(cb) {
      if (!socket.destroyed) socket.end();
      cb();
    },
  });
}

const forwarders = new Map<string, net.Server>();

/**
 * Listens on `localPath` (once per process and path) and pipes each connection to `podSocket` in the pod. The
 * socket file exists when this returns: net.Server binds a Unix socket synchronously.
 */
export function ensureAdminForwarder(kc: KubeConfig, localPath: string, target: PodTarget, podSocket: string): void {
  if (forwarders.has(localPath)) return;
  mkdirSync(path.dirname(localPath), { recursive: true, mode: 0o700 });
  rmSync(localPath, { force: true });
  const server = net.createServer((socket) => {
    socket.on("error", () => socket.destroy());
    const sink = new PassThrough();
    sink.resume();
    new Exec(kc)
      .exec(
        target.namespace,
        target.pod,
        CONTAINER,
        ["socat", "STDIO", `UNIX-CONNECT:${podSocket}`],
        into(socket),
        sink,
        socket,
        false,
      )
      .then((ws) => {
        ws.addEventListener("close", () => socket.end());
        socket.on("close", () => ws.close());
      })
      .catch(() => socket.destroy());
  });
  // A socket that cannot listen is forgotten, so that the next adminChannel() tries again; meanwhile the driver's
  // connections fail and say so.
  server.on("error", () => {
    if (forwarders.get(localPath) === server) forwarders.delete(localPath);
    server.close();
  });
  server.listen(localPath);
  server.unref();
  forwarders.set(localPath, server);
}

/** Stops forwarding `localPath` (the instance is gone). */
export function closeAdminForwarder(localPath: string): void {
  const server = forwarders.get(localPath);
  if (!server) return;
  forwarders.delete(localPath);
  server.close();
  rmSync(localPath, { force: true });
}
