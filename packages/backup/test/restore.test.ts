import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "@xmpp-host/runtime/testing";
import { afterAll, describe, expect, it } from "vitest";
import {
  RestoreRecoveryError,
  type RestoreStep,
  recoverInterruptedRestore,
  restoreDataDir,
  restoreJournalPath,
  stagingDirFor,
} from "../src/index.ts";

class Crash extends Error {}

describe("restoreDataDir and recoverInterruptedRestore", () => {
  const tmp = tempDir("xh-restore-");
  afterAll(() => tmp.remove());
  let n = 0;

  /** An instance directory with live data "old" and a staging directory with "new". */
  function setup(withOldData = true) {
    const inst = path.join(tmp.dir, `inst-${++n}`);
    mkdirSync(inst);
    const dataDir = path.join(inst, "data");
    if (withOldData) {
      mkdirSync(path.join(dataDir, "h"), { recursive: true });
      writeFileSync(path.join(dataDir, "h", "file"), "old");
      writeFileSync(path.join(dataDir, "h", "only-in-old"), "old");
    }
    const stagingDir = stagingDirFor(dataDir);
    mkdirSync(path.join(stagingDir, "h"), { recursive: true });
    writeFileSync(path.join(stagingDir, "h", "file"), "new");
    /** "old", "new", or "none"; and it must never be a mix. */
    const content = () => {
      if (!existsSync(dataDir)) return "none";
      const v = readFileSync(path.join(dataDir, "h", "file"), "utf8");
      expect(existsSync(path.join(dataDir, "h", "only-in-old"))).toBe(v === "old");
      return v;
    };
    /** Everything in the instance directory apart from the data directory itself. */
    const leftovers = () => readdirSync(inst).filter((e) => e !== "data");
    return { inst, dataDir, stagingDir, content, leftovers };
  }

  /** A restore that crashes just after moving the live data aside (`first` runs before the crash). */
  async function crashAfterMovingOld(s: ReturnType<typeof setup>, first?: () => void) {
    const afterStep = (at: string) => {
      if (at !== "moved-old") return;
      first?.();
      throw new Crash(at);
    };
    await expect(restoreDataDir({ stagingDir: s.stagingDir, dataDir: s.dataDir, afterStep })).rejects.toThrow(Crash);
  }

  it("swaps the staging directory in and cleans up", async () => {
    const s = setup();
    await restoreDataDir({ stagingDir: s.stagingDir, dataDir: s.dataDir });
    expect(s.content()).toBe("new");
    expect(s.leftovers()).toEqual([]);
    expect(await recoverInterruptedRestore(s.dataDir)).toBe("clean");
  });

  it("restores into an instance that had no data directory", async () => {
    const s = setup(false);
    await restoreDataDir({ stagingDir: s.stagingDir, dataDir: s.dataDir });
    expect(s.content()).toBe("new");
    expect(s.leftovers()).toEqual([]);
  });

  // Each crash point, what recovery must conclude, and the data it must leave.
  const cases: [RestoreStep, "completed" | "rolled-back", "old" | "new"][] = [
    ["journal", "rolled-back", "old"],
    ["moved-old", "completed", "new"],
    ["moved-new", "completed", "new"],
    ["removed-old", "completed", "new"],
  ];
  for (const [step, outcome, data] of cases) {
    it(`after a crash at "${step}", recovery ${outcome === "completed" ? "finishes" : "rolls back"} the swap`, async () => {
      const s = setup();
      const crash = (at: RestoreStep) => {
        if (at === step) throw new Crash(step);
      };
      await expect(restoreDataDir({ stagingDir: s.stagingDir, dataDir: s.dataDir, afterStep: crash })).rejects.toThrow(
        Crash,
      );
      expect(existsSync(restoreJournalPath(s.dataDir))).toBe(true);
      if (step === "moved-old") expect(s.content()).toBe("none"); // the one dangerous moment
      expect(await recoverInterruptedRestore(s.dataDir)).toBe(outcome);
      expect(s.content()).toBe(data);
      expect(existsSync(restoreJournalPath(s.dataDir))).toBe(false);
      // No old copy is left over; a rolled-back staging directory stays for the caller to retry or remove.
      expect(s.leftovers()).toEqual(outcome === "rolled-back" ? [path.basename(s.stagingDir)] : []);
      expect(await recoverInterruptedRestore(s.dataDir)).toBe("clean");
    });
  }

  it("a new restore first resolves an interrupted one", async () => {
    const s = setup();
    await crashAfterMovingOld(s);
    const staging2 = stagingDirFor(s.dataDir);
    mkdirSync(path.join(staging2, "h"), { recursive: true });
    writeFileSync(path.join(staging2, "h", "file"), "newer");
    await restoreDataDir({ stagingDir: staging2, dataDir: s.dataDir });
    expect(readFileSync(path.join(s.dataDir, "h", "file"), "utf8")).toBe("newer");
    expect(s.leftovers()).toEqual([]);
  });

  it("puts the old data back if the staging directory vanished between the renames", async () => {
    const s = setup();
    await crashAfterMovingOld(s, () => rmSync(s.stagingDir, { recursive: true }));
    expect(await recoverInterruptedRestore(s.dataDir)).toBe("rolled-back");
    expect(s.content()).toBe("old");
    expect(s.leftovers()).toEqual([]);
  });

  it("refuses to guess when neither the data nor the old copy exists, keeping the journal", async () => {
    const s = setup();
    await crashAfterMovingOld(s);
    const old = s.leftovers().find((e) => e.startsWith("data.old-")) as string;
    renameSync(path.join(s.inst, old), path.join(tmp.dir, `elsewhere-${n}`));
    rmSync(s.stagingDir, { recursive: true });
    await expect(recoverInterruptedRestore(s.dataDir)).rejects.toBeInstanceOf(RestoreRecoveryError);
    expect(existsSync(restoreJournalPath(s.dataDir))).toBe(true);
  });

  it("refuses, before touching anything, a staging directory it cannot rename into place", async () => {
    const s = setup();
    // /dev/shm is a tmpfs: another filesystem than the temp directory's.
    const foreign = tempDir("xh-foreign-");
    const shm = path.join("/dev/shm", path.basename(foreign.dir));
    foreign.remove();
    mkdirSync(shm);
    try {
      await expect(restoreDataDir({ stagingDir: shm, dataDir: s.dataDir })).rejects.toThrow(/another filesystem/);
    } finally {
      rmSync(shm, { recursive: true, force: true });
    }
    await expect(restoreDataDir({ stagingDir: path.join(s.dataDir, "h"), dataDir: s.dataDir })).rejects.toThrow(
      /inside the data directory/,
    );
    await expect(restoreDataDir({ stagingDir: path.join(s.inst, "missing"), dataDir: s.dataDir })).rejects.toThrow(
      /does not exist/,
    );
    expect(s.content()).toBe("old");
    expect(existsSync(restoreJournalPath(s.dataDir))).toBe(false);
  });
});
