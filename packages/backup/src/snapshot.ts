/**
 * A consistent copy of a running Prosody's `data_path`.
 *
 * What Prosody 0.12's internal storage does on disk (checked with strace on 0.12.3):
 * - key-value stores (`*.dat`) are rewritten whole: write `<file>~`, then rename over `<file>`;
 * - list stores (`*.list`: MAM archives, offline messages, MUC logs) are appended in place:
 *   open O_RDWR, fallocate(KEEP_SIZE), then stdio write(s). An item larger than the stdio buffer
 *   (8 KiB) takes several write() calls, so a reader can see half an item;
 * - nothing is fsynced, and the server is one single-threaded process that writes synchronously.
 *
 * Strategy: stop the process with SIGSTOP, wait until the kernel reports it stopped, copy every
 * regular file, SIGCONT (in a finally). A stopped single-threaded process leaves the files exactly as a
 * SIGKILL at that instant would ("crash-consistent"), which Prosody's storage is built to survive:
 * - a `*.dat~` scratch file means its rename has not happened, so the `.dat` beside it is the committed
 *   state: scratch files are not copied;
 * - the process can be stopped between the write() calls of one large list item; being single-threaded it
 *   has at most one such append in progress. Cutting that file back to its last complete item gives the
 *   exact state from just before that append began, i.e. a real past state of the whole data directory.
 *   (More than one torn file can only come from older damage, e.g. a crash; those are cut the same way
 *   and reported in `repaired`, since Prosody could not load them anyway.)
 * The copy goes through the page cache, so it sees every write the server made even without fsync.
 * A detached watchdog resumes the server if this process dies while it is stopped, and a pause longer
 * than `maxPauseMs` is aborted (the server is resumed and the copy discarded).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, constants as fsConstants } from "node:fs";
import { copyFile, lstat, mkdir, mkdtemp, open, readdir, readFile, rm, stat, truncate } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { SnapshotError } from "./errors.ts";

export interface SnapshotFile {
  /** Relative to the data directory, with "/" separators. */
  path: string;
  size: number;
  /** Hex SHA-256 of the copied content. */
  sha256: string;
  /** Permission bits of the original. */
  mode: number;
}

export interface SnapshotOptions {
  /** Prosody's data_path. */
  dataDir: string;
  /** The running server's PID, or null/undefined when the instance is stopped (then it is just copied). */
  pid?: number | null;
  /** The copy is made in a new directory under this one. */
  tmpDir: string;
  /** Longest the server may stay stopped; a longer copy is aborted. Default 30 s. */
  maxPauseMs?: number;
  /** Files copied in parallel while the server is stopped. Default 8. */
  concurrency?: number;
  /**
   * Copy only these top-level entries of the data directory (one domain's host directories on a shared server);
   * default everything. Names that do not exist are simply absent from the copy.
   */
  only?: string[];
}

export interface SnapshotResult {
  /** The copy (caller removes it when done). */
  dir: string;
  files: SnapshotFile[];
  /** How long the server was stopped (0 when it was not running). */
  pausedMs: number;
  /** List files whose torn last item was cut off in the copy. */
  repaired: string[];
  /** Entries not copied: sockets, FIFOs, symlinks and Prosody's `~` scratch files. */
  skipped: string[];
}

const WATCHDOG_MARGIN_MS = 5_000;
const STOP_CONFIRM_TIMEOUT_MS = 2_000;

