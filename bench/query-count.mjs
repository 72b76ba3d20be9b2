// Counts the SQL statements a process sends to PostgreSQL, for bench:provision's queries per account. Imported by the
// benchmark itself (the API runs in its process) and preloaded into the worker's process with
// NODE_OPTIONS=--import=<this file>; there SIGUSR2 writes the count to BENCH_QUERY_COUNT_FILE. With
// BENCH_QUERY_LOG set, each statement's first line is kept too (see statements()).
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const pg = require("pg");
globalThis.__benchQueries ??= { count: 0, log: null };
const state = globalThis.__benchQueries;

if (!pg.Client.prototype.__benchCounted) {
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function counted(config, ...rest) {
    state.count++;
    if (state.log) {
      const text = typeof config === "string" ? config : (config?.text ?? "");
      state.log.push(text.replace(/\s+/g, " ").slice(0, 160));
    }
    return query.call(this, config, ...rest);
  };
  pg.Client.prototype.__benchCounted = true;
}

const file = process.env.BENCH_QUERY_COUNT_FILE;
if (file) {
  process.on("SIGUSR2", () => writeFileSync(file, String(state.count)));
}

/** Statements sent by this process so far. */
export function queryCount() {
  return state.count;
}

/** Keeps the statements sent from now on (or stops with `false`); returns those kept so far. */
export function statements(keep = true) {
  const kept = state.log ?? [];
  state.log = keep ? [] : null;
  return kept;
}
