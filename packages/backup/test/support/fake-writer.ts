/**
 * A stand-in for Prosody's storage under write load, as a separate process that snapshotInstance can
 * SIGSTOP: it appends list items in two write() calls each (as Prosody's stdio does for items over
 * 8 KiB) and replaces a key-value file through `file~` + rename (as Prosody's atomic_store does).
 *
 * Layout: <dir>/host/archive/u<i>.list (i < files), <dir>/host/progress.dat.
 * Round r appends item r to u0, u1, ... in order, then stores progress = r + 1. So in any real state:
 * item counts never increase along the file order, differ by at most one, and the smallest is
 * `progress` or `progress + 1`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const SCRIPT = String.raw`
const fs = require("node:fs");
const path = require("node:path");
const [dir, files, prefillBytes, mode] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const host = path.join(dir, "host");
fs.mkdirSync(path.join(host, "archive"), { recursive: true });
const pad = "x".repeat(900);
const item = (r, f) => 'item({\n\t["n"] = ' + r + ';\n\t["f"] = ' + f + ';\n\t["pad"] = "' + pad + '";\n});\n';
const store = (file, text) => { fs.writeFileSync(file + "~", text); fs.renameSync(file + "~", file); };
const fds = [];
let round = 0;
const perRound = Buffer.byteLength(item(0, 0)) * files;
const prefillRounds = Math.ceil(prefillBytes / perRound);
for (let f = 0; f < files; f++) {
  const file = path.join(host, "archive", "u" + f + ".list");
  let text = "";
  for (let r = 0; r < prefillRounds; r++) text += item(r, f);
  fs.writeFileSync(file, text);
  fds.push(fs.openSync(file, "r+"));
}
round = prefillRounds;
store(path.join(host, "progress.dat"), "return { progress = " + round + " };\n");
const append = (fd, text, split) => {
  const b = Buffer.from(text);
  const pos = fs.fstatSync(fd).size;
  fs.writeSync(fd, b, 0, split, pos);
  return () => fs.writeSync(fd, b, split, b.length - split, pos + split);
};
if (mode === "torn") {
  // Leave the next item half written, as a stopped Prosody could, and wait to be killed.
  append(fds[0], item(round, 0), 50);
  process.stdout.write("torn\n");
  setInterval(() => {}, 1000);
} else {
  process.stdout.write("ready\n");
  for (;;) {
    for (let f = 0; f < files; f++) {
      const text = item(round, f);
      append(fds[f], text, 1 + Math.floor(Math.random() * (text.length - 2)))();
    }
    round++;
    store(path.join(host, "progress.dat"), "return { progress = " + round + " };\n");
  }
}
`;

export interface FakeWriter {
  child: ChildProcess;
  pid: number;
  stop(): Promise<void>;
}

/** Starts the writer; resolves once it has prefilled its files and is appending (or is torn). */
export async function startFakeWriter(opts: {
  dir: string;
  files: number;
  prefillBytes: number;
  mode: "load" | "torn";
}): Promise<FakeWriter> {
  const child = spawn(
    process.execPath,
    ["-e", SCRIPT, opts.dir, String(opts.files), String(opts.prefillBytes), opts.mode],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`fake writer exited (${code})`)));
    child.stdout?.once("data", () => resolve());
  });
  child.removeAllListeners("exit");
  const pid = child.pid as number;
  return {
    child,
    pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGCONT");
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Item counts per list file and the stored progress, read from a copy of the writer's directory. */
export function readWriterState(dir: string, files: number): { counts: number[]; progress: number } {
  const counts: number[] = [];
  for (let f = 0; f < files; f++) {
    const text = readFileSync(path.join(dir, "host", "archive", `u${f}.list`), "latin1");
    counts.push(text.split("\n});\n").length - 1);
  }
  const m = readFileSync(path.join(dir, "host", "progress.dat"), "utf8").match(/progress = (\d+)/);
  return { counts, progress: Number(m?.[1]) };
}

/** The invariant every real state of the writer satisfies (see the top of this file). */
export function isConsistentWriterState(s: { counts: number[]; progress: number }): boolean {
  const min = Math.min(...s.counts);
  const max = Math.max(...s.counts);
  const nonIncreasing = s.counts.every((c, i) => i === 0 || c <= (s.counts[i - 1] as number));
  return nonIncreasing && max - min <= 1 && (min === s.progress || min === s.progress + 1);
}