export async function snapshotInstance(opts: SnapshotOptions): Promise<SnapshotResult> {
  const dataDir = path.resolve(opts.dataDir);
  const maxPauseMs = opts.maxPauseMs ?? 30_000;
  const concurrency = opts.concurrency ?? 8;
  const only = opts.only ? new Set(opts.only) : null;
  const info = await stat(dataDir).catch(() => null);
  if (!info?.isDirectory()) throw new SnapshotError(`data directory ${dataDir} does not exist`);
  await mkdir(opts.tmpDir, { recursive: true });
  const dir = await mkdtemp(path.join(opts.tmpDir, "snapshot-"));
  try {
    const skipped: string[] = [];
    let copied: CopiedFile[];
    let pausedMs = 0;
    if (opts.pid === null || opts.pid === undefined) {
      copied = await copyTree(dataDir, dir, skipped, concurrency, Number.POSITIVE_INFINITY, only);
    } else {
      const r = await whilePaused(opts.pid, maxPauseMs, (deadline) =>
        copyTree(dataDir, dir, skipped, concurrency, deadline, only),
      );
      copied = r.result;
      pausedMs = r.pausedMs;
    }
    // Everything from here on works on the copy, with the server running again.
    const repaired: string[] = [];
    for (const f of copied) {
      if (f.path.endsWith(".list") && (await cutTornListTail(path.join(dir, f.path)))) repaired.push(f.path);
    }
    const files = await mapLimit(copied, 4, async (f) => {
      const file = path.join(dir, f.path);
      const { size } = await stat(file);
      return { path: f.path, size, sha256: await sha256File(file), mode: f.mode };
    });
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { dir, files, pausedMs, repaired, skipped: skipped.sort() };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

interface CopiedFile {
  path: string;
  mode: number;
}

/** Copies the regular files of `src` into `dst` (which exists), keeping the tree; gives up after `deadline`. */
async function copyTree(
  src: string,
  dst: string,
  skipped: string[],
  concurrency: number,
  deadline: number,
  only: Set<string> | null = null,
): Promise<CopiedFile[]> {
  const files: { rel: string; mode: number }[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(src, rel), { withFileTypes: true });
    for (const e of entries) {
      if (rel === "" && only && !only.has(e.name)) continue;
      const child = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        await mkdir(path.join(dst, child));
        await walk(child);
      } else if (e.isFile() && !e.name.endsWith("~")) {
        files.push({ rel: child, mode: (await lstat(path.join(src, child))).mode & 0o7777 });
      } else {
        skipped.push(child);
      }
    }
    if (performance.now() > deadline) throw new SnapshotError("snapshot aborted: the pause limit was reached");
  };
  await walk("");
  await mapLimit(files, concurrency, async (f) => {
    // copyFile uses copy_file_range and keeps the permission bits.
    await copyFile(path.join(src, f.rel), path.join(dst, f.rel), fsConstants.COPYFILE_EXCL);
    if (performance.now() > deadline) throw new SnapshotError("snapshot aborted: the pause limit was reached");
  });
  return files.map((f) => ({ path: f.rel, mode: f.mode }));
}

/** Runs `fn` while `pid` is stopped, and always resumes it. */
async function whilePaused<T>(
  pid: number,
  maxPauseMs: number,
  fn: (deadline: number) => Promise<T>,
): Promise<{ result: T; pausedMs: number }> {
  if (!Number.isInteger(pid) || pid <= 1 || pid === process.pid) throw new SnapshotError(`refusing to stop PID ${pid}`);
  if ((await threadStates(pid)) === null) throw new SnapshotError(`process ${pid} is not running`);
  const watchdog = await startResumeWatchdog(pid, maxPauseMs + WATCHDOG_MARGIN_MS);
  let started = 0;
  let pausedMs = 0;
  let result: T;
  try {
    started = performance.now();
    try {
      process.kill(pid, "SIGSTOP");
    } catch (err) {
      throw new SnapshotError(`cannot stop process ${pid}: ${(err as Error).message}`);
    }
    try {
      // kill() returns before the target has stopped; copying before then would race its writes.
      await waitStopped(pid, STOP_CONFIRM_TIMEOUT_MS);
      result = await fn(started + maxPauseMs);
    } finally {
      try {
        process.kill(pid, "SIGCONT");
      } catch {
        // gone: nothing to resume
      }
      pausedMs = performance.now() - started;
    }
  } finally {
    watchdog.cancel();
  }
  // Past the limit the watchdog may have resumed the server mid-copy: such a copy cannot be trusted.
  if (pausedMs > maxPauseMs) throw new SnapshotError(`snapshot aborted: paused ${Math.round(pausedMs)} ms`);
  return { result, pausedMs };
}

