/**
 * Swapping a verified staging directory in for an instance's data directory, so that a crash at any
 * point leaves either the old or the new data in place, never a mix. The caller stops the instance
 * before and starts it after.
 *
 * Steps (each rename is atomic, and the parent directory is fsynced after it):
 *   1. write the journal  <dataDir>.restore.json  {stagingDir, oldDir, hadData}
 *   2. rename dataDir    → oldDir (<dataDir>.old-<ts>)      (skipped when there was no data)
 *   3. rename stagingDir → dataDir
 *   4. remove oldDir
 *   5. remove the journal
 *
 * recoverInterruptedRestore(dataDir) reads the journal and decides from what exists
 * (D = dataDir, O = oldDir, S = stagingDir):
 *   no journal          → "clean": nothing was in progress
 *   D, S, no O          → crashed before step 2: roll back (the live data was never moved)
 *   O, S, no D          → crashed between 2 and 3: finish (rename S → D), the staging was verified
 *   D, O (S or not)     → crashed after 3: finish (remove O)
 *   D only              → crashed in 5: finish
 *   O only              → the staging vanished between 2 and 3: roll back (rename O → D)
 *   none of D and O     → cannot tell: throws, for a human to look at
 * (Without old data, "D" means the restore happened and "no D" that it did not.)
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { fsyncDir } from "./paths.ts";

export type RestoreStep = "journal" | "moved-old" | "moved-new" | "removed-old";

export interface RestoreDataDirOptions {
  /** The extracted, verified data (extractBackup's destDir); must be on the same filesystem as dataDir. */
  stagingDir: string;
  dataDir: string;
  /** Called after each step; for tests that simulate a crash by throwing. */
  afterStep?: (step: RestoreStep) => void | Promise<void>;
}

interface Journal {
  version: 1;
  stagingDir: string;
  oldDir: string;
  hadData: boolean;
  startedAt: string;
}

export type RecoveryOutcome = "clean" | "completed" | "rolled-back";

/** Raised when the directories are in a state no interrupted restore can produce. */
export class RestoreRecoveryError extends Error {
  override readonly name = "RestoreRecoveryError";
}

export function restoreJournalPath(dataDir: string): string {
  return `${path.resolve(dataDir)}.restore.json`;
}

/** A fresh staging path beside the data directory (same filesystem, so the swap can rename). */
export function stagingDirFor(dataDir: string): string {
  return `${path.resolve(dataDir)}.staging-${Date.now()}-${randomBytes(4).toString("hex")}`;
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return false;
      throw err;
    },
  );

/** Writes through a temporary file, fsync and rename, so the journal is either absent or complete. */
async function writeJournal(file: string, journal: Journal): Promise<void> {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, JSON.stringify(journal), { mode: 0o600, flush: true });
  await rename(tmp, file);
  await fsyncDir(path.dirname(file));
}

async function readJournal(file: string): Promise<Journal | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  const j = JSON.parse(text) as Journal;
  if (j.version !== 1 || typeof j.stagingDir !== "string" || typeof j.oldDir !== "string") {
    throw new RestoreRecoveryError(`unreadable restore journal ${file}`);
  }
  return j;
}

export async function restoreDataDir(opts: RestoreDataDirOptions): Promise<void> {
  const dataDir = path.resolve(opts.dataDir);
  const stagingDir = path.resolve(opts.stagingDir);
  const parent = path.dirname(dataDir);
  const step = async (s: RestoreStep) => {
    await opts.afterStep?.(s);
  };

  // Finish or undo an earlier attempt first, so this one starts from a known state.
  await recoverInterruptedRestore(dataDir);

  const staging = await stat(stagingDir).catch(() => null);
  if (!staging?.isDirectory()) throw new Error(`staging directory ${stagingDir} does not exist`);
  if (stagingDir === dataDir || stagingDir.startsWith(`${dataDir}${path.sep}`)) {
    throw new Error("the staging directory must not be inside the data directory");
  }
  await mkdir(parent, { recursive: true });
  if (staging.dev !== (await stat(parent)).dev) {
    throw new Error(
      `staging directory ${stagingDir} is on another filesystem than ${dataDir}; rename cannot swap them`,
    );
  }
  const hadData = await exists(dataDir);
  const oldDir = `${dataDir}.old-${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(3).toString("hex")}`;
  const journalFile = restoreJournalPath(dataDir);
  await writeJournal(journalFile, {
    version: 1,
    stagingDir,
    oldDir,
    hadData,
    startedAt: new Date().toISOString(),
  });
  await step("journal");
  if (hadData) {
    await rename(dataDir, oldDir);
    await fsyncDir(parent);
    await step("moved-old");
  }
  await rename(stagingDir, dataDir);
  await fsyncDir(parent);
  if (path.dirname(stagingDir) !== parent) await fsyncDir(path.dirname(stagingDir));
  await step("moved-new");
  if (hadData) {
    await rm(oldDir, { recursive: true, force: true });
    await step("removed-old");
  }
  await unlink(journalFile);
  await fsyncDir(parent);
}

/** Finishes or rolls back a restore that was interrupted (see the table at the top of this file). */
export async function recoverInterruptedRestore(dataDirIn: string): Promise<RecoveryOutcome> {
  const dataDir = path.resolve(dataDirIn);
  const journalFile = restoreJournalPath(dataDir);
  const j = await readJournal(journalFile);
  if (!j) return "clean";
  const parent = path.dirname(dataDir);
  const D = await exists(dataDir);
  const O = await exists(j.oldDir);
  const S = await exists(j.stagingDir);
  const done = async (outcome: RecoveryOutcome): Promise<RecoveryOutcome> => {
    await unlink(journalFile);
    await fsyncDir(parent);
    return outcome;
  };

  if (!j.hadData) return await done(D ? "completed" : "rolled-back");
  if (D && !O) return await done(S ? "rolled-back" : "completed");
  if (D && O) {
    await rm(j.oldDir, { recursive: true, force: true });
    return await done("completed");
  }
  if (!D && O && S) {
    await rename(j.stagingDir, dataDir);
    await fsyncDir(parent);
    await rm(j.oldDir, { recursive: true, force: true });
    return await done("completed");
  }
  if (!D && O && !S) {
    await rename(j.oldDir, dataDir);
    await fsyncDir(parent);
    return await done("rolled-back");
  }
  throw new RestoreRecoveryError(
    `restore of ${dataDir} was interrupted and neither the data directory nor ${j.oldDir} exists; the journal ${journalFile} is kept for inspection`,
  );
}
