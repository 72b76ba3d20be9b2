import { type EjabberdKindOptions, ejabberdKind } from "./ejabberd/index.ts";
import type { AdminChannel, ServerKind, ServerName } from "./kind.ts";
import { type ProsodyKindOptions, prosodyKind } from "./prosody/index.ts";

export interface ServerKindOptions {
  prosody?: ProsodyKindOptions;
  ejabberd?: EjabberdKindOptions;
}

/** Every server kind the platform runs, keyed by name: a kind missing here fails the type check. */
export function serverKinds(opts: ServerKindOptions = {}): { [N in ServerName]: ServerKind } {
  return { prosody: prosodyKind(opts.prosody), ejabberd: ejabberdKind(opts.ejabberd) };
}

const defaults = serverKinds();

/** The kind with default options (the binaries Debian installs). */
export function serverKind(name: ServerName): ServerKind {
  const kind = defaults[name];
  if (!kind) throw new TypeError(`unknown server kind ${JSON.stringify(name)}`);
  return kind;
}

/** The driver of a server of the given kind, over its admin channel. */
export function createDriver(server: ServerName, channel: AdminChannel, opts?: { timeoutMs?: number }) {
  return serverKind(server).createDriver(channel, opts);
}