/** State letters (R, S, D, T, Z, ...) of every thread of `pid`, or null when it does not exist. */
async function threadStates(pid: number): Promise<string[] | null> {
  try {
    const tids = await readdir(`/proc/${pid}/task`);
    const states: string[] = [];
    for (const tid of tids) {
      const s = await readFile(`/proc/${pid}/task/${tid}/stat`, "utf8").catch(() => "");
      // "tid (comm) S ...": comm may hold spaces and parentheses, so read after the last ")".
      const state = s.slice(s.lastIndexOf(")") + 2, s.lastIndexOf(")") + 3);
      if (state) states.push(state);
    }
    return states.length > 0 ? states : null;
  } catch {
    return null;
  }
}

async function waitStopped(pid: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const states = await threadStates(pid);
    if (states === null || states.includes("Z") || states.includes("X")) {
      throw new SnapshotError(`process ${pid} exited while being stopped`);
    }
    if (states.every((s) => s === "T")) return;
    if (performance.now() > deadline) throw new SnapshotError(`process ${pid} did not stop within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/**
 * A detached shell that sends SIGCONT to `pid` after `afterMs`, in case this process dies while the
 * server is stopped. cancel() kills it (its whole process group: the shell and its `sleep`).
 */
export async function startResumeWatchdog(pid: number, afterMs: number): Promise<{ pid: number; cancel(): void }> {
  const seconds = (Math.max(afterMs, 1) / 1000).toFixed(3);
  const child = spawn("/bin/sh", ["-c", `sleep ${seconds}; kill -CONT ${pid}`], { detached: true, stdio: "ignore" });
  await new Promise<void>((resolve, reject) => {
    child.once("spawn", () => resolve());
    child.once("error", (err) => reject(new SnapshotError(`cannot start the resume watchdog: ${err.message}`)));
  });
  child.unref();
  const wpid = child.pid as number;
  return {
    pid: wpid,
    cancel() {
      try {
        process.kill(-wpid, "SIGKILL");
      } catch {
        // already finished
      }
    },
  };
}

/**
 * If the list file does not end with a complete item, cuts it back to its last complete one.
 * Prosody writes each item as `item({ ... });\n`, pretty-printed: nested lines are indented with tabs and
 * strings never hold a raw newline (the serializer escapes control characters), so the only line that
 * starts in column 0 and ends with ");" is the last line of an item. Returns true if it cut something.
 */
export async function cutTornListTail(file: string): Promise<boolean> {
  const { size } = await stat(file);
  if (size === 0) return false;
  let window = Math.min(size, 64 * 1024);
  for (;;) {
    const start = size - window;
    const buf = Buffer.alloc(window);
    const fh = await open(file, "r");
    try {
      await fh.read(buf, 0, window, start);
    } finally {
      await fh.close();
    }
    const text = buf.toString("latin1"); // byte offsets stay byte offsets
    const end = lastCompleteItemEnd(text, start === 0);
    if (end !== null) {
      const keep = start + end;
      if (keep === size) return false;
      await truncate(file, keep);
      return true;
    }
    if (start === 0) {
      await truncate(file, 0);
      return true;
    }
    window = Math.min(size, window * 4);
  }
}

/** Offset just after the last complete item in `text`, or null if none is in it. */
export function lastCompleteItemEnd(text: string, atFileStart: boolean): number | null {
  let lineEnd = text.length;
  if (text.endsWith("\n")) lineEnd = text.length - 1;
  else {
    const nl = text.lastIndexOf("\n");
    if (nl < 0) return null;
    lineEnd = nl;
  }
  for (;;) {
    const lineStart = text.lastIndexOf("\n", lineEnd - 1) + 1;
    // Without a newline before it, the first line of a window may be the tail of a longer line.
    if (lineStart === 0 && !atFileStart) return null;
    const line = text.slice(lineStart, lineEnd);
    if (line.length > 0 && !/^\s/.test(line) && line.endsWith(");")) return lineEnd + 1;
    if (lineStart === 0) return null;
    lineEnd = lineStart - 1;
  }
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

/**
 * Maps with at most `limit` calls in flight. After a failure no new call starts, and it waits for the
 * running ones before throwing, so nothing is still writing when the caller cleans up.
 */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failure: { err: unknown } | null = null;
  const worker = async () => {
    while (!failure && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i] as T);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw (failure as { err: unknown }).err;
  return out;
}
